import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Logger } from 'drizzle-orm/logger';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The one database type the code is written against, whichever driver runs underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

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
  /** PostgreSQL only: runs `fn` while this process holds a session advisory lock. */
  withLock?: <T>(key: number, fn: () => Promise<T>) => Promise<T>;
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
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    const db = drizzle(pool, { schema, logger }) as unknown as Db;
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
      close: () => pool.end(),
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
  const db = drizzle(client, { schema, logger }) as unknown as Db;
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
  };
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
