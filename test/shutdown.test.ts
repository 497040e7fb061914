import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.js';
import { accessLog, paymentTransactions, sources } from '../src/server/tables.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { seedDatabase } from '../src/seed/seed.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { root, startServerProcess, type ServerProcess } from './helpers/process-server.js';
import { spawnSync } from 'node:child_process';

/**
 * SIGTERM to `npm start` while 40 profile requests and an ingestion load are in flight:
 * npm passes the signal on, the server answers every request, logs each disclosure, stops
 * the load after the lines it read and says where, closes the database and exits 0.
 */

const LINES = 4000;
const people = Object.values(demoPeople).map((p) => p.nationalId);
const line = (i: number) =>
  JSON.stringify({
    kind: 'transaction',
    sourceRecordId: `SHUT-${i}`,
    nationalId: people[i % people.length],
    content: { occurredAt: `2025-05-${String(1 + (i % 28)).padStart(2, '0')}T10:15:00Z`, amountFen: 1000 + i, direction: 'OUTFLOW', channel: 'ALIPAY', merchantCategory: '餐饮', counterparty: null },
  });

const PROFILE = `query ShutdownRead($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "APP-2026-0001") { id identity { name } creditAccounts { lender } } }`;

let dataDir: string | undefined;
const workDir = mkdtempSync(path.join(tmpdir(), 'cx-shutdown-load-'));
let testDb: TestDatabase | undefined;
let env: Record<string, string>;

/** The database the server process used, opened here once it has exited. */
async function openServersDatabase(): Promise<Database> {
  return testDb ? testDb.database : openDatabase({ dataDir });
}

/** Streams lines [from, to] to POST /ingest slowly, in chunks; stops sending once an answer arrives. */
function slowIngest(url: string, from: number, to: number, chunkLines = 40, pauseMs = 100) {
  let sent = from - 1;
  const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = http.request(`${url}/ingest`, { method: 'POST', headers: { authorization: 'Bearer demo-furnisher-clearing-house', 'content-type': 'application/x-ndjson' } });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
    req.on('error', (err) => (answered ? undefined : reject(err)));
    const next = () => {
      if (answered || sent >= to) return req.end();
      const upto = Math.min(to, sent + chunkLines);
      let text = '';
      for (let i = sent + 1; i <= upto; i++) text += `${line(i)}\n`;
      sent = upto;
      req.write(text);
      setTimeout(next, pauseMs);
    };
    next();
  });
  return { answer, sent: () => sent };
}

beforeAll(async () => {
  env = { INGEST_BATCH_SIZE: '100', SHUTDOWN_GRACE_MS: '20000', METRICS_TOKEN: 'shutdown-test-token' };
  if (process.env.DATABASE_URL) {
    testDb = await createTestDatabase();
    await seedDatabase(testDb.database.db, { people: 20, seed: 42, demo: true });
    env.DATABASE_URL = testDb.url!;
  } else {
    // PGlite in a data directory of its own: the server seeds the demo data set on first start.
    dataDir = mkdtempSync(path.join(tmpdir(), 'cx-shutdown-'));
    env.DATA_DIR = dataDir;
  }
});

afterAll(async () => {
  await testDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  rmSync(workDir, { recursive: true, force: true });
});

describe('graceful shutdown', () => {
  it('SIGTERM to npm start: every in-flight request answered and logged, the load stopped where it says and resumable, exit 0', async () => {
    let server: ServerProcess = await startServerProcess(env);

    const load = slowIngest(server.url, 1, LINES);
    // The load is under way before the reads start.
    while (load.sent() < 200) await new Promise((r) => setTimeout(r, 20));

    let signalled = false;
    const answeredAfterSignal: number[] = [];
    const reads = Array.from({ length: 40 }, async (_, i) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full', 'x-request-id': `shutdown-read-${i}` },
        body: JSON.stringify({ query: PROFILE, variables: { id: people[i % people.length] } }),
      });
      if (signalled) answeredAfterSignal.push(i);
      return { i, status: res.status, body: (await res.json()) as any };
    });
    // Once the first answer is back, every read has reached the server: now the signal.
    await Promise.race(reads);
    signalled = true;
    const sentAtSignal = load.sent();
    server.child.kill('SIGTERM');

    const settled = await Promise.allSettled(reads);
    const failed = settled.flatMap((r, i) => (r.status === 'rejected' ? [`read ${i}: ${(r.reason as Error).cause ?? r.reason}`] : []));
    expect(failed, server.logs.slice(-30).map((l) => `${l.time} ${l.req?.id ?? ''} ${l.msg}`).join('\n')).toEqual([]);
    const answers = settled.map((r) => (r as PromiseFulfilledResult<Awaited<(typeof reads)[number]>>).value);
    const ingest = await load.answer;
    const exit = await server.exited;

    // Both were truly in flight when the signal came.
    expect(answeredAfterSignal.length).toBeGreaterThan(0);
    expect(sentAtSignal).toBeLessThan(LINES);
    for (const a of answers) {
      expect({ i: a.i, status: a.status, errors: a.body.errors }).toEqual({ i: a.i, status: 200, errors: undefined });
      expect(a.body.data.person.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    // npm passed the signal on, waited for the server, and ended as the signal asks.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(server.logs.some((l) => l.msg?.startsWith('shutting down') && l.signal === 'SIGTERM')).toBe(true);
    // The server's own last line: it exits 0 right after it (1 after a failure or the grace period).
    expect(server.logs.at(-1)).toMatchObject({ signal: 'SIGTERM' });
    expect(server.logs.at(-1)!.msg).toMatch(/^shutdown complete/);
    // Nothing listens any more (the server was not left running behind npm).
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    // The load stopped after the lines it had read, and says where to resume.
    expect(ingest.status).toBe(503);
    expect(ingest.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    const resumeFrom = ingest.body.resumeFromLine as number;
    expect(resumeFrom).toBeGreaterThan(1);
    expect(resumeFrom).toBeLessThanOrEqual(LINES);
    expect(ingest.body.counts.received).toBe(resumeFrom - 1);
    expect(ingest.body.counts.rejected).toBe(0);

    const database = await openServersDatabase();
    try {
      // Every answered disclosure is in the access log.
      const ids = answers.map((a) => `shutdown-read-${a.i}`);
      const logged = await database.db.selectDistinct({ requestId: accessLog.requestId }).from(accessLog).where(inArray(accessLog.requestId, ids));
      expect(logged.map((r) => r.requestId).sort()).toEqual([...ids].sort());
      // Exactly the lines before the resume point are stored.
      const stored = await storedLines(database);
      expect(stored).toEqual(Array.from({ length: resumeFrom - 1 }, (_, k) => k + 1));
    } finally {
      if (!testDb) await database.close();
    }

    // Resume: npm run ingest sends the file from the line named to a new server.
    server = await startServerProcess(env);
    const file = path.join(workDir, 'load.ndjson');
    writeFileSync(file, Array.from({ length: LINES }, (_, k) => `${line(k + 1)}\n`).join(''));
    const cli = spawnSync('npm', ['run', '--silent', 'ingest', '--', '--source', 'clearing-house', file, '--url', server.url, '--from-line', String(resumeFrom)], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    const rest = LINES - resumeFrom + 1;
    expect(cli.stdout).toContain(`${rest} records read: ${rest} accepted (${rest} created, 0 versioned, 0 unchanged), 0 rejected`);
    server.child.kill('SIGINT');
    const second = await server.exited;
    expect(second.code === 0 || second.signal === 'SIGINT').toBe(true);
    expect(server.logs.at(-1)!.msg).toMatch(/^shutdown complete/);

    const after = await openServersDatabase();
    try {
      // Every line once, none twice, none lost.
      expect(await storedLines(after)).toEqual(Array.from({ length: LINES }, (_, k) => k + 1));
    } finally {
      if (!testDb) await after.close();
    }
  }, 300_000);
});

/** The line numbers of the load whose records are stored (current versions), in order. */
async function storedLines(database: Database): Promise<number[]> {
  const [source] = await database.db.select({ id: sources.id }).from(sources).where(eq(sources.code, 'clearing-house'));
  const rows = await database.db
    .select({ ref: paymentTransactions.sourceRecordId, versions: sql<number>`count(*)::int` })
    .from(paymentTransactions)
    .where(and(eq(paymentTransactions.sourceId, source!.id), like(paymentTransactions.sourceRecordId, 'SHUT-%')))
    .groupBy(paymentTransactions.sourceRecordId);
  expect(rows.every((r) => Number(r.versions) === 1)).toBe(true);
  return rows.map((r) => Number(r.ref.slice('SHUT-'.length))).sort((a, b) => a - b);
}
