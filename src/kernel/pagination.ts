import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { asc, desc, gt, lt, type AnyColumn, type SQL } from 'drizzle-orm';
import { badInput } from './errors.js';

/** Relay page information, shared by every connection. */
@ObjectType({ description: 'Where a page stands in its list (Relay): whether more pages follow or precede, and the cursors to reach them.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether nodes follow this page (page on with after: endCursor).' })
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Whether nodes precede this page.' })
  hasPreviousPage: boolean;

  @Field(() => String, { description: 'The cursor of the first edge of the page; null for an empty page.', nullable: true })
  startCursor: string | null;

  @Field(() => String, { description: 'The cursor of the last edge of the page; null for an empty page.', nullable: true })
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

/** The arguments of every connection field: `first` (default 20, at most MAX_PAGE_SIZE) and `after`. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: `How many nodes to return, from 0 to ${MAX_PAGE_SIZE}.` })
  first: number;

  /** Absent when the client gives none: pass `after ?? null` on. */
  @Field(() => String, { nullable: true, description: "Return the nodes after this cursor (an edge's cursor or pageInfo.endCursor)." })
  after?: string | null;
}

/** Connection arguments of the lists users page back through as well: `last` and `before` too. */
@ArgsType()
export class BidirectionalConnectionArgs extends ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page backward: how many nodes (0 to ${MAX_PAGE_SIZE}) to return just before \`before\`, or at the end of the list; they come in the list's order. \`first\` is then ignored.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return the nodes before this cursor (an edge's cursor or pageInfo.startCursor)." })
  before?: string | null;
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A getter, so the count runs only when the field is asked for; absent where counting is not cheap. */
  readonly totalCount?: Promise<number | null>;
}

/**
 * A Relay connection type (and its edge type) for one node type; with `totalCount`, the
 * connection also says how many nodes the whole list holds (for lists where a count is cheap).
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, options: { totalCount?: boolean } = {}) {
  @ObjectType(`${name}Edge`, { description: `One ${node.name} in a page of the list, with its cursor.` })
  class Edge {
    @Field(() => String, { description: 'Where this node is in the list: give it as `after` (or `before`) to page on from here.' })
    cursor: string;

    @Field(() => node, { description: `The ${node.name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${node.name} nodes (Relay connection).` })
  class Connection {
    @Field(() => [Edge], { description: 'The nodes of this page, in the list\'s order.' })
    edges: Edge[];

    @Field(() => PageInfo, { description: 'Whether more pages follow or precede, and the cursors to reach them.' })
    pageInfo: PageInfo;
  }

  // Declared on the class after the fact: only the connections that can count cheaply carry it.
  if (options.totalCount) {
    Field(() => Int, { nullable: true, description: 'How many nodes the whole list holds (all pages, under the same filter).' })(Connection.prototype, 'totalCount');
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

/** What a connection field receives: `first`/`after`, and on bidirectional ones `last`/`before`. */
export type PageArgs = { first: number; after?: string | null; last?: number | null; before?: string | null };

/** A keyset page in either direction: `backward` pages are fetched against the list's order and turned round. */
export interface KeysetWindow {
  limit: number;
  afterId: number | null;
  beforeId: number | null;
  backward: boolean;
}

function cursorId(cursor: string | null | undefined, argument: string): number | null {
  if (cursor === null || cursor === undefined) return null;
  const [id] = decodeCursor(cursor) ?? [];
  if (!Number.isSafeInteger(id)) throw badInput(`The cursor given in "${argument}" is not one this connection issued`, { argument });
  return id as number;
}

/** Checks and decodes `first`/`after` and `last`/`before`: `last` pages backward. */
export function keysetWindow(args: PageArgs): KeysetWindow {
  const backward = args.last !== null && args.last !== undefined;
  checkPageSize(args.first);
  if (backward && (!Number.isInteger(args.last) || args.last! < 0 || args.last! > MAX_PAGE_SIZE)) {
    throw badInput(`"last" must be between 0 and ${MAX_PAGE_SIZE}`, { argument: 'last' });
  }
  return { limit: backward ? args.last! : args.first, afterId: cursorId(args.after, 'after'), beforeId: cursorId(args.before, 'before'), backward };
}

/**
 * The conditions and order of a keyset page over a numeric key, for a list in `order`:
 * `after` and `before` bound it on either side; a backward page reads against the order.
 */
export function keysetQuery(column: AnyColumn, w: KeysetWindow, order: 'asc' | 'desc'): { where: (SQL | undefined)[]; orderBy: SQL } {
  const [beyond, short] = order === 'asc' ? [gt, lt] : [lt, gt];
  return {
    where: [w.afterId !== null ? beyond(column, w.afterId) : undefined, w.beforeId !== null ? short(column, w.beforeId) : undefined],
    orderBy: (order === 'asc') !== w.backward ? asc(column) : desc(column),
  };
}

/** A page from rows read with limit + 1 in the window's direction, in the list's order. */
export function toKeysetPage<T>(rows: T[], w: KeysetWindow, cursorOf?: (node: T) => unknown[]): Page<T> {
  if (!w.backward) {
    const page = toPage(rows, w.limit, w.afterId !== null, cursorOf);
    if (w.beforeId !== null) page.pageInfo.hasNextPage = true;
    return page;
  }
  const page = toPage(rows.slice(0, w.limit).reverse(), w.limit, rows.length > w.limit, cursorOf);
  page.pageInfo.hasNextPage = w.beforeId !== null;
  return page;
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
