import cliProgress from 'cli-progress';
import { count, getTableName, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { bulkInsert } from '../db/bulk-insert.js';
import { persons } from '../records/shared/persons.tables.js';
import { recordKinds, recordTables, type RecordKind } from '../records/index.js';
import { demoPersonNames, type DemoPersonName } from './demo-people.js';
import { seedDemoPrincipals, type DemoPrincipalsSummary } from './demo-principals.js';
import { seedDemoConsentManager } from './demo-consent-manager.js';
import { generatePeople, peopleCount, type GeneratedPerson, type GeneratedRecord } from './generator.js';
import { ensureSources, type SourceIds } from './sources.js';
import { REFERENCE_NOW } from '../records/shared/seeding/time.js';
import { discrepancies } from '../furnishing/cross-checks/discrepancy.tables.js';
import { admitGenerated, crossCheckLoaded } from './furnishing.js';

export { demoPeople } from './demo-people.js';
export { demoKeys, demoFurnisherKeys } from './demo-principals.js';

export interface SeedOptions {
  /** People in all, the planted demo people included. */
  people: number;
  seed: number;
  /** Also create the demo principals, licences and consents. */
  demo: boolean;
  /** Show a progress bar on stderr. */
  progress?: boolean;
  transactionsPerPerson?: number;
  /** People per transaction (default 500). */
  chunkSize?: number;
  /** Chunk transactions in flight at once (default 3; PGlite runs them one after another). */
  concurrency?: number;
  /**
   * Cross-check the loaded people at the data set's clock, as ingestion does after each
   * batch (default true). Off only for tests that run the checks themselves.
   */
  crossChecks?: boolean;
}

export interface SeedSummary {
  people: number;
  /** Rows inserted per record kind. */
  records: Record<RecordKind, number>;
  /** Person ids of the planted demo people. */
  demoPersonIds: Record<DemoPersonName, string>;
  principals: DemoPrincipalsSummary | null;
  /** Findings the cross-checks recorded (0 when they were off). */
  discrepancies: number;
  /** Of `elapsedMs`, the time the cross-checks took. */
  crossCheckMs: number;
  elapsedMs: number;
}

/** Rows per insert statement (each statement binds one array per column, see bulkInsert). */
const ROWS_PER_STATEMENT = 5000;

/** True once any person exists: the server seeds the embedded database on first start only. */
export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: persons.id }).from(persons).limit(1);
  return rows.length > 0;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

interface PreparedChunk {
  people: number;
  persons: Record<string, unknown>[];
  records: Record<RecordKind, Record<string, unknown>[]>;
}

/** A generated record as its table's row (property names), provenance included, id excluded. */
export function storedRow(personId: string, sourceId: number, r: GeneratedRecord): Record<string, unknown> {
  return {
    ...r.content,
    personId,
    sourceId,
    sourceRecordId: r.sourceRecordId,
    receivedAt: r.receivedAt,
    recordedAt: r.recordedAt,
    supersededAt: r.supersededAt,
    verification: r.verification,
    contentHash: r.contentHash,
  };
}

/**
 * The rows of a chunk of people, record ids included: ids are numbered in generation order
 * rather than drawn from the sequences, so the stored rows do not depend on how concurrent
 * chunks interleave (the sequences are moved past them at the end).
 */
function prepareChunk(chunk: GeneratedPerson[], sourceIds: SourceIds, nextId: Record<RecordKind, number>): PreparedChunk {
  const records = Object.fromEntries(recordKinds.map((k) => [k, [] as Record<string, unknown>[]])) as PreparedChunk['records'];
  const personRows = chunk.map((p) => {
    // The exchange first heard of a person with their earliest record.
    let first = REFERENCE_NOW.getTime();
    for (const kind of recordKinds) {
      for (const r of p.records[kind]) {
        first = Math.min(first, r.recordedAt.getTime());
        records[kind].push({ id: nextId[kind]++, ...storedRow(p.id, sourceIds[r.source]!, r) });
      }
    }
    return { id: p.id, nationalId: p.nationalId, createdAt: new Date(first) };
  });
  return { people: chunk.length, persons: personRows, records };
}

async function insertChunk(tx: Tx, chunk: PreparedChunk): Promise<void> {
  // A seed that dies half-way is simply run again: no need to wait for each flush to disk.
  await tx.execute(sql`set local synchronous_commit = off`);
  for (let i = 0; i < chunk.persons.length; i += ROWS_PER_STATEMENT) {
    await bulkInsert(tx, persons, chunk.persons.slice(i, i + ROWS_PER_STATEMENT));
  }
  for (const kind of recordKinds) {
    const rows = chunk.records[kind];
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await bulkInsert(tx, recordTables[kind], rows.slice(i, i + ROWS_PER_STATEMENT));
    }
  }
}

/** Moves each record table's id sequence past the ids the seed assigned. */
async function advanceSequences(db: Db, nextId: Record<RecordKind, number>): Promise<void> {
  for (const kind of recordKinds) {
    const table = getTableName(recordTables[kind]);
    const last = nextId[kind] - 1;
    await db.execute(sql`select setval(pg_get_serial_sequence(${table}, 'id'), ${Math.max(last, 1)}, ${last > 0})`);
  }
}

/** Lets pending database replies through while the generator keeps the CPU busy. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Seeds people and their furnished records (and, with `demo`, the demo principals) into an
 * empty database. Deterministic: the same seed and options always insert the same rows.
 * Every record passes ingestion's checks before it is loaded (see furnishing.ts); people are
 * inserted in chunks, each chunk in its own transaction with multi-row inserts, and then
 * cross-checked at the data set's clock, so the findings, conflicts and quarantines are
 * those real furnishing would have raised.
 */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  if (await isSeeded(db)) {
    throw new Error('the database already holds people: seed an empty database (drop it, or delete the PGlite data directory)');
  }
  const total = peopleCount(options.people);
  const chunkSize = Math.max(1, options.chunkSize ?? 500);
  const concurrency = Math.max(1, options.concurrency ?? 3);
  const sourceIds = await ensureSources(db);
  const counts = Object.fromEntries(recordKinds.map((k) => [k, 0])) as Record<RecordKind, number>;
  const demoPersonIds = {} as Record<DemoPersonName, string>;
  const allPersonIds: string[] = [];

  const bar = options.progress
    ? new cliProgress.SingleBar(
        {
          format: 'seeding |{bar}| {percentage}% | {value}/{total} people | {duration_formatted} elapsed | ETA {eta_formatted}',
          etaBuffer: 20,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0);
  const nextId = Object.fromEntries(recordKinds.map((k) => [k, 1])) as Record<RecordKind, number>;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let done = 0;
  const start = (chunk: GeneratedPerson[]) => {
    const prepared = prepareChunk(chunk, sourceIds, nextId);
    for (const kind of recordKinds) counts[kind] += prepared.records[kind].length;
    const pending: Promise<void> = db
      .transaction((tx) => insertChunk(tx, prepared))
      .then(
        () => {
          done += prepared.people;
          bar?.update(done);
        },
        (err: unknown) => {
          failure ??= err;
        },
      )
      .finally(() => inFlight.delete(pending));
    inFlight.add(pending);
  };
  try {
    let chunk: GeneratedPerson[] = [];
    let sinceYield = 0;
    for (const person of generatePeople({ people: total, seed: options.seed, transactionsPerPerson: options.transactionsPerPerson })) {
      admitGenerated(person);
      if (person.demo) demoPersonIds[person.demo] = person.id;
      allPersonIds.push(person.id);
      chunk.push(person);
      if (++sinceYield >= 20) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
      if (chunk.length >= chunkSize) {
        start(chunk);
        chunk = [];
        while (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
      if (failure) break;
    }
    if (!failure && chunk.length > 0) start(chunk);
    await Promise.all(inFlight);
  } finally {
    bar?.stop();
  }
  if (failure) throw failure;
  await advanceSequences(db, nextId);
  for (const name of demoPersonNames) {
    if (!demoPersonIds[name]) throw new Error(`planted person ${name} was not generated`);
  }
  let findings = 0;
  const checksStarted = performance.now();
  if (options.crossChecks !== false) {
    const checkBar = options.progress ? new cliProgress.SingleBar({ format: 'cross-checking |{bar}| {percentage}% | {value}/{total} people | {duration_formatted} elapsed', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
    checkBar?.start(allPersonIds.length, 0);
    try {
      await crossCheckLoaded(db, allPersonIds, REFERENCE_NOW, concurrency, (n) => checkBar?.update(n));
    } finally {
      checkBar?.stop();
    }
    findings = (await db.select({ n: count() }).from(discrepancies))[0]!.n;
  }
  const principals = options.demo ? await seedDemoPrincipals(db, sourceIds, demoPersonIds, allPersonIds) : null;
  if (options.demo) await seedDemoConsentManager(db);
  return {
    people: total,
    records: counts,
    demoPersonIds,
    principals,
    discrepancies: findings,
    crossCheckMs: options.crossChecks !== false ? Math.round(performance.now() - checksStarted) : 0,
    elapsedMs: Math.round(performance.now() - started),
  };
}
