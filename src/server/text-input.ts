import { visit, type DocumentNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { badInput } from './errors.js';
import { UNSTORABLE_TEXT } from '../db/storable-text.js';


function unstorablePath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return UNSTORABLE_TEXT.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = unstorablePath(v, path ? `${path}.${key}` : key);
      if (found) return found;
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
        const variable = unstorablePath(request.variables ?? {}, '');
        if (variable) throw badInput(`Variable "${variable}" holds text that cannot be stored (a NUL character or half of a surrogate pair)`, { variable, http: { status: 400 } });
        if (documentHasUnstorable(document)) throw badInput('The query holds text that cannot be stored (a NUL character or half of a surrogate pair)', { http: { status: 400 } });
      },
    };
  },
});
