/**
 * npm run migrate: applies the committed migrations (migrations/) to the configured database
 * (DATABASE_URL, else PGlite in DATA_DIR) and creates the access log's partitions ahead, apart
 * from the server's start. Run it as the database owner before starting servers that are
 * told not to migrate (MIGRATE_ON_START=false).
 */
import { mkdirSync } from 'node:fs';
import { openDatabase } from '../db/client.js';
import { config } from '../kernel/config.js';
import { migrate, migrationCount } from './migrations.js';

async function main(): Promise<void> {
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  // Two connections: the migration lock holds one while the migrator runs on the other.
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, poolSize: 2 });
  try {
    const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
    const applied = await migrate(database);
    console.log(`${where}: ${applied} migration(s) applied, ${migrationCount()} in all; the access log's partitions are ready`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  console.error(`migrate failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
});
