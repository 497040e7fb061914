import { asc, gt, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../db/client.js';
import { accessLog } from '../access-log.tables.js';
import { chainedJson } from '../chain.js';
import { consistencyPath, frontierIds, inclusionPath, leafHash, newNodes, nodeKey, nodesRead, rangeHash, type NodeId, type NodeReader } from './merkle.js';

const bigintArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::bigint[]`;
const smallintArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::smallint[]`;
const hexArray = (values: readonly Buffer[]) => sql`${`{${values.map((v) => v.toString('hex')).join(',')}}`}::text[]`;

/** Stored complete subtrees, read in one statement (by primary key). */
export async function readNodes(db: Db, ids: readonly NodeId[]): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  if (ids.length === 0) return found;
  const result = await db.execute(sql`
    select n.level, n.idx::text as idx, encode(n.hash, 'hex') as hash
    from unnest(${smallintArray(ids.map((i) => i.level))}, ${bigintArray(ids.map((i) => i.index))}) as w(level, idx)
    join access_log_tree_nodes n on n.level = w.level and n.idx = w.idx`);
  for (const r of rowsOf<{ level: number; idx: string; hash: string }>(result)) found.set(nodeKey(Number(r.level), Number(r.idx)), Buffer.from(r.hash, 'hex'));
  return found;
}

/** Runs a tree computation over stored nodes: finds what it reads, fetches that, computes. */
async function overStoredNodes<T>(db: Db, compute: (read: NodeReader) => T): Promise<T> {
  const nodes = await readNodes(db, nodesRead(compute));
  return compute((level, index) => {
    const hash = nodes.get(nodeKey(level, index));
    if (!hash) throw new Error(`the access log's tree lacks node ${nodeKey(level, index)}`);
    return hash;
  });
}

export const storedRoot = (db: Db, treeSize: number) => overStoredNodes(db, (read) => rangeHash(read, 0, treeSize));
export const storedInclusionProof = (db: Db, leafIndex: number, treeSize: number) => overStoredNodes(db, (read) => inclusionPath(read, leafIndex, treeSize));
export const storedConsistencyProof = (db: Db, from: number, to: number) => overStoredNodes(db, (read) => consistencyPath(read, from, to));

async function insertNodes(tx: Db, nodes: ReturnType<typeof newNodes>): Promise<void> {
  for (let i = 0; i < nodes.length; i += 5000) {
    const part = nodes.slice(i, i + 5000);
    await tx.execute(sql`
      insert into access_log_tree_nodes (level, idx, hash)
      select level, idx, decode(hash, 'hex')
      from unnest(${smallintArray(part.map((n) => n.level))}, ${bigintArray(part.map((n) => n.index))}, ${hexArray(part.map((n) => n.hash))}) as u(level, idx, hash)`);
  }
}

/**
 * Adds leaves [first, first + leaves.length) to the stored tree, inside the caller's
 * transaction (the one that appends the entries, holding the log's head row): the tree
 * commits or fails with them. Reads the frontier of the tree before, writes the new nodes.
 */
export async function appendLeaves(tx: Db, first: number, leaves: readonly string[]): Promise<void> {
  const ids = frontierIds(first);
  let frontier = await readNodes(tx, ids);
  // A log older than its tree (entries written before the tree existed): build the rest first.
  if (frontier.size < ids.length) {
    await backfillTree(tx, first);
    frontier = await readNodes(tx, ids);
  }
  const nodes = newNodes(first, leaves.map((leaf) => leafHash(leaf)), (level, index) => {
    const hash = frontier.get(nodeKey(level, index));
    if (!hash) throw new Error(`the access log's tree lacks node ${nodeKey(level, index)}`);
    return hash;
  });
  await insertNodes(tx, nodes);
}

/** Builds the tree over entries the tree does not cover yet, up to `upTo` leaves; under the head lock. */
async function backfillTree(tx: Db, upTo: number): Promise<void> {
  const [row] = rowsOf<{ size: string | number }>(await tx.execute(sql`select coalesce(max(idx) + 1, 0) as size from access_log_tree_nodes where level = 0`));
  let size = Number(row!.size);
  while (size < upTo) {
    const entries = await tx.select().from(accessLog).where(gt(accessLog.seq, size)).orderBy(asc(accessLog.seq)).limit(Math.min(10_000, upTo - size));
    if (entries.length === 0 || entries[0]!.seq !== size + 1) throw new Error(`the access log lacks entry ${size + 1}: its tree cannot be built`);
    entries.forEach((e, i) => {
      if (e.seq !== size + 1 + i) throw new Error(`the access log lacks entry ${size + 1 + i}: its tree cannot be built`);
    });
    const frontier = await readNodes(tx, frontierIds(size));
    const nodes = newNodes(size, entries.map((e) => leafHash(chainedJson(e))), (level, index) => frontier.get(nodeKey(level, index))!);
    await insertNodes(tx, nodes);
    size += entries.length;
  }
}
