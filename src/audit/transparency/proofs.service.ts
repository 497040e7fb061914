import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accessLog, accessLogHead } from '../access-log.tables.js';
import { chainedJson } from '../chain.js';
import { badInput, exchangeError } from '../../kernel/errors.js';
import { integerId, MAX_BIGSERIAL_ID } from '../../kernel/scalars.js';
import type { Principal } from '../../access/principal.js';
import { inclusionPath, nodeKey, nodesRead } from './merkle.js';
import { readNodes, storedConsistencyProof } from './tree.store.js';
import { checkpointOfSize, latestCheckpoint } from './checkpoint.service.js';
import type { AccessLogConsistencyProof, AccessLogInclusionProof } from './proofs.types.js';

const b64 = (hashes: Buffer[]) => hashes.map((h) => h.toString('base64'));

async function logSize(db: Db): Promise<number> {
  const [head] = await db.select({ seq: accessLogHead.seq }).from(accessLogHead).where(eq(accessLogHead.id, 1));
  return head?.seq ?? 0;
}

function treeSizeArg(value: number, argument: string, size: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > size) {
    throw badInput(`"${argument}" must be a whole number from ${min} to the log's size (${size})`, { argument });
  }
  return value;
}

/** Inclusion proofs for many entries against one tree size, from one read of the stored nodes. */
async function proofsFor(db: Db, entries: (typeof accessLog.$inferSelect)[], treeSize: number, checkpoint: string | null): Promise<Map<number, AccessLogInclusionProof>> {
  const computeAll = (read: Parameters<typeof inclusionPath>[0]) => entries.map((e) => inclusionPath(read, e.seq - 1, treeSize));
  const nodes = await readNodes(db, nodesRead(computeAll));
  const paths = computeAll((level, index) => {
    const hash = nodes.get(nodeKey(level, index));
    if (!hash) throw new Error(`the access log's tree lacks node ${nodeKey(level, index)}`);
    return hash;
  });
  return new Map(entries.map((e, i) => [e.seq, { leafIndex: e.seq - 1, treeSize, leaf: chainedJson(e), hashes: b64(paths[i]!), checkpoint }]));
}

/**
 * An entry's inclusion proof at a tree size. The regulator may ask for any entry; a subject
 * only for entries about themselves: another person's entry answers NOT_FOUND, as a missing one does.
 */
export async function inclusionProof(db: Db, principal: Principal, seqArg: string, treeSizeValue: number): Promise<AccessLogInclusionProof> {
  const seq = integerId(seqArg, 'seq', MAX_BIGSERIAL_ID);
  const treeSize = treeSizeArg(treeSizeValue, 'treeSize', await logSize(db), 1);
  if (seq > treeSize) throw badInput(`Entry ${seq} is not in a tree of size ${treeSize}`, { argument: 'seq' });
  const [entry] = await db.select().from(accessLog).where(eq(accessLog.seq, seq)).limit(1);
  const mayRead = principal.kind === 'REGULATOR' || (principal.personId !== null && entry?.subjectId === principal.personId);
  if (!entry || !mayRead) throw exchangeError('NOT_FOUND', `No access-log entry ${seq} about you`, { argument: 'seq' });
  const checkpoint = await checkpointOfSize(db, treeSize);
  return (await proofsFor(db, [entry], treeSize, checkpoint?.note ?? null)).get(seq)!;
}

export async function consistencyProof(db: Db, fromValue: number, toValue: number): Promise<AccessLogConsistencyProof> {
  const to = treeSizeArg(toValue, 'to', await logSize(db), 1);
  const from = treeSizeArg(fromValue, 'from', to, 0);
  return { from, to, hashes: b64(await storedConsistencyProof(db, from, to)) };
}

/**
 * A subject's entries' proofs against the latest checkpoint, in one batch; an entry newer
 * than that checkpoint has none yet (the next checkpoint covers it within N entries or T seconds).
 */
export async function subjectProofs(db: Db, personId: string, seqs: readonly number[]): Promise<(AccessLogInclusionProof | null)[]> {
  const checkpoint = await latestCheckpoint(db);
  const covered = seqs.filter((s) => checkpoint && s <= checkpoint.treeSize);
  if (!checkpoint || covered.length === 0) return seqs.map(() => null);
  const entries = (await db.select().from(accessLog).where(inArray(accessLog.seq, covered))).filter((e) => e.subjectId === personId);
  const proofs = await proofsFor(db, entries, checkpoint.treeSize, checkpoint.note);
  return seqs.map((s) => proofs.get(s) ?? null);
}
