import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { asInsider } from './helpers/tamper.js';
import { appendInBulk, syntheticEntry } from './helpers/bulk-access-log.js';
import { canonicalJson } from '../src/db/content-hash.js';
import { AccessLogAppender } from '../src/audit/access-log.service.js';
import { checkpointSignerOf, DEMO_SIGNING_KEY } from '../src/audit/transparency/checkpoint.service.js';
import { checkpointBody, parseSignerKey, signerKeyOfSeed, signNote } from '../src/audit/transparency/note.js';
import { Frontier, leafHash, openCheckpoint, parseVerifierKey, splitNote, type Checkpoint } from '../tools/verify-log/tlog.js';
import { checkpointOrProblem, verifyExport, verifyExportFile } from '../tools/verify-log/verify.js';

const ENTRIES = 100_000;
/** The last entries, written through the server's own appender; the rest are written in bulk. */
const TAIL = 500;
let t: TestServer;
let dir: string;
let lines: string[];
let note: string;
let checkpoint: Checkpoint;
/** The checkpoint signed when only the bulk-written entries were in the log. */
let bulkCheckpoint: Checkpoint;
let keyText: string;

const entry = (i: number) => syntheticEntry('Bulk', i);

/**
 * GET on a connection of its own. A verification keeps the event loop busy for seconds; a
 * kept-alive connection the server times out meanwhile can be reused and reset (fetch failed,
 * ECONNRESET), so no connection is kept.
 */
const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
  new Promise<string>((resolve, reject) => {
    http
      .get(`${t.url}${pathAndQuery}`, { headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('error', reject);
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`GET ${pathAndQuery}: ${res.statusCode} ${body}`))));
      })
      .on('error', reject);
  });
const regulator = { authorization: 'Bearer demo-regulator' };
const exportLines = async (query: string) => (await get(`/audit/export?${query}`, regulator)).split('\n').filter(Boolean);

beforeAll(async () => {
  t = await startTestServer({ people: 3 });
  const db = t.testDb.database.db;
  const signer = checkpointSignerOf(db);
  /** Signs through the server's checkpoint service until a checkpoint covers `size` (a timed signing may be under way). */
  const signedUpTo = async (size: number) => {
    for (;;) {
      const cp = await signer.sign();
      if (cp && cp.treeSize >= size) return cp;
    }
  };
  // All but the last TAIL entries in bulk: the appender's chain, leaves and tree nodes,
  // computed with the server's own functions, written with COPY.
  const bulk = await appendInBulk(t.testDb.database, ENTRIES - TAIL, entry);
  // Statistics, as autovacuum gathers after such a load: without them the planner reads the
  // rest of the log for every page of the export.
  await db.execute(sql`analyze access_log, access_log_tree_nodes`);
  await signedUpTo(bulk.to);
  // The rest through the appender, as the server writes: concurrent requests of different
  // sizes grouped into transactions, each reading the tree's frontier and growing it on.
  const appender = new AccessLogAppender(db, 120);
  const requests = [1, 2, 37, 60, 100, 150, 150];
  expect(requests.reduce((a, b) => a + b)).toBe(TAIL);
  let next = ENTRIES - TAIL;
  await Promise.all(requests.map((n) => appender.append(Array.from({ length: n }, () => entry(next++)))));
  await signedUpTo(bulk.to + TAIL);

  note = await get('/transparency/checkpoint');
  keyText = await get('/transparency/key');
  checkpoint = openCheckpoint(note, parseVerifierKey(keyText));
  bulkCheckpoint = openCheckpoint(await get(`/transparency/checkpoint?size=${bulk.to}`), parseVerifierKey(keyText));
  lines = await exportLines(`to=${checkpoint.size}`);
  dir = mkdtempSync(path.join(tmpdir(), 'verify-log-'));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
/**
 * An insider's rewrite that keeps the chain whole: every later entry re-linked. (The parsed
 * entries keep their sorted keys, so canonicalJson writes them without the slow general path.)
 */
function rechained(from: number, edited: string[]): string[] {
  const out = edited.slice(0, from);
  for (let i = from; i < edited.length; i++) {
    const e = JSON.parse(edited[i]!);
    if (i > 0) e.prevHash = sha(out[i - 1]!);
    out.push(canonicalJson(e));
  }
  return out;
}
const edit = (k: number, change: (e: any) => void) =>
  lines.map((l, i) => {
    if (i !== k - 1) return l;
    const e = JSON.parse(l);
    change(e);
    return canonicalize(e);
  });

describe('the offline verifier on a log of 100,000 entries', () => {
  it('recomputes the signed root from the regulator\'s export', async () => {
    expect(checkpoint.size).toBeGreaterThanOrEqual(ENTRIES);
    expect(lines).toHaveLength(checkpoint.size);
    const file = path.join(dir, 'export.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    // Entries the appender wrote last, and two signed roots: the one the server signed over the
    // bulk-written tree alone must be what the first entries recompute to, the final one (over
    // the tree the appender grew on from it) what the whole export recomputes to.
    expect(bulkCheckpoint.size).toBe(checkpoint.size - TAIL);
    expect(lines.slice(-TAIL).map((l) => JSON.parse(l).requestId)).toEqual(Array.from({ length: TAIL }, (_, i) => `bulk-${ENTRIES - TAIL + i}`));
    expect(await verifyExportFile(file, checkpoint, [bulkCheckpoint])).toEqual({ ok: true, treeSize: checkpoint.size, entries: checkpoint.size, problem: null });
  }, 60_000);

  it('reports the first entry that does not match: edited, removed, reordered', async () => {
    const k = 54_321;
    expect((await verifyExport(edit(k, (e) => (e.purpose = 'MARKETING')), checkpoint)).problem).toMatchObject({ kind: 'ENTRY_CHANGED', seq: k });
    expect((await verifyExport(rechained(k - 1, edit(k, (e) => (e.purpose = 'MARKETING'))), checkpoint)).problem).toMatchObject({ kind: 'ROOT_MISMATCH' });
    const removed = lines.filter((_, i) => i !== k - 1);
    expect((await verifyExport(removed, checkpoint)).problem).toMatchObject({ kind: 'OUT_OF_SEQUENCE', seq: k, detail: `expected entry ${k}, found entry ${k + 1}` });
    const reordered = [...lines];
    [reordered[k - 1], reordered[k]] = [reordered[k]!, reordered[k - 1]!];
    expect((await verifyExport(reordered, checkpoint)).problem).toMatchObject({ kind: 'OUT_OF_SEQUENCE', seq: k });
    expect((await verifyExport(lines.slice(0, -1), checkpoint)).problem).toMatchObject({ kind: 'SIZE_MISMATCH' });
    expect((await verifyExport(lines.map((l, i) => (i === 9 ? l.replace('{', '{ ') : l)), checkpoint)).problem).toMatchObject({ kind: 'NOT_CANONICAL', seq: 10 });
  }, 60_000);

  it('finds an entry an insider edited in the database', async () => {
    const k = 77_777;
    await asInsider(t.testDb, `update access_log set purpose = 'MARKETING' where seq = ${k}`);
    // A range export (after the frontier of the entries before it) is enough to find it.
    const range = await exportLines(`from=${k - 100}&to=${checkpoint.size}`);
    expect((await verifyExport(range, checkpoint)).problem).toMatchObject({ kind: 'ENTRY_CHANGED', seq: k });
  }, 60_000);

  it('refuses a checkpoint re-signed with another key, and a fork', async () => {
    const other = parseSignerKey(signerKeyOfSeed(checkpoint.origin, Buffer.alloc(32, 5)));
    const resigned = signNote(splitNote(note).text, other);
    expect(checkpointOrProblem(resigned, parseVerifierKey(keyText))).toMatchObject({ ok: false, problem: { kind: 'BAD_SIGNATURE' } });
    // The operator (holding the key) signs another root at the same size for someone else.
    const signer = parseSignerKey(DEMO_SIGNING_KEY);
    const forkNote = signNote(checkpointBody({ origin: signer.name, treeSize: checkpoint.size, rootHash: createHash('sha256').update('other history').digest() }), signer);
    const fork = openCheckpoint(forkNote, parseVerifierKey(keyText));
    expect((await verifyExport(lines, checkpoint, [fork])).problem).toMatchObject({ kind: 'FORK' });
    // An earlier checkpoint the export does not extend.
    const earlier = openCheckpoint(signNote(checkpointBody({ origin: signer.name, treeSize: 1000, rootHash: Buffer.alloc(32) }), signer), parseVerifierKey(keyText));
    expect((await verifyExport(lines, checkpoint, [earlier])).problem).toMatchObject({ kind: 'INCONSISTENT' });
  }, 60_000);

  it('runs as `npm run verify-log`, exit 0 when the log checks and 1 with the first problem', async () => {
    const file = (name: string, text: string) => {
      const p = path.join(dir, name);
      writeFileSync(p, text);
      return p;
    };
    const small = lines.slice(0, 1000);
    const keyFile = file('key', keyText);
    const cli = (exportFile: string, checkpointFile: string) =>
      new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tools/verify-log/cli.ts', '--export', exportFile, '--checkpoint', checkpointFile, '--key', keyFile], {
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout }));
      });
    // A checkpoint of the first 1000 entries, as the server stores one per signing.
    const signer = parseSignerKey(DEMO_SIGNING_KEY);
    const f = new Frontier();
    for (const l of small) f.push(leafHash(l));
    const cp = file('cp', signNote(checkpointBody({ origin: signer.name, treeSize: 1000, rootHash: f.root() }), signer));
    // The two runs at once: each is mostly a Node start.
    const [ok, bad] = await Promise.all([
      cli(file('small.ndjson', `${small.join('\n')}\n`), cp),
      cli(file('bad.ndjson', `${small.filter((_, i) => i !== 499).join('\n')}\n`), cp),
    ]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, entries: 1000 });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).problem).toMatchObject({ kind: 'OUT_OF_SEQUENCE', seq: 500 });
  }, 60_000);
});
