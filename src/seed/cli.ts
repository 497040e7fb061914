/**
 * npm run seed -- [--demo] [--people N] [--seed S] [--transactions-per-person T]
 *
 * Seeds the configured database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in
 * DATA_DIR (default .data/). Migrates first. The database must not hold people yet.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { commandOptions, runCommand } from '../kernel/cli.js';
import { config } from '../kernel/config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { seedDatabase } from './seed.js';
import { demoPeople } from './demo-people.js';
import { demoFurnisherKeys, demoKeys } from './demo-principals.js';
import { demoConsentManager } from './demo-consent-manager.js';

const USAGE = `usage: npm run seed -- [--demo] [--people N] [--seed S] [--transactions-per-person T] [--quiet]

  --demo                      also create the demo principals, licences and consents
  --people-only               people and records without any API key, on purpose (without
                              --demo or this flag the seed refuses: see below)
  --people N                  people in all, the 6 planted demo people included (default 20)
  --seed S                    seed of the generator (default 42); same seed, same data
  --transactions-per-person T payment transactions per person over 6 months (default 24)
  --quiet                     no progress bar

DATABASE_URL selects PostgreSQL; otherwise PGlite in DATA_DIR (default .data/).`;

/** Why the seed will not leave people without keys unless told to (the half-demo npm start cannot open). */
const HALF_DEMO = `without --demo the seed would store people and records but no API key:
  npm start would then serve those people, yet every key of the README (demo-scorer-full,
  demo-regulator, demo-subject, ...) would answer UNAUTHENTICATED, and npm start does not add
  the demo on top of existing people.
Nothing was stored. Run one of:
  npm run seed -- --demo          the demo: people, principals, licences, consents, the README's keys
  npm run seed -- --people-only   people without keys, on purpose (benchmarks; keys issued apart)`;

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer of at least ${min}, got "${value}"`);
  }
  return n;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const parsed = commandOptions({
    options: {
      demo: { type: 'boolean', default: false },
      'people-only': { type: 'boolean', default: false },
      people: { type: 'string' },
      seed: { type: 'string' },
      'transactions-per-person': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }, USAGE);
  if (typeof parsed === 'number') return parsed;
  const args = parsed.values;
  let people: number, seed: number, transactionsPerPerson: number;
  try {
    people = integer('people', args.people, 20, 1);
    seed = integer('seed', args.seed, 42, 0);
    transactionsPerPerson = integer('transactions-per-person', args['transactions-per-person'], 24, 0);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }

  if (!args.demo && !args['people-only']) {
    console.error(HALF_DEMO);
    return 2;
  }
  if (args.demo && args['people-only']) {
    console.error(`--demo and --people-only exclude each other\n\n${USAGE}`);
    return 2;
  }

  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
  });
  try {
    const where = database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
    console.log(`seeding ${where}: ${people} people, seed ${seed}${args.demo ? ', demo principals' : ''}`);
    await migrateDatabase(database);
    const summary = await seedDatabase(database.db, {
      people,
      seed,
      demo: args.demo,
      transactionsPerPerson,
      progress: !args.quiet && process.stderr.isTTY === true,
    });
    const records = Object.values(summary.records).reduce((a, b) => a + b, 0);
    console.log(`seeded ${summary.people} people and ${records} record versions in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
    for (const [kind, n] of Object.entries(summary.records)) console.log(`  ${kind.padEnd(18)} ${n}`);
    if (summary.principals) {
      const p = summary.principals;
      console.log(
        `demo principals: ${p.organisations} organisations, ${p.principals} principals, ${p.licences} licences, ${p.grants} grants, ${p.consents} consents`,
      );
      console.log(`  keys: ${Object.values(demoKeys).join(', ')}`);
      console.log(`        ${Object.values(demoFurnisherKeys).join(', ')}`);
      console.log(`        ${demoConsentManager.apiKey} (its artefacts: npm run consent -- --subject ID --grantee ORG --purpose P)`);
    }
    console.log('demo people:');
    for (const [name, person] of Object.entries(demoPeople)) console.log(`  ${name.padEnd(23)} ${person.nationalId}  ${person.name}`);
    return 0;
  } finally {
    await database.close();
  }
}

runCommand('seed', main);
