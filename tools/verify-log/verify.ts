/**
 * What `npm run verify-log` checks, as functions (the CLI and the tests call them). Written
 * against RFC 9162 and C2SP only; imports nothing from the server's code (see tlog.ts).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { canonicalize } from 'json-canonicalize';
import { consistent, Frontier, inclusionRoot, leafHash, openCheckpoint, sha256, type Checkpoint, type VerifierKey } from './tlog.js';

export type ProblemKind =
  | 'BAD_SIGNATURE'
  | 'NOT_CANONICAL'
  | 'OUT_OF_SEQUENCE'
  | 'ENTRY_CHANGED'
  | 'SIZE_MISMATCH'
  | 'ROOT_MISMATCH'
  | 'FORK'
  | 'INCONSISTENT'
  | 'ROLLBACK'
  | 'BAD_PROOF';

export interface Report {
  ok: boolean;
  treeSize: number | null;
  entries: number;
  problem: { kind: ProblemKind; seq: number | null; detail: string } | null;
}

const GENESIS = '0'.repeat(64);
const fail = (r: Report, kind: ProblemKind, seq: number | null, detail: string): Report => ({ ...r, ok: false, problem: { kind, seq, detail } });

/** Opens a checkpoint, reporting a bad signature instead of throwing. */
export function checkpointOrProblem(note: string, key: VerifierKey): Checkpoint | Report {
  try {
    return openCheckpoint(note, key);
  } catch (err) {
    return { ok: false, treeSize: null, entries: 0, problem: { kind: 'BAD_SIGNATURE', seq: null, detail: (err as Error).message } };
  }
}

/**
 * Checks a new checkpoint against ones seen before: the same size must have the same root
 * (else the log forked), a smaller one must be a prefix (by `rootAt`, roots recomputed from
 * an export, or a consistency proof), a larger one means the log went back.
 */
export function checkAgainstSeen(
  checkpoint: Checkpoint,
  seen: Checkpoint[],
  rootAt: (size: number) => Buffer | undefined,
  proofs: { from: number; to: number; hashes: Buffer[] }[] = [],
): Report['problem'] {
  for (const old of seen) {
    if (old.size === checkpoint.size && !old.root.equals(checkpoint.root)) {
      return { kind: 'FORK', seq: null, detail: `two checkpoints of size ${old.size} with different roots: the log showed different histories` };
    }
    if (old.size > checkpoint.size) return { kind: 'ROLLBACK', seq: null, detail: `a checkpoint of size ${old.size} was seen before; this one has ${checkpoint.size}` };
    if (old.size < checkpoint.size && old.size > 0) {
      const recomputed = rootAt(old.size);
      const proof = proofs.find((p) => p.from === old.size && p.to === checkpoint.size);
      if (recomputed) {
        if (!recomputed.equals(old.root)) return { kind: 'INCONSISTENT', seq: null, detail: `the first ${old.size} entries do not give the root of the checkpoint seen before` };
      } else if (!proof) {
        return { kind: 'INCONSISTENT', seq: null, detail: `no consistency proof from ${old.size} to ${checkpoint.size}` };
      } else if (!consistent(old.size, checkpoint.size, old.root, checkpoint.root, proof.hashes)) {
        return { kind: 'INCONSISTENT', seq: null, detail: `the consistency proof from ${old.size} to ${checkpoint.size} does not verify` };
      }
    }
  }
  return null;
}

/** Keys in code-unit order at every level (what RFC 8785 sorts by). */
function keysSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysSorted);
  if (value === null || typeof value !== 'object') return true;
  const keys = Object.keys(value);
  return keys.every((k, i) => i === 0 || keys[i - 1]! < k) && Object.values(value).every(keysSorted);
}

/**
 * RFC 8785 writes numbers and strings as ECMAScript's JSON.stringify does, so a line equal to
 * JSON.stringify of its parse, with sorted keys, is canonical; else the full canonicaliser decides.
 */
const isCanonical = (value: unknown, line: string) => (JSON.stringify(value) === line && keysSorted(value)) || canonicalize(value) === line;

async function* linesOf(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) if (line !== '') yield line;
}

/**
 * Recomputes the tree from an export (one canonical entry a line, optionally after a
 * frontier line) up to the checkpoint's size and compares the root, checking on the way
 * that every line is canonical, the seqs run on without a gap, and each entry's prevHash
 * names the line before it. Reports the first entry that does not match.
 */
export async function verifyExport(exportLines: AsyncIterable<string> | Iterable<string>, checkpoint: Checkpoint, seen: Checkpoint[] = []): Promise<Report> {
  let report: Report = { ok: true, treeSize: checkpoint.size, entries: 0, problem: null };
  let frontier = new Frontier();
  let first = true;
  let previousLine: string | null = null;
  const rootsAt = new Map<number, Buffer>();
  const wanted = new Set(seen.map((s) => s.size).filter((s) => s > 0 && s < checkpoint.size));
  // A range that ends before the checkpoint ends with a consistency proof to it.
  let extension: { from: number; to: number; hashes: string[] } | null = null;
  for await (const line of exportLines) {
    if (extension) return fail(report, 'SIZE_MISMATCH', null, 'the export goes on after its consistency proof');
    if (line.startsWith('{"consistency":')) {
      extension = (JSON.parse(line) as { consistency: { from: number; to: number; hashes: string[] } }).consistency;
      continue;
    }
    if (first) {
      first = false;
      const header = JSON.parse(line) as { frontier?: { treeSize: number; hashes: string[] } };
      if (header.frontier) {
        frontier = Frontier.of(header.frontier.treeSize, header.frontier.hashes.map((h) => Buffer.from(h, 'base64')));
        continue;
      }
    }
    const expected = frontier.size + 1;
    let entry: { seq?: unknown; prevHash?: unknown };
    try {
      entry = JSON.parse(line);
      if (!isCanonical(entry, line)) throw new Error('not canonical');
    } catch {
      return fail(report, 'NOT_CANONICAL', expected, `line for entry ${expected} is not the entry's RFC 8785 canonical JSON`);
    }
    if (entry.seq !== expected) return fail(report, 'OUT_OF_SEQUENCE', expected, `expected entry ${expected}, found entry ${String(entry.seq)}`);
    const linked = previousLine === null ? (expected === 1 ? GENESIS : null) : sha256(previousLine).toString('hex');
    if (linked !== null && entry.prevHash !== linked) {
      return fail(report, 'ENTRY_CHANGED', expected - 1, `entry ${expected - 1} does not match: entry ${expected} recorded another hash for it`);
    }
    if (frontier.size === checkpoint.size) return fail(report, 'SIZE_MISMATCH', expected, `the export goes past the checkpoint's ${checkpoint.size} entries`);
    frontier.push(leafHash(line));
    if (wanted.has(frontier.size)) rootsAt.set(frontier.size, frontier.root());
    previousLine = line;
    report = { ...report, entries: report.entries + 1 };
  }
  if (extension) {
    // The range's own root, proven a prefix of the checkpoint's tree (RFC 9162 2.1.4.2).
    if (extension.from !== frontier.size || extension.to !== checkpoint.size) {
      return fail(report, 'SIZE_MISMATCH', null, `the consistency proof runs from ${extension.from} to ${extension.to}; the export ends at ${frontier.size} and the checkpoint covers ${checkpoint.size}`);
    }
    const proof = extension.hashes.map((h) => Buffer.from(h, 'base64'));
    if (!consistent(frontier.size, checkpoint.size, frontier.root(), checkpoint.root, proof)) {
      return fail(report, 'ROOT_MISMATCH', null, `the entries up to ${frontier.size} are not a prefix of the tree the checkpoint signed`);
    }
    const problem = checkAgainstSeen(checkpoint, seen, (size) => rootsAt.get(size));
    return problem ? { ...report, ok: false, problem } : report;
  }
  if (frontier.size !== checkpoint.size) return fail(report, 'SIZE_MISMATCH', frontier.size + 1, `the export ends at entry ${frontier.size}; the checkpoint covers ${checkpoint.size}`);
  if (!frontier.root().equals(checkpoint.root)) {
    return fail(report, 'ROOT_MISMATCH', null, 'the entries do not give the checkpoint\'s root: the export is not the log the server signed');
  }
  const problem = checkAgainstSeen(checkpoint, seen, (size) => rootsAt.get(size));
  return problem ? { ...report, ok: false, problem } : report;
}

export const verifyExportFile = (path: string, checkpoint: Checkpoint, seen: Checkpoint[] = []) => verifyExport(linesOf(path), checkpoint, seen);

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leaf: string;
  hashes: string[];
}

/** A subject's proof: its leaf, through its path, gives the checkpoint's root. */
export function verifyInclusion(proof: InclusionProof, checkpoint: Checkpoint): Report {
  const report: Report = { ok: true, treeSize: checkpoint.size, entries: 1, problem: null };
  if (proof.treeSize !== checkpoint.size) return fail(report, 'SIZE_MISMATCH', proof.leafIndex + 1, `the proof is for a tree of ${proof.treeSize}, the checkpoint has ${checkpoint.size}`);
  const entry = JSON.parse(proof.leaf) as { seq?: unknown };
  if (entry.seq !== proof.leafIndex + 1) return fail(report, 'BAD_PROOF', proof.leafIndex + 1, `the leaf is entry ${String(entry.seq)}, the proof is for index ${proof.leafIndex}`);
  const root = inclusionRoot(proof.leafIndex, proof.treeSize, leafHash(proof.leaf), proof.hashes.map((h) => Buffer.from(h, 'base64')));
  if (!root || !root.equals(checkpoint.root)) return fail(report, 'ROOT_MISMATCH', proof.leafIndex + 1, 'the proof does not lead to the checkpoint\'s root');
  return report;
}
