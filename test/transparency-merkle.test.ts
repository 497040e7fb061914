import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  consistencyPath,
  frontierIds,
  inclusionPath,
  leafHash,
  newNodes,
  nodeKey,
  rangeHash,
  type NodeReader,
} from '../src/audit/transparency/merkle.js';
import { consistent, Frontier, inclusionRoot } from '../tools/verify-log/tlog.js';

// Written straight from RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1 over the leaves themselves: the
// code under test computes from stored subtrees instead.
const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const k = (n: number) => 2 ** Math.floor(Math.log2(n - 1));
function mth(d: Buffer[]): Buffer {
  if (d.length === 0) return sha();
  if (d.length === 1) return sha(Buffer.from([0]), d[0]!);
  return sha(Buffer.from([1]), mth(d.slice(0, k(d.length))), mth(d.slice(k(d.length))));
}
function pathOf(m: number, d: Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const s = k(d.length);
  return m < s ? [...pathOf(m, d.slice(0, s)), mth(d.slice(s))] : [...pathOf(m - s, d.slice(s)), mth(d.slice(0, s))];
}
function subproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const s = k(d.length);
  return m <= s ? [...subproof(m, d.slice(0, s), b), mth(d.slice(s))] : [...subproof(m - s, d.slice(s), false), mth(d.slice(0, s))];
}

// The eight leaves of the Certificate Transparency test vectors (RFC 6962's hashing is RFC 9162's).
const ctLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ctRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** The node store as the appender fills it, batch by batch, in memory. */
function storeOf(leaves: Buffer[], batch: number): NodeReader {
  const nodes = new Map<string, Buffer>();
  for (let first = 0; first < leaves.length; first += batch) {
    const made = newNodes(first, leaves.slice(first, first + batch).map(leafHash), (level, index) => nodes.get(nodeKey(level, index))!);
    for (const n of made) nodes.set(nodeKey(n.level, n.index), n.hash);
  }
  return (level, index) => {
    const h = nodes.get(nodeKey(level, index));
    if (!h) throw new Error(`missing ${nodeKey(level, index)}`);
    return h;
  };
}

const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 13, 31, 64, 100];
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => (i < 8 ? ctLeaves[i]! : Buffer.from(`leaf ${i}`)));

describe('RFC 9162 Merkle tree over stored complete subtrees', () => {
  it('gives the Certificate Transparency test vectors\' roots for trees of 1 to 8 leaves', () => {
    const read = storeOf(ctLeaves, 3);
    for (let n = 1; n <= 8; n++) {
      expect(rangeHash(read, 0, n).toString('hex')).toBe(ctRoots[n - 1]);
      expect(mth(ctLeaves.slice(0, n)).toString('hex')).toBe(ctRoots[n - 1]);
    }
  });

  it('computes every root, inclusion path and consistency path as the RFC defines them, whatever the append batches', () => {
    for (const n of sizes) {
      const leaves = leavesOf(n);
      for (const batch of [1, 3, 500]) {
        const read = storeOf(leaves, batch);
        expect(rangeHash(read, 0, n)).toEqual(mth(leaves));
        for (let m = 0; m < n; m++) expect(inclusionPath(read, m, n)).toEqual(pathOf(m, leaves));
        for (let m = 1; m < n; m++) expect(consistencyPath(read, m, n)).toEqual(subproof(m, leaves, true));
        // Earlier sizes stay provable from the same store.
        for (let size = 1; size <= n; size++) expect(rangeHash(read, 0, size)).toEqual(mth(leaves.slice(0, size)));
      }
    }
  });

  it('verifies its proofs with the RFC algorithms of the offline verifier, and refuses altered ones', () => {
    for (const n of sizes) {
      const leaves = leavesOf(n);
      const read = storeOf(leaves, 7);
      const root = mth(leaves);
      for (let m = 0; m < n; m++) {
        const proof = inclusionPath(read, m, n);
        expect(inclusionRoot(m, n, leafHash(leaves[m]!), proof)).toEqual(root);
        expect(inclusionRoot(m, n, leafHash(Buffer.from('other')), proof)).not.toEqual(root);
        if (proof.length > 0) expect(inclusionRoot(m, n, leafHash(leaves[m]!), proof.slice(1))?.equals(root) ?? false).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyPath(read, m, n);
        const oldRoot = mth(leaves.slice(0, m));
        expect(consistent(m, n, oldRoot, root, proof)).toBe(true);
        if (m < n) {
          expect(consistent(m, n, sha(Buffer.from('forged')), root, proof)).toBe(false);
          expect(consistent(m, n, oldRoot, sha(Buffer.from('forged')), proof)).toBe(false);
        }
      }
    }
  });

  it('folds a frontier into the same root (the export of a range after its first entries)', () => {
    for (const n of sizes) {
      const leaves = leavesOf(n);
      const read = storeOf(leaves, 4);
      for (const start of [0, Math.floor(n / 2), n - 1]) {
        const ids = frontierIds(start).reverse();
        const f = Frontier.of(start, ids.map((id) => read(id.level, id.index)));
        for (const leaf of leaves.slice(start)) f.push(leafHash(leaf));
        expect(f.root()).toEqual(mth(leaves));
      }
    }
  });
});
