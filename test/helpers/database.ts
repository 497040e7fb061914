import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../src/db/client.js';
import { persons, sources } from '../../src/server/tables.js';

export interface TestDatabase {
  database: Database;
  /** Connection string of the test's own database (PostgreSQL only). */
  url?: string;
  drop: () => Promise<void>;
}

/**
 * Each test file gets a database of its own: PGlite in memory by default, or a freshly
 * created database on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return { database, drop: () => database.close() };
  }
  const name = `cx_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  await migrateDatabase(database);
  return {
    database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A test database holding one person and one data source, for tests that write records directly. */
export interface PersonAndSource {
  t: TestDatabase;
  personId: string;
  sourceId: number;
}

export async function createDatabaseWithPersonAndSource(source: { code: string; name: string; kind: 'COURT' | 'EMPLOYER' }): Promise<PersonAndSource> {
  const t = await createTestDatabase();
  const db = t.database.db;
  const [person] = await db.insert(persons).values({ nationalId: '11010519491231002X' }).returning({ id: persons.id });
  const [row] = await db.insert(sources).values(source).returning({ id: sources.id });
  return { t, personId: person!.id, sourceId: row!.id };
}
