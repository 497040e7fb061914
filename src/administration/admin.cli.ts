/**
 * npm run admin -- COMMAND [options]: administration from a shell, on the configured database
 * (DATABASE_URL, else PGlite in DATA_DIR). `bootstrap` creates the first regulator before any
 * exists; the other commands act as a regulator named with --as and are recorded in the
 * oversight events like the API's mutations. Prints JSON; an API key is printed once, here.
 * Exit code: 0 done, 1 failed, 2 refused (bad input or usage).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCommand } from '../kernel/cli.js';
import { GraphQLError } from 'graphql';
import { openDatabase, type Db } from '../db/client.js';
import { config } from '../kernel/config.js';
import { issueApiKey, revokeApiKey } from '../access/licence-admin.service.js';
import { pendingMigrations } from './migrations.js';
import { publicKeyOfSeed, signerKeyOfSeed, verifierKey } from '../audit/transparency/note.js';
import { bootstrapRegulator, registerOrganisation, registerPrincipal, registerSource, regulatorActor } from './administration.service.js';

const USAGE = `usage: npm run admin -- COMMAND [options]

  bootstrap --organisation NAME --registration-number NUMBER --name PRINCIPAL [--label LABEL]
      the first regulator: its organisation, principal and API key (refused once a regulator exists)
  register-source --as REGULATOR_ID --code CODE --name NAME --kind SOURCE_KIND [--authoritative-for KIND,...]
  register-organisation --as REGULATOR_ID --kind KIND --name NAME --registration-number NUMBER [--source-id ID]
  register-principal --as REGULATOR_ID --kind KIND --name NAME (--organisation-id ID | --national-id NUMBER)
  issue-key --as REGULATOR_ID --principal-id ID --label LABEL
  revoke-key --as REGULATOR_ID --key-id ID --reason TEXT
  signing-key --origin NAME
      a new Ed25519 key for TRANSPARENCY_SIGNING_KEY and its verifier key (no database needed)

DATABASE_URL selects PostgreSQL; otherwise PGlite in DATA_DIR (default .data/). Run npm run migrate first.`;

class UsageError extends Error {}

type Values = Record<string, string | undefined>;

function required(values: Values, name: string): string {
  const value = values[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

function id(values: Values, name: string, optional = false): number | null {
  const value = values[name];
  if (value === undefined && optional) return null;
  const n = Number(required(values, name));
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number`);
  return n;
}

async function run(db: Db, command: string, v: Values): Promise<unknown> {
  if (command === 'bootstrap') {
    return bootstrapRegulator(db, {
      organisationName: required(v, 'organisation'),
      registrationNumber: required(v, 'registration-number'),
      principalName: required(v, 'name'),
      keyLabel: v.label,
    });
  }
  const commands: Record<string, () => Promise<unknown>> = {
    'register-source': async () =>
      registerSource(db, await regulatorActor(db, id(v, 'as')!), {
        code: required(v, 'code'),
        name: required(v, 'name'),
        kind: required(v, 'kind') as never,
        authoritativeFor: v['authoritative-for'] ? (v['authoritative-for'].split(',').map((k) => k.trim()) as never) : null,
      }),
    'register-organisation': async () =>
      registerOrganisation(db, await regulatorActor(db, id(v, 'as')!), {
        kind: required(v, 'kind') as never,
        name: required(v, 'name'),
        registrationNumber: required(v, 'registration-number'),
        sourceId: id(v, 'source-id', true),
      }),
    'register-principal': async () =>
      registerPrincipal(db, await regulatorActor(db, id(v, 'as')!), {
        kind: required(v, 'kind') as never,
        name: required(v, 'name'),
        organisationId: id(v, 'organisation-id', true),
        nationalId: v['national-id'] ?? null,
      }),
    'issue-key': async () => {
      const actor = await regulatorActor(db, id(v, 'as')!);
      return issueApiKey(db, actor.principalId, id(v, 'principal-id')!, required(v, 'label'));
    },
    'revoke-key': async () => {
      const actor = await regulatorActor(db, id(v, 'as')!);
      const row = await revokeApiKey(db, actor.principalId, id(v, 'key-id')!, required(v, 'reason'));
      return { id: row.id, principalId: row.principalId, label: row.label, revokedAt: row.revokedAt };
    },
  };
  const fn = commands[command];
  if (!fn) throw new UsageError(`unknown command "${command}"`);
  return fn();
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: Object.fromEntries(
        ['origin', 'organisation', 'registration-number', 'name', 'label', 'as', 'code', 'kind', 'authoritative-for', 'source-id', 'organisation-id', 'national-id', 'principal-id', 'key-id', 'reason'].map(
          (o) => [o, { type: 'string' as const }],
        ),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...extra] = parsed.positionals;
  if (!command || extra.length > 0 || command === 'help') {
    console.error(USAGE);
    return command === 'help' ? 0 : 2;
  }

  if (command === 'signing-key') {
    const origin = parsed.values.origin;
    if (!origin || !/^[A-Za-z0-9._\/-]{1,100}$/.test(origin)) {
      console.error(`--origin NAME is required (letters, digits, dots, slashes, hyphens), e.g. exchange.example.org/log\n\n${USAGE}`);
      return 2;
    }
    const seed = randomBytes(32);
    console.log(JSON.stringify({ signingKey: signerKeyOfSeed(origin, seed), verifierKey: verifierKey(origin, publicKeyOfSeed(seed)) }, null, 2));
    console.error('Keep signingKey secret (TRANSPARENCY_SIGNING_KEY); publish verifierKey to the regulators and witnesses.');
    return 0;
  }

  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir, poolSize: 2 });
  try {
    const pending = await pendingMigrations(database);
    if (pending > 0) {
      console.error(`the database lacks ${pending} migration(s): run npm run migrate first`);
      return 1;
    }
    const result = await run(database.db, command, parsed.values as Values);
    console.log(JSON.stringify(result, null, 2));
    if (result && typeof result === 'object' && ('key' in result || 'apiKey' in result)) {
      console.error('The API key above is shown this once and stored only as a hash: hand it over now.');
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof GraphQLError) {
      console.error(`refused (${String(err.extensions.code)}): ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    await database.close();
  }
}

runCommand('admin', main);
