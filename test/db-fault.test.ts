import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createExchangeServer, type ExchangeServer } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { isDatabaseUnavailable, openDatabase, type Database } from '../src/db/client.js';
import { accessLog } from '../src/audit/access-log.tables.js';
import { verifyAccessLog } from '../src/audit/verify.service.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { composeNationalId } from '../src/records/identity/national-id.js';
import { GraphQLError } from 'graphql';
import { skipBecause } from './helpers/skip.js';

/**
 * What each variant proves:
 * - PostgreSQL, pg_terminate_backend: the real driver's failures (57P01 on running queries,
 *   'Connection terminated unexpectedly' on clients checked out inside transactions and COPY)
 *   neither crash the process nor leave as anything but 503 SERVICE_UNAVAILABLE, and the pool
 *   recovers on its own.
 * - PostgreSQL through a TCP proxy that is cut and reopened: a sustained outage (ECONNREFUSED
 *   on every new connection), every path answers 503 meanwhile, recovery without a restart.
 * - PGlite: the embedded database cannot be killed from outside, so its client is made to
 *   throw what a closed PGlite throws ('PGlite is closed'), then restored; at the end it is
 *   really closed. This proves the 503 mapping, the withheld data and the recovery in the
 *   server, not the pg driver's behaviour.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

let t: TestServer;
const crashes: unknown[] = [];
const noteCrash = (err: unknown) => crashes.push(err);

beforeAll(async () => {
  // The process must not see one uncaught exception or unhandled rejection, even if vitest would survive it.
  process.on('uncaughtException', noteCrash);
  process.on('unhandledRejection', noteCrash);
  t = await startTestServer({ people: 6, ingestion: { batchSize: 10, lanes: 2 } });
});
afterAll(async () => {
  process.off('uncaughtException', noteCrash);
  process.off('unhandledRejection', noteCrash);
  await t?.close().catch(() => undefined);
});

const PROFILE = `query ($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "FAULT-1") {
  identity { name } courtRecords { status } creditAccounts { lender balanceFen } judgmentDebtor } }`;
const subjects = [demoPeople.ordinary, demoPeople.judgmentDebtor, demoPeople.suedNotJudged, demoPeople.propertyMismatch].map((p) => p.nationalId);

interface Answer {
  kind: 'profile' | 'ingest' | 'other';
  status: number;
  json: boolean;
  body: any;
  requestId: string;
  /** A profile answer that carried personal data. */
  carried: boolean;
}

let sequence = 0;
const nextRequestId = (kind: string) => `fault-${kind}-${process.pid}-${++sequence}`;

async function answerOf(kind: Answer['kind'], requestId: string, res: Response): Promise<Answer> {
  const text = await res.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: reported by the checks
  }
  return { kind, status: res.status, json: body !== null, body, requestId, carried: kind === 'profile' && body?.data?.person != null };
}

async function profile(url: string, n = sequence): Promise<Answer> {
  const requestId = nextRequestId('profile');
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: 'Bearer demo-scorer-full', 'x-request-id': requestId },
    body: JSON.stringify({ query: PROFILE, variables: { id: subjects[n % subjects.length] } }),
  });
  return answerOf('profile', requestId, res);
}

/** A load of 30 transaction lines (three batches of ten): transactions, advisory locks and, on PostgreSQL, COPY. */
async function ingest(url: string): Promise<Answer> {
  const requestId = nextRequestId('ingest');
  const n = sequence;
  const lines = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({
      kind: 'transaction',
      sourceRecordId: `${requestId}-${i}`,
      nationalId: composeNationalId('110105', `1981-02-${String(1 + ((n + i) % 28)).padStart(2, '0')}`, 301 + 2 * (i % 5)),
      receivedAt: '2025-06-01T08:00:00Z',
      content: { occurredAt: '2025-05-03T10:15:00Z', amountFen: 1000 + i, direction: 'OUTFLOW', channel: 'ALIPAY', merchantCategory: '餐饮', counterparty: null },
    }),
  );
  const res = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer demo-furnisher-clearing-house', 'x-request-id': requestId },
    body: lines.join('\n') + '\n',
  });
  return answerOf('ingest', requestId, res);
}

/** Profile and ingest requests from `workers` loops until `during` settles. */
async function underLoad(url: string, workers: number, during: () => Promise<void>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let running = true;
  const loop = async (w: number) => {
    for (let i = 0; running; i++) answers.push(await (w % 3 === 2 ? ingest(url) : profile(url, w + i)));
  };
  const loops = Array.from({ length: workers }, (_, w) => loop(w));
  try {
    await during();
  } finally {
    running = false;
    await Promise.all(loops);
  }
  return answers;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every answer is JSON; it either succeeded or is a 503 SERVICE_UNAVAILABLE without data. */
function expectSucceededOrUnavailable(answers: Answer[]) {
  const wrong = answers.filter((a) => {
    if (!a.json) return true;
    if (a.status === 503) return a.body.errors?.[0]?.extensions?.code !== 'SERVICE_UNAVAILABLE' || a.body.data != null;
    if (a.status !== 200) return true;
    return a.kind === 'profile' ? !a.carried || a.body.errors !== undefined : a.body.counts?.accepted !== 30;
  });
  expect(wrong.map((a) => ({ kind: a.kind, status: a.status, body: a.json ? JSON.stringify(a.body).slice(0, 300) : 'not JSON' }))).toEqual([]);
}

/** Every response that carried personal data has its DISCLOSED access-log entry; the chain is intact. */
async function expectEveryDisclosureLogged(answers: Answer[]) {
  const profiles = answers.filter((a) => a.kind === 'profile');
  const carried = profiles.filter((a) => a.carried).map((a) => a.requestId);
  const rows = await t.testDb.database.db
    .select({ requestId: accessLog.requestId })
    .from(accessLog)
    .where(and(inArray(accessLog.requestId, profiles.map((a) => a.requestId)), eq(accessLog.outcome, 'DISCLOSED')));
  const logged = new Set(rows.map((r) => r.requestId));
  expect(carried.length).toBeGreaterThan(0);
  expect(carried.filter((id) => !logged.has(id))).toEqual([]);
  // A withheld answer is logged as refused, not disclosed (a commit whose acknowledgement
  // was lost may still leave one more disclosed entry than answers: the safe direction).
  expect(logged.size).toBeGreaterThanOrEqual(carried.length);
  expect((await verifyAccessLog(t.testDb.database.db, null, null)).valid).toBe(true);
}

/** Every request has answered: a client still checked out was lost for good, and enough such losses starve the pool. */
async function expectNoClientLeftCheckedOut(database: Database) {
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  for (let i = 0; i < 20 && pool.totalCount > pool.idleCount; i++) await sleep(50);
  expect({ checkedOut: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }).toEqual({ checkedOut: 0, waiting: 0 });
}

async function expectRecovered(url: string) {
  for (let i = 0; i < 3; i++) {
    const a = await profile(url, i);
    expect(a.status).toBe(200);
    expect(a.carried).toBe(true);
  }
  const load = await ingest(url);
  expect(load.status).toBe(200);
  expect(load.body.counts.accepted).toBe(30);
  expect((await fetch(`${url}/readyz`)).status).toBe(200);
}

/** A pg-shaped 'terminating connection due to administrator command', as pg_terminate_backend causes. */
const adminShutdown = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });

/** PGlite: makes the embedded database answer every call as a closed PGlite does, until restored. */
function pgliteOutage(database: Database) {
  const client = (database.db as unknown as { $client: PGlite }).$client as unknown as Record<string, unknown>;
  const methods = ['query', 'exec', 'transaction'];
  return {
    start: () => {
      for (const m of methods) client[m] = async () => Promise.reject(new Error('PGlite is closed'));
    },
    end: () => {
      for (const m of methods) delete client[m];
    },
  };
}

/** PostgreSQL: a TCP hop between the server and PostgreSQL that can be cut (connections reset, new ones refused) and reopened. */
class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const s of this.sockets) s.resetAndDestroy();
    await closed;
  }
}

async function listen(server: ExchangeServer): Promise<{ url: string; http: Server }> {
  const http: Server = await new Promise((resolve) => {
    const s = server.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, http };
}

describe('database-connection failures are recognised in one place', () => {
  it('knows the driver errors of a lost or refused connection, through wrappers, and nothing else', () => {
    const refused = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''), { code: 'ECONNREFUSED' });
    const drizzleWrapped = Object.assign(new Error('Failed query: select 1'), { cause: adminShutdown() });
    const lost = [
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      refused,
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      adminShutdown(),
      Object.assign(new Error('terminating connection due to unexpected postmaster exit'), { code: '57P02' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      drizzleWrapped,
      new GraphQLError('wrapped by a resolver', { originalError: drizzleWrapped }),
      new Error('PGlite is closed'),
    ];
    for (const err of lost) expect(isDatabaseUnavailable(err), String(err)).toBe(true);
    const notLost = [
      new Error('boom'),
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      Object.assign(new Error('deadlock detected'), { code: '40P01' }),
      Object.assign(new Error('Failed query: select'), { cause: Object.assign(new Error('invalid input syntax'), { code: '22P02' }) }),
      null,
      'Connection terminated unexpectedly',
    ];
    for (const err of notLost) expect(isDatabaseUnavailable(err), String(err)).toBe(false);
  });
});

describe('the server survives database failures', () => {
  it('keeps serving while its connections are killed mid-load: 503 SERVICE_UNAVAILABLE meanwhile, every disclosure logged, then recovery', async () => {
    let faults = 0;
    const answers = await underLoad(t.url, 6, async () => {
      await sleep(400);
      if (onPostgres) {
        // pg_terminate_backend from a client of its own, for every backend of the test database but its own.
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        admin.on('error', () => undefined);
        await admin.connect();
        const name = new URL(t.testDb.url!).pathname.slice(1);
        try {
          for (let i = 0; i < 5; i++) {
            const killed = await admin.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
            faults += killed.rows[0].n as number;
            await sleep(500 + 100 * (i % 3));
          }
        } finally {
          await admin.end();
        }
      } else {
        const outage = pgliteOutage(t.testDb.database);
        for (let i = 0; i < 5; i++) {
          outage.start();
          faults++;
          await sleep(150);
          outage.end();
          await sleep(250);
        }
      }
    });
    expect(faults).toBeGreaterThan(3);
    expect(crashes).toEqual([]);
    if (onPostgres) await expectNoClientLeftCheckedOut(t.testDb.database);
    expectSucceededOrUnavailable(answers);
    // The faults really hit requests, and requests between them still succeeded.
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    await expectRecovered(t.url);
    await expectEveryDisclosureLogged(answers);
    expect(crashes).toEqual([]);
  });

  it('answers 503 SERVICE_UNAVAILABLE on every path while the database is unreachable, in JSON, and recovers without a restart', async () => {
    let url = t.url;
    let cut: () => Promise<void>;
    let reopen: () => Promise<void>;
    let cleanup = async () => undefined;
    if (onPostgres) {
      const target = new URL(t.testDb.url!);
      const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      await proxy.open();
      const viaProxy = new URL(target);
      viaProxy.host = `127.0.0.1:${proxy.port}`;
      const database = await openDatabase({ url: viaProxy.toString(), poolSize: 6 });
      const server = await createExchangeServer({ database, logger: createLogger('silent'), ingestion: { batchSize: 10, lanes: 2 } });
      const listening = await listen(server);
      url = listening.url;
      cut = () => proxy.cut();
      reopen = () => proxy.open();
      cleanup = async () => {
        await new Promise<void>((r) => listening.http.close(() => r()));
        await server.stop();
        await database.close();
        await proxy.cut();
      };
    } else {
      const outage = pgliteOutage(t.testDb.database);
      cut = async () => outage.start();
      reopen = async () => outage.end();
    }
    try {
      expect((await profile(url)).status).toBe(200);
      // Cut while requests are in flight: transactions, COPY and checked-out clients lose their server.
      const inFlight = underLoad(url, 4, async () => {
        await sleep(300);
        await cut();
        await sleep(300);
      });
      const answers = await inFlight;
      expectSucceededOrUnavailable(answers);

      const during = [await profile(url), await ingest(url)];
      expectSucceededOrUnavailable(during);
      expect(during.map((a) => a.status)).toEqual([503, 503]);
      // Even a wrong key is a 503 then: the key cannot be checked without the database.
      const wrongKey = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer no-such-key' }, body: '{"query":"{ me { kind } }"}' });
      expect(wrongKey.status).toBe(503);
      expect(((await wrongKey.json()) as any).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);

      await reopen();
      await expectRecovered(url);
      expect(crashes).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it('withholds the answer with 503 SERVICE_UNAVAILABLE when the access log cannot be written because the database failed', async () => {
    // Only the access log's statements fail, so the profile itself resolves: its data must still not leave.
    t.testDb.database.traceStatements((query) => {
      if (/"access_log_head"/.test(query)) throw adminShutdown();
    });
    let answer: Answer;
    try {
      answer = await profile(t.url);
    } finally {
      t.testDb.database.traceStatements(null);
    }
    expect(answer.status).toBe(503);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'ACCESS_LOG_UNAVAILABLE' } })]);
    expect(JSON.stringify(answer.body)).not.toContain(demoPeople.ordinary.name);
    const after = await profile(t.url);
    expect(after.status).toBe(200);
  });

  it.skipIf(skipBecause(onPostgres, 'PGlite only: closing the embedded database for good has no counterpart on a shared PostgreSQL server'))('PGlite closed for good: the process answers 503 and stays up', async () => {
    const client = (t.testDb.database.db as unknown as { $client: PGlite }).$client;
    await client.close();
    const answers = [await profile(t.url), await ingest(t.url)];
    expectSucceededOrUnavailable(answers);
    expect(answers.map((a) => a.status)).toEqual([503, 503]);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(crashes).toEqual([]);
  });
});
