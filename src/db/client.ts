import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import type pg from 'pg';
import { registerRunner } from './compiled.js';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/** The one database type the code is written against, whichever driver runs underneath. */
export type Db = PgDatabase<PgQueryResultHKT>;

/** The rows of a raw `db.execute` result: both drivers answer with `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Statements issued so far: tests and benchmarks read deltas of it. */
  statements: () => number;
  /** Calls `fn` with the text of every statement from now on (null stops it). */
  traceStatements: (fn: ((query: string) => void) | null) => void;
  ping: () => Promise<void>;
  close: () => Promise<void>;
  /** PostgreSQL only: the pool's connections (in use = total - idle) and requests waiting for one. */
  poolStatistics?: () => { total: number; idle: number; waiting: number };
  /**
   * Calls `onNotify` for every notification on `channel` (LISTEN/NOTIFY), and `onLost` when
   * the listening connection is lost (it reconnects by itself and calls `onListening` again).
   * Returns a function that stops listening.
   */
  listen: (channel: string, handlers: ListenHandlers) => Promise<() => Promise<void>>;
  /** PostgreSQL only: runs `fn` while this process holds a session advisory lock. */
  withLock?: <T>(key: number, fn: () => Promise<T>) => Promise<T>;
}

export interface ListenHandlers {
  onNotify: (payload: string) => void;
  /** Listening (again): notifications from now on will arrive. */
  onListening: () => void;
  /** Not listening: notifications may be missed until onListening. */
  onLost: () => void;
}

export interface OpenOptions {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory; when absent (and no url), PGlite runs in memory. */
  dataDir?: string;
  poolSize?: number;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

class CountingLogger implements Logger {
  count = 0;
  /** Set by a test or benchmark to see each statement's text. */
  trace: ((query: string) => void) | null = null;
  logQuery(query: string): void {
    this.count++;
    this.trace?.(query);
  }
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const logger = new CountingLogger();
  if (options.url) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // A server that stops answering (no reset) fails a request after 10 s instead of the
    // operating system's minutes; so does a wait for a free client under overload.
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    // A client that loses its server emits 'error'; unheard, that event ends the process. The
    // pool hears its idle clients; this listener stays on while a client is checked out (in a
    // transaction, a COPY, an advisory lock), where the query in flight reports the failure.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
      traceQueries(client);
    });
    releaseLostClients(pool);
    const db = drizzle(pool, { logger }) as unknown as Db;
    // Compiled statements (the read planner's) run on connections of their own that always
    // use the statement's generic plan: planning a profile's statement anew for each request
    // (PostgreSQL's default for them) cost three times its execution. Other statements keep
    // the planner's per-value plans.
    const compiledPool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 10_000,
      options: '-c plan_cache_mode=force_generic_plan',
    });
    compiledPool.on('error', () => undefined);
    compiledPool.on('connect', (client) => client.on('error', () => undefined));
    registerRunner(db, {
      run: async (statement, values) => {
        logger.logQuery(statement.text);
        return (await compiledPool.query({ name: statement.name, text: statement.text, values })).rows;
      },
    });
    return {
      db,
      kind: 'postgres',
      statements: () => logger.count,
      traceStatements: (fn) => {
        logger.trace = fn;
      },
      ping: async () => {
        await pool.query('select 1');
      },
      close: async () => {
        await Promise.all([pool.end(), compiledPool.end()]);
      },
      poolStatistics: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      listen: (channel, handlers) => listenOnPostgres(options.url!, channel, handlers),
      withLock: async (key, fn) => {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [key]);
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]).catch(() => undefined);
          client.release();
        }
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  traceQueries(client);
  const db = drizzle(client, { logger }) as unknown as Db;
  registerRunner(db, {
    run: async (statement, values) => {
      logger.logQuery(statement.text);
      return (await client.query<Record<string, unknown>>(statement.text, values)).rows;
    },
  });
  return {
    db,
    kind: 'pglite',
    statements: () => logger.count,
    traceStatements: (fn) => {
      logger.trace = fn;
    },
    ping: async () => {
      await client.query('select 1');
    },
    close: () => client.close(),
    listen: async (channel, handlers) => {
      const stop = await client.listen(channel, handlers.onNotify);
      handlers.onListening();
      return async () => {
        await stop().catch(() => undefined);
      };
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would be handed to other queries). A lost
 * connection is reported at once and retried every second until it listens again.
 */
async function listenOnPostgres(url: string, channel: string, handlers: ListenHandlers): Promise<() => Promise<void>> {
  const { default: pg } = await import('pg');
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    const lost = () => {
      if (client !== c) return;
      client = null;
      handlers.onLost();
      c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.onNotify(n.payload ?? '');
    });
    try {
      client = c;
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      handlers.onListening();
    } catch {
      lost();
    }
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}


/**
 * A span per statement, child of the request's span, while tracing is on (OTEL_*, see
 * server/tracing.ts). Without a recording span in the context the query runs untouched.
 */
function traceQueries(client: { query: (...args: any[]) => any; transaction?: (fn: (tx: any) => Promise<unknown>) => Promise<unknown> }): void {
  // PGlite runs a transaction's statements on a handle of its own.
  if (client.transaction) {
    const transaction = client.transaction.bind(client);
    client.transaction = (fn) =>
      transaction((tx: { query: (...args: any[]) => any }) => {
        traceQueries(tx);
        return fn(tx);
      });
  }
  // The class's method is looked up at each call, not captured once, so whatever wraps the
  // class later (a test's spy, another instrumentation) still sees every statement.
  const own = Object.prototype.hasOwnProperty.call(client, 'query') ? client.query : null;
  const query = (...args: any[]) => (own ?? Object.getPrototypeOf(client).query).apply(client, args);
  client.query = (...args: any[]) => {
    if (!trace.getActiveSpan()?.isRecording()) return query(...args);
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const span = trace.getTracer('credit-exchange/db').startSpan('db.query', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.statement': text.slice(0, 4000) } });
    const end = (err?: unknown) => {
      if (err) span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message.slice(0, 500) : String(err) });
      span.end();
    };
    const callback = args.findIndex((a) => typeof a === 'function');
    if (callback !== -1) {
      const done = args[callback] as (err: unknown, ...rest: unknown[]) => void;
      args[callback] = (err: unknown, ...rest: unknown[]) => {
        end(err);
        done(err, ...rest);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result && typeof result.then === 'function') result.then(() => end(), end);
    else end();
    return result;
  };
}

/**
 * Checked-out clients go back to the pool, as broken, the moment their connection is lost.
 * drizzle's transaction() sends `begin` outside its try/finally: a connection lost there was
 * never released, and each such loss shrank the pool until every request waited for ever.
 */
function releaseLostClients(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as (callback?: unknown) => unknown;
  pool.connect = ((callback?: unknown) => {
    // pool.query checks out with a callback and releases the client itself.
    if (callback) return connect(callback);
    return (connect() as Promise<pg.PoolClient>).then((client) => {
      const release = client.release;
      let released = false;
      const lost = (err: Error) => {
        if (released) return;
        released = true;
        release(err);
      };
      client.once('error', lost);
      client.release = (err?: Error | boolean) => {
        client.off('error', lost);
        if (released) return;
        released = true;
        release(err);
      };
      return client;
    });
  }) as typeof pool.connect;
}

/** SQLSTATEs of a lost or refused connection: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres and PGlite say so only in words when the connection (or the embedded database) is gone. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end on the pool|PGlite is closed)/;

/**
 * True when `err` (or what it wraps: drizzle's `cause`, GraphQL's `originalError`, an
 * AggregateError's `errors`) says the database cannot be reached or dropped the connection,
 * as opposed to refusing a statement. Such failures answer 503 SERVICE_UNAVAILABLE.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_ERRNOS.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (UNAVAILABLE_MESSAGE.test(err.message)) return true;
  const inner = [err.cause, (err as { originalError?: unknown }).originalError, ...(err instanceof AggregateError ? err.errors : [])];
  return inner.some((e) => e !== err && isDatabaseUnavailable(e, depth + 1));
}

/** Applies the committed migrations; several processes may start at once on PostgreSQL. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'postgres' && database.withLock) {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // Several processes may start at once: one migrates, the others wait and find nothing to do.
    await database.withLock(7411001, () => migrate(database.db as never, { migrationsFolder }));
    return;
  }
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  await migrate(database.db as never, { migrationsFolder });
}
