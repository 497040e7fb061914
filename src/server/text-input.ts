import { visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { badInput } from '../kernel/errors.js';
import { UNSTORABLE_TEXT } from '../db/storable-text.js';

/** A value met while walking the variables: where it sits, by its key and its parent. */
interface Visit {
  value: unknown;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  let path = '';
  for (let v: Visit | null = visit; v && v.key !== null; v = v.parent) {
    path = typeof v.key === 'number' ? `[${v.key}]${path}` : v.parent?.key === null ? `${v.key}${path}` : `.${v.key}${path}`;
  }
  return path;
}

/**
 * The path of the first string no column can store, in document order, or null. A loop, not
 * recursion: variables may nest deeper than the call stack (a few kilobytes of brackets), and
 * a path is written out only for the string found.
 */
function unstorablePath(variables: unknown): string | null {
  const pending: Visit[] = [{ value: variables, key: null, parent: null }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const { value } = visit;
    if (typeof value === 'string') {
      if (UNSTORABLE_TEXT.test(value)) return pathOf(visit);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push({ value: value[i], key: i, parent: visit });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) pending.push({ value: entries[i]![1], key: entries[i]![0], parent: visit });
    }
  }
  return null;
}

function documentHasUnstorable(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (UNSTORABLE_TEXT.test(node.value)) found = true;
    },
  });
  return found;
}

/**
 * Refuses, before any resolver runs, a request whose arguments hold text no column can
 * store: a clear BAD_USER_INPUT naming the variable, instead of a database error later.
 */
export const storableTextPlugin = (): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const variable = unstorablePath(request.variables ?? {});
        if (variable) throw badInput(`Variable "${variable}" holds text that cannot be stored (a NUL character or half of a surrogate pair)`, { variable, http: { status: 400 } });
        if (documentHasUnstorable(document)) throw badInput('The query holds text that cannot be stored (a NUL character or half of a surrogate pair)', { http: { status: 400 } });
      },
    };
  },
});
