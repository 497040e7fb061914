import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { TestDatabase } from './database.js';

/**
 * Runs SQL as a superuser with triggers off (session_replication_role = replica): what an
 * insider with full database rights could do to the access log behind the server's back.
 */
export async function asInsider(testDb: TestDatabase, statements: string): Promise<void> {
  if (testDb.url) {
    const client = new pg.Client({ connectionString: testDb.url });
    await client.connect();
    try {
      await client.query(`set session_replication_role = replica; ${statements}; set session_replication_role = origin;`);
    } finally {
      await client.end();
    }
    return;
  }
  const db = testDb.database.db;
  await db.execute(sql.raw('set session_replication_role = replica'));
  try {
    for (const s of statements.split(';').map((x) => x.trim()).filter(Boolean)) await db.execute(sql.raw(s));
  } finally {
    await db.execute(sql.raw('set session_replication_role = origin'));
  }
}
