import { createHash } from 'node:crypto';

/**
 * The Merkle tree hashing of RFC 9162, section 2.1: leaf hash = SHA-256(0x00 || leaf),
 * interior node = SHA-256(0x01 || left || right), the tree split at the largest power of
 * two smaller than its size. Proofs are generated from stored complete subtrees, named by
 * (level, index): the node at level L and index i covers leaves [i * 2^L, (i + 1) * 2^L).
 */

export const leafHash = (leaf: Buffer | string): Buffer =>
  createHash('sha256').update(Buffer.from([0])).update(leaf).digest();

export const nodeHash = (left: Buffer, right: Buffer): Buffer =>
  createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();

/** The hash of the empty tree: SHA-256 of nothing. */
export const emptyRoot = (): Buffer => createHash('sha256').digest();

/** Largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A stored complete subtree: level L, index i. */
export interface NodeId {
  level: number;
  index: number;
}

export const nodeKey = (level: number, index: number): string => `${level}:${index}`;

/** Reads complete subtrees by (level, index); proofs are computed over whatever answers. */
export type NodeReader = (level: number, index: number) => Buffer;

const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n));

/** MTH(D[start : end]) from stored complete subtrees (start is aligned in every RFC 9162 split). */
export function rangeHash(read: NodeReader, start: number, end: number): Buffer {
  const n = end - start;
  if (n <= 0) return emptyRoot();
  if (isPowerOfTwo(n) && start % n === 0) return read(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(read, start, start + k), rangeHash(read, start + k, end));
}

/** PATH(m, D[start : end]) of RFC 9162 2.1.3.1, leaf m counted from start. */
function path(read: NodeReader, m: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n <= 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...path(read, m, start, start + k), rangeHash(read, start + k, end)];
  return [...path(read, m - k, start + k, end), rangeHash(read, start, start + k)];
}

/** SUBPROOF(m, D[start : end], b) of RFC 9162 2.1.4.1. */
function subproof(read: NodeReader, m: number, start: number, end: number, b: boolean): Buffer[] {
  const n = end - start;
  if (m === n) return b ? [] : [rangeHash(read, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(read, m, start, start + k, b), rangeHash(read, start + k, end)];
  return [...subproof(read, m - k, start + k, end, false), rangeHash(read, start, start + k)];
}

export const inclusionPath = (read: NodeReader, leafIndex: number, treeSize: number): Buffer[] => path(read, leafIndex, 0, treeSize);

export const consistencyPath = (read: NodeReader, from: number, to: number): Buffer[] =>
  from === 0 || from === to ? [] : subproof(read, from, 0, to, true);

/**
 * The complete subtrees a computation reads, found by running it once over placeholder
 * hashes: the caller fetches exactly these in one query and runs it again for real.
 */
export function nodesRead<T>(compute: (read: NodeReader) => T): NodeId[] {
  const seen = new Map<string, NodeId>();
  const zero = Buffer.alloc(32);
  compute((level, index) => {
    seen.set(nodeKey(level, index), { level, index });
    return zero;
  });
  return [...seen.values()];
}

/**
 * The complete subtrees that appending leaves [first, first + hashes.length) creates, given
 * the frontier of the tree before (its complete subtrees that still lack a right sibling).
 */
export function newNodes(first: number, leafHashes: Buffer[], frontier: (level: number, index: number) => Buffer): Array<NodeId & { hash: Buffer }> {
  const out: Array<NodeId & { hash: Buffer }> = [];
  const made = new Map<string, Buffer>();
  const get = (level: number, index: number) => made.get(nodeKey(level, index)) ?? frontier(level, index);
  leafHashes.forEach((hash, i) => {
    let level = 0;
    let index = first + i;
    let h = hash;
    for (;;) {
      made.set(nodeKey(level, index), h);
      out.push({ level, index, hash: h });
      if (index % 2 === 0) break;
      h = nodeHash(get(level, index - 1), h);
      level += 1;
      index = (index - 1) / 2;
    }
  });
  return out;
}

/** The frontier's nodes at a tree size: one complete subtree per bit set in the size. */
export function frontierIds(size: number): NodeId[] {
  const ids: NodeId[] = [];
  for (let level = 0; 2 ** level <= size; level++) {
    if (Math.floor(size / 2 ** level) % 2 === 1) ids.push({ level, index: Math.floor(size / 2 ** level) - 1 });
  }
  return ids;
}

// Verification (RFC 9162 2.1.3.2 and 2.1.4.2) lives with the offline verifier (tools/verify-log/tlog.ts):
// the server never checks its own proofs, and a reader should not run the server's code to check them.
