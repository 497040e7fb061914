import { fork, type ChildProcess } from 'node:child_process';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import { seedDatabase } from '../src/seed/seed.js';
import { persons } from '../src/server/tables.js';

/** One benchmark run's figures, as every benchmark prints them. */
export interface Run {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statementsPerRequest: number;
}

/**
 * Opens the benchmark database at `url`, creating, migrating and seeding it (demo principals
 * included) on first use; later runs reuse it. Returns the open database for sampling.
 */
export async function openSeededDatabase(url: string, people: number, progress = false): Promise<Database> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  const [{ n }] = (await database.db.select({ n: count() }).from(persons)) as [{ n: number }];
  if (Number(n) === 0) {
    console.log(`seeding ${people} people into ${name} ...`);
    await seedDatabase(database.db, { people, seed: 42, demo: true, progress });
  } else if (Number(n) < people) {
    console.log(`note: ${name} holds ${n} people (asked for ${people}); using them`);
  }
  return database;
}

/**
 * Starts a benchmark process (a TypeScript file beside the caller, unless `execArgv` says
 * otherwise) with the IPC channel.
 */
export function startProcess(script: URL, env: Record<string, string>, execArgv?: string[]): ChildProcess {
  return fork(script.pathname, [], {
    env: { ...process.env, ...env },
    // The server's own start flags (package.json, npm start): a larger young generation.
    execArgv: execArgv ?? ['--max-semi-space-size=64', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** The next message a benchmark process sends (its "ready"), or its early exit as an error. */
export const nextMessage = <T>(child: ChildProcess) =>
  new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`bench process exited with ${code}`)));
  });
