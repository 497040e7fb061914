import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrateDatabase, migrationsFolder, openDatabase, rowsOf, type Database } from '../db/client.js';
import { ensureAccessLogPartitions } from '../audit/partitions.js';

/** The migrations the code expects, by tag, in order (drizzle-kit's journal). */
function expectedMigrations(): string[] {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

/** How many of the committed migrations the database has not applied yet. */
export async function pendingMigrations(database: Database): Promise<number> {
  const expected = expectedMigrations().length;
  try {
    const [row] = rowsOf<{ n: number | string }>(await database.db.execute(sql`select count(*) as n from drizzle.__drizzle_migrations`));
    return Math.max(0, expected - Number(row?.n ?? 0));
  } catch (err) {
    // undefined_table / invalid_schema_name: never migrated.
    const code = (err as { code?: string }).code ?? ((err as { cause?: { code?: string } }).cause?.code);
    if (code === '42P01' || code === '3F000') return expected;
    throw err;
  }
}

/** Migrates and prepares the access log's partitions; returns how many migrations it applied. */
export async function migrate(database: Database): Promise<number> {
  const before = await pendingMigrations(database);
  await migrateDatabase(database);
  await ensureAccessLogPartitions(database.db);
  return before;
}

/** Counts migrations the code expects (for the CLI's report). */
export const migrationCount = () => expectedMigrations().length;
