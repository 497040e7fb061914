import path from 'node:path';

/** Settings read once from the environment. */
export const config = {
  port: Number(process.env.PORT ?? 4000),
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: path.resolve(process.env.DATA_DIR ?? '.data'),
  production: process.env.NODE_ENV === 'production',
  /** PostgreSQL connections per process: each ingestion lane holds one while it writes a batch. */
  databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  /**
   * Profile reads compiled into one statement per root (profile/read-plan.ts); `off` leaves
   * every field to its own loader (the equivalence test compares the two).
   */
  compiledReads: process.env.COMPILED_READS !== 'off',
  ingestion: {
    batchSize: Number(process.env.INGEST_BATCH_SIZE ?? 5000),
    lanes: Number(process.env.INGEST_LANES ?? 2),
  },
};
