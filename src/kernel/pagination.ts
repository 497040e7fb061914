import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

/** Relay page information, shared by every connection. */
@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean)
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** Opaque cursors: base64url of a JSON tuple, so clients cannot depend on their shape. */
export function encodeCursor(parts: unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parts) ? parts : null;
  } catch {
    return null;
  }
}

export const MAX_PAGE_SIZE = 100;

/**
 * The arguments of every connection field: `first` (default 20, at most MAX_PAGE_SIZE) and
 * `after`. Declared `after` first: the printed schema lists them so (type-graphql printed
 * the former per-argument decorators in reverse).
 */
@ArgsType()
export class ConnectionArgs {
  /** Absent when the client gives none: pass `after ?? null` on. */
  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { defaultValue: 20 })
  first: number;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** A Relay connection type (and its edge type) for one node type. */
export function connectionType<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return Connection as ClassType<Page<T>>;
}

/** Every connection pages at most MAX_PAGE_SIZE nodes at a time. */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'first' });
  }
}

/** Checks `first` and decodes `after` for a keyset page over a numeric id, newest first or oldest first. */
export function keysetArgs(first: number, after: string | null | undefined): { limit: number; afterId: number | null } {
  checkPageSize(first);
  if (after === null || after === undefined) return { limit: first, afterId: null };
  const [id] = decodeCursor(after) ?? [];
  if (!Number.isSafeInteger(id)) {
    throw badInput('The cursor given in "after" is not one this connection issued', { argument: 'after' });
  }
  return { limit: first, afterId: id as number };
}

/** Builds a page from rows fetched with limit + 1 (the extra row says whether more follow). */
export function toPage<T>(
  rows: T[],
  limit: number,
  hadCursor: boolean,
  cursorOf: (node: T) => unknown[] = (node) => [(node as { id: number }).id],
): Page<T> {
  const edges = rows.slice(0, limit).map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: hadCursor,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
