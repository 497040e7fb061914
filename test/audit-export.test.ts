import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { appendInBulk, syntheticEntry } from './helpers/bulk-access-log.js';
import { asInsider } from './helpers/tamper.js';
import { accessLog } from '../src/audit/access-log.tables.js';
import { checkpointSignerOf } from '../src/audit/transparency/checkpoint.service.js';
import { EXPORT_PAGE, exportLines, exportRange } from '../src/audit/export.service.js';
import { openCheckpoint, parseVerifierKey, type Checkpoint } from '../tools/verify-log/tlog.js';
import { verifyExport } from '../tools/verify-log/verify.js';

/** 100,000 entries in four bulk appends, each at its own instant: four time ranges to ask for. */
const PARTS = 4;
const PER_PART = 25_000;
let t: TestServer;
let checkpoint: Checkpoint;
let keyText: string;
/** The instant of each part's entries, and the seq of its first. */
const parts: { at: Date; first: number }[] = [];

const entry = (i: number) => syntheticEntry('Export', i);

/** GET on a connection of its own, the body streamed through `onLine` and never kept whole. */
function stream(pathAndQuery: string, headers: Record<string, string>, onLine: (line: string) => void): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${t.url}${pathAndQuery}`, { headers, agent: false }, (res) => {
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          pending += d;
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const l of lines) if (l) onLine(l);
        });
        res.on('error', reject);
        res.on('end', () => {
          if (pending) onLine(pending);
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        });
      })
      .on('error', reject);
  });
}
const regulator = { authorization: 'Bearer demo-regulator' };

beforeAll(async () => {
  t = await startTestServer({ people: 3 });
  const db = t.testDb.database.db;
  for (let p = 0; p < PARTS; p++) {
    await new Promise((r) => setTimeout(r, 15));
    const { from } = await appendInBulk(t.testDb.database, PER_PART, (i) => entry(p * PER_PART + i));
    const [row] = await db.select({ at: accessLog.at }).from(accessLog).where(eq(accessLog.seq, from));
    parts.push({ at: row!.at, first: from });
  }
  await db.execute(sql`analyze access_log, access_log_tree_nodes`);
  const signer = checkpointSignerOf(db);
  const size = parts[PARTS - 1]!.first + PER_PART - 1;
  for (;;) {
    const cp = await signer.sign();
    if (cp && cp.treeSize >= size) break;
  }
  const text = async (p: string) => (await fetch(`${t.url}${p}`)).text();
  keyText = await text('/transparency/key');
  checkpoint = openCheckpoint(await text('/transparency/checkpoint'), parseVerifierKey(keyText));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("the regulator's export of the access log", () => {
  it('reads the log one page at a time: 100,000 entries never in memory at once', async () => {
    const db = t.testDb.database.db;
    // Every statement the export runs, counted: a page is read only when the one before was taken.
    let selects = 0;
    const counted = new Proxy(db, { get: (target, p, r) => (p === 'select' && selects++, Reflect.get(target, p, r)) });
    const range = await exportRange(db, {}, checkpoint.size);
    expect(range).toEqual({ from: 1, to: checkpoint.size, treeSize: checkpoint.size });
    const lines = exportLines(counted as typeof db, range);
    const first = await lines.next();
    expect(first.value!.split('\n').filter(Boolean)).toHaveLength(EXPORT_PAGE);
    expect(selects).toBe(1);
    let entries = EXPORT_PAGE;
    let largest = EXPORT_PAGE;
    for await (const chunk of lines) {
      const n = chunk.split('\n').filter(Boolean).length;
      entries += n;
      largest = Math.max(largest, n);
    }
    expect(entries).toBe(checkpoint.size);
    expect(largest).toBe(EXPORT_PAGE);
    expect(selects).toBe(Math.ceil(checkpoint.size / EXPORT_PAGE));
  }, 120_000);

  it('streams a time range over HTTP with what the offline verifier needs: frontier, entries, consistency proof', async () => {
    const since = parts[1]!.at.toISOString();
    const until = parts[3]!.at.toISOString();
    const lines: string[] = [];
    const res = await stream(`/audit/export?since=${since}&until=${until}`, regulator, (l) => lines.push(l));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    expect(res.headers['x-export-range']).toBe(`${parts[1]!.first}-${parts[3]!.first - 1}`);
    expect(lines[0]).toMatch(/^\{"frontier":/);
    expect(lines.at(-1)).toMatch(/^\{"consistency":/);
    const entries = lines.slice(1, -1).map((l) => JSON.parse(l));
    expect(entries).toHaveLength(2 * PER_PART);
    // Every field the chain is computed over, for each entry of the range and no other.
    expect(Object.keys(entries[0]).sort()).toEqual(
      expect.arrayContaining(['at', 'caseReference', 'consentId', 'denied', 'disclosed', 'licenceId', 'operationHash', 'operationName', 'organisationId', 'outcome', 'prevHash', 'principalId', 'purpose', 'reason', 'requestId', 'seq', 'subjectId']),
    );
    expect(entries.every((e) => e.at >= since && e.at < until)).toBe(true);
    expect(await verifyExport(lines, checkpoint)).toEqual({ ok: true, treeSize: checkpoint.size, entries: 2 * PER_PART, problem: null });
  }, 120_000);

  it('refuses other roles and bad ranges, in GraphQL\'s error shape', async () => {
    const body = async (q: string, key: string) => {
      let text = '';
      const res = await stream(`/audit/export?${q}`, { authorization: `Bearer ${key}` }, (l) => (text += l));
      return { status: res.status, body: JSON.parse(text) };
    };
    expect(await body('since=2026-01-01T00:00:00Z', 'demo-scorer-full')).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
    expect(await body('since=yesterday', 'demo-regulator')).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', argument: 'since' } }] } });
    expect(await body('since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', 'demo-regulator')).toMatchObject({ status: 400 });
    expect(await body('since=2026-01-01T00:00:00Z&from=3', 'demo-regulator')).toMatchObject({ status: 400 });
  });

  it('runs as `npm run export-log`: downloads, saves and verifies; exit 1 naming an entry an insider changed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'export-log-'));
    const run = (out: string) =>
      new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'tools/verify-log/export.ts', '--server', t.url, '--api-key', 'demo-regulator', '--since', parts[2]!.at.toISOString(), '--out', out],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout }));
      });
    const good = await run(path.join(dir, 'good'));
    expect(good.status, good.stdout).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, entries: 2 * PER_PART, keyFromServer: true, problem: null });
    for (const f of ['log.ndjson', 'checkpoint.txt', 'log.key']) expect(existsSync(path.join(dir, 'good', f))).toBe(true);
    // The frontier line, then the entries up to the checkpoint (no consistency line: the range reaches it).
    expect(readFileSync(path.join(dir, 'good', 'log.ndjson'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2 * PER_PART + 1);

    const k = parts[3]!.first + 1234;
    await asInsider(t.testDb, `update access_log set purpose = 'MARKETING' where seq = ${k}`);
    const bad = await run(path.join(dir, 'bad'));
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, problem: { kind: 'ENTRY_CHANGED', seq: k } });
  }, 180_000);
});
