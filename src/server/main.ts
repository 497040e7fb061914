import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client.js';
import { createExchangeServer } from './app.js';
import { createLogger } from './logger.js';
import { config } from '../kernel/config.js';
import { isSeeded, seedDatabase } from '../seed/seed.js';
import { demoNotice } from '../seed/demo-readiness.js';
import { principals } from '../access/access.tables.js';
import { demoConsentManagerExists } from '../access/consent-artefacts/consent-manager.service.js';
import { ensureAccessLogPartitions } from '../audit/partitions.js';
import { migrate, pendingMigrations } from '../administration/migrations.js';
import { gracefulShutdown, shutdownDrainFromEnv, shutdownGraceFromEnv } from './shutdown.js';
import { setupTracing } from './tracing.js';
import { productionRefusal, transparencyFromEnv } from '../audit/transparency/checkpoint.service.js';

const logger = createLogger();

async function main() {
  // First, so that everything after it can be traced (a no-op unless OTEL_* configures it).
  const tracing = await setupTracing(logger);
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, poolSize: config.databasePoolSize });
  // MIGRATE_ON_START=false: the operator migrates apart (npm run migrate, as the owner) and the
  // server, perhaps under a role that may not change the schema, only checks.
  if (process.env.MIGRATE_ON_START === 'false') {
    const pending = await pendingMigrations(database);
    if (pending > 0) {
      logger.fatal({ pending }, 'refusing to start: the database lacks migrations (run npm run migrate)');
      process.exit(1);
    }
    await ensureAccessLogPartitions(database.db).catch((err: unknown) =>
      logger.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, "could not create the access log's next partitions: run npm run migrate monthly"),
    );
  } else {
    await migrate(database);
  }

  // The embedded database is the demo: seed it on first start. PostgreSQL is seeded on purpose only.
  if (!config.databaseUrl && !(await isSeeded(database.db))) {
    logger.info('first start on the embedded database: seeding the demo data set');
    await seedDatabase(database.db, { people: 20, seed: 42, demo: true });
  }
  if (!config.production) {
    // The README's keys are what a first user tries: say so when they cannot work here.
    const notice = await demoNotice(database.db);
    if (notice) logger.warn(notice);
  }
  if (config.production) {
    const demo = await database.db.select({ id: principals.id }).from(principals).where(eq(principals.isDemo, true)).limit(1);
    if (demo.length > 0) {
      logger.fatal('refusing to start in production while demo API keys exist');
      process.exit(1);
    }
    // Its private key is published: anyone could sign consent artefacts in its name.
    if (await demoConsentManagerExists(database.db)) {
      logger.fatal('refusing to start in production while the demo consent manager is registered');
      process.exit(1);
    }
    // Checkpoints signed with the published demo key prove nothing: anyone can sign them.
    const keyRefusal = productionRefusal(transparencyFromEnv());
    if (keyRefusal) {
      logger.fatal(`refusing to start in production: ${keyRefusal}`);
      process.exit(1);
    }
  }

  const server = await createExchangeServer({ database, logger, production: config.production, ingestion: config.ingestion });
  const http = server.app.listen(config.port, () => {
    logger.info({ port: config.port, database: database.kind }, `credit-exchange listening on http://localhost:${config.port}/graphql`);
  });
  const shutdown = gracefulShutdown({ http, server, database, logger, tracing, graceMs: shutdownGraceFromEnv(), drainMs: shutdownDrainFromEnv() });
  const onSignal = (signal: NodeJS.Signals) => {
    void shutdown(signal).then((code) => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((err) => {
  logger.fatal({ err: { message: err instanceof Error ? err.message : String(err) } }, 'failed to start');
  process.exit(1);
});
