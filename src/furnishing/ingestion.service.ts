import { getTableName, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { persons } from '../records/shared/persons.tables.js';
import { recordKinds, recordTables, registry, type RecordKind } from '../records/index.js';
import { textArray } from '../db/sql-arrays.js';
import { appendVersions, LOCK_LANES, openVersions, recordLane, type AppendOptions, type NewVersion, type Tx } from '../records/shared/append-version.js';
import { recordKey } from '../records/shared/record-key.js';
import { canonicalJson, hashCanonicalJson } from '../db/content-hash.js';
import { furnishingRefusal, initialVerification } from './authority.js';
import { validateFurnishedRecord, type FurnishedRecordValue } from './record-schemas.js';
import { crossCheckedKinds, crossCheckPersons, scopeOfChange } from './cross-checks/cross-check.service.js';
import { CrossCheckQueue, mergeScopes, type PersonScope } from './cross-checks/cross-check.queue.js';
import { crossCheckConfig } from './cross-checks/cross-check.config.js';
import { LoadStatistics } from './load-statistics.js';
import { furnisherOf, type Furnisher } from './furnisher.js';
import { contactPhones } from './cross-checks/contact-phone.tables.js';
import type { Principal } from '../access/principal.js';
import { badInput, exchangeError } from '../kernel/errors.js';

export type { Furnisher };

/** Deadlocks and serialization failures: the batch is rolled back whole and can run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const BATCH_ATTEMPTS = 3;

export type IngestionOutcome = 'created' | 'versioned' | 'unchanged';

export interface AcceptedRecord {
  line: number;
  kind: RecordKind;
  sourceRecordId: string;
  outcome: IngestionOutcome;
}

export interface RejectedRecord {
  line: number;
  reason: string;
  field?: string;
}

export interface IngestionCounts {
  received: number;
  accepted: number;
  created: number;
  versioned: number;
  unchanged: number;
  rejected: number;
}

export interface IngestionReport {
  counts: IngestionCounts;
  /** Each accepted record (only when `collectAccepted`: a million-line load lists none). */
  accepted: AcceptedRecord[];
  /** Every rejected line, by line number, up to `maxRejectionsListed`. */
  rejected: RejectedRecord[];
  rejectionsTruncated: boolean;
}

export interface IngestOptions {
  /** Records per transaction (default 5000: per-batch costs, statements and round trips, spread thin). */
  batchSize?: number;
  /**
   * Batches of one load written at the same time (default 2), each on its own connection.
   * A record always goes to the same lane, so its versions are written in file order.
   */
  lanes?: number;
  /**
   * Cross-check the persons each committed batch changed (default true). The checks run from
   * a queue beside the writes, and the report waits for them.
   */
  crossChecks?: boolean;
  collectAccepted?: boolean;
  /** Default 100,000: beyond that the report says it was truncated. */
  maxRejectionsListed?: number;
  clock?: () => Date;
}

interface Pending {
  line: number;
  record: FurnishedRecordValue;
  /** Hashed while the previous batch is being written, not inside the transaction. */
  contentHash: string;
}

const movedRecord = (sourceRecordId: string) =>
  `record ${sourceRecordId} is on file for another person: a source record id cannot move to a different national ID`;

/**
 * What a new version must respect of the one in force: a source's record stays about the same
 * person (a reused id must not move a fact to someone else), and whatever the kind's own
 * transition rule says (a court case moves only along its legal transitions). Refusals carry the field they concern.
 */
function admission(kind: RecordKind): { options: AppendOptions; fieldOf: Map<string, string> } {
  const fieldOf = new Map<string, string>();
  const transition = registry[kind].transition;
  const options: AppendOptions = {
    openColumns: { personId: recordTables[kind].personId, ...transition?.columns },
    admit: (next, open) => {
      if (!open) return null;
      if (open.personId !== next.personId) {
        fieldOf.set(next.sourceRecordId, 'nationalId');
        return movedRecord(next.sourceRecordId);
      }
      const refusal = transition?.refuse(open, next.content);
      if (!refusal) return null;
      fieldOf.set(next.sourceRecordId, refusal.field);
      return refusal.reason;
    },
  };
  return { options, fieldOf };
}

const tableNameOf = Object.fromEntries(recordKinds.map((k) => [k, getTableName(recordTables[k])])) as Record<RecordKind, string>;
const PERSONS_TABLE = getTableName(persons);
const CONTACT_PHONES_TABLE = getTableName(contactPhones);

/**
 * Person ids by national ID number, per database, shared by every load of the process: a
 * person's id never changes and a person is never removed, and ids enter the cache only once
 * committed. Most loads then find every person here and ask the database nothing. A very
 * large population is forgotten and asked again past the limit.
 */
const PERSON_CACHE_LIMIT = 500_000;
const personCaches = new WeakMap<Db, Map<string, string>>();

function personCacheOf(db: Db): Map<string, string> {
  let cache = personCaches.get(db);
  if (!cache) personCaches.set(db, (cache = new Map()));
  return cache;
}

/** One lane of a load: the batch being filled, and the batches sent (see SENT_PER_LANE). */
class Lane {
  batch: Pending[] = [];
  keys = new Set<string>();
  deferred: Pending[] = [];
  /** Batches sent and not yet committed, oldest first: one being written, the next ready. */
  writes: Promise<void>[] = [];
  /** The last batch sent: the next one starts when it has committed. */
  tail: Promise<void> = Promise.resolve();
}

/**
 * Batches a lane may have sent and not yet committed. Two: while one is written, the next
 * waits ready, so the database never waits for the lane's next batch to be read and checked.
 */
const SENT_PER_LANE = 2;

/**
 * One load of furnished records from one furnisher, fed a record at a time. Records are
 * validated as they arrive and sorted into lanes by record; each lane writes its batches in
 * order, one transaction of set-based statements each, while the other lanes write theirs
 * and the next records are read and validated. A rejected record never stops the load: it
 * is reported by its line number.
 */
export class Ingestion {
  private readonly lanes: Lane[];
  private failure: unknown = null;
  private readonly personIds: Map<string, string>;
  private readonly counts: IngestionCounts = { received: 0, accepted: 0, created: 0, versioned: 0, unchanged: 0, rejected: 0 };
  private readonly accepted: AcceptedRecord[] = [];
  private readonly rejected: RejectedRecord[] = [];
  private readonly batchSize: number;
  private readonly maxRejections: number;
  private readonly clock: () => Date;
  private readonly crossChecks: CrossCheckQueue | null;
  private readonly statistics = new LoadStatistics(new Set(Object.values(tableNameOf)));

  constructor(
    private readonly db: Db,
    private readonly furnisher: Furnisher,
    private readonly options: IngestOptions = {},
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? 5000);
    this.personIds = personCacheOf(db);
    this.lanes = Array.from({ length: Math.min(LOCK_LANES, Math.max(1, options.lanes ?? 2)) }, () => new Lane());
    this.maxRejections = options.maxRejectionsListed ?? 100_000;
    this.clock = options.clock ?? (() => new Date());
    this.crossChecks =
      options.crossChecks === false
        ? null
        : new CrossCheckQueue(
            (queued) => crossCheckPersons(db, [...queued.keys()], this.clock(), crossCheckConfig, queued),
            1000,
            // Room for the persons of a few batches, so a settling person is not pushed out early.
            4 * Math.max(1000, this.batchSize),
            // Two batches per lane: a record's next version is in its lane's next batch.
            2 * this.lanes.length,
          );
  }

  /**
   * Validates one record and puts it in its lane's batch. When that batch is full, it is sent
   * first, once the lane's previous batch has committed: then (only then) a promise to wait for.
   */
  add(line: number, input: unknown): Promise<void> | void {
    this.counts.received++;
    const checked = validateFurnishedRecord(input);
    if (!checked.ok) return this.reject(line, checked.reason, checked.field, false);
    const refusal = this.authorityRefusal(checked.record);
    if (refusal) return this.reject(line, refusal.reason, refusal.field, false);
    const lane = this.lanes[recordLane(checked.record.sourceRecordId) % this.lanes.length]!;
    const pending: Pending = { line, record: checked.record, contentHash: hashCanonicalJson(canonicalJson(checked.record.content)) };
    // A full batch is sent when the next record arrives, so the last batch is always sent by finish().
    if (lane.batch.length < this.batchSize && lane.deferred.length < this.batchSize) return enqueue(lane, pending);
    return this.dispatch(lane, false).then(() => enqueue(lane, pending));
  }

  /** Persons this load changed that still wait for their cross-check. */
  get crossCheckBacklog(): number {
    return this.crossChecks?.backlog ?? 0;
  }

  /** The counts so far: `accepted` grows as batches commit (what a progress report shows as stored). */
  progress(): IngestionCounts {
    return { ...this.counts };
  }

  /** A line that is not a record at all (bad JSON, too long): reported, never stored. */
  reject(line: number, reason: string, field?: string, received = true): void {
    if (received) this.counts.received++;
    this.counts.rejected++;
    if (this.rejected.length < this.maxRejections) this.rejected.push(field ? { line, reason, field } : { line, reason });
  }

  /** Writes what is left and reports. Throws if a batch could not be written. */
  async finish(): Promise<IngestionReport> {
    await Promise.all(
      this.lanes.map(async (lane) => {
        while (lane.batch.length > 0 || lane.deferred.length > 0) await this.dispatch(lane, true);
      }),
    );
    await this.settle();
    await this.crossChecks?.drain();
    await this.statistics.settled();
    this.rejected.sort((a, b) => a.line - b.line);
    return {
      counts: { ...this.counts },
      accepted: this.accepted.sort((a, b) => a.line - b.line),
      rejected: this.rejected,
      rejectionsTruncated: this.counts.rejected > this.rejected.length,
    };
  }

  /** The client went away: the batches being read are dropped, those being written complete. */
  async abandon(): Promise<void> {
    for (const lane of this.lanes) {
      lane.batch = [];
      lane.deferred = [];
      lane.keys.clear();
    }
    await Promise.all(this.lanes.map((lane) => lane.tail));
    // What committed is cross-checked all the same: a rerun may find it unchanged and not ask.
    await this.crossChecks?.drain().catch(() => undefined);
    await this.statistics.settled().catch(() => undefined);
  }

  private authorityRefusal({ kind, content }: FurnishedRecordValue): { field: string; reason: string } | null {
    return furnishingRefusal(this.furnisher.sourceKind, kind, content);
  }

  private async settle(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.tail));
    if (this.failure) throw this.failure;
  }

  /**
   * Sends a lane's current batch, to be written once the lane's previous one has committed.
   * Waits first while the lane already has SENT_PER_LANE batches uncommitted.
   */
  private async dispatch(lane: Lane, final: boolean): Promise<void> {
    while (lane.writes.length >= SENT_PER_LANE) await lane.writes[0];
    if (this.failure) throw this.failure;
    if (lane.batch.length === 0) return;
    const batch = lane.batch;
    const deferred = lane.deferred;
    lane.batch = [];
    lane.deferred = [];
    lane.keys = new Set();
    for (const p of deferred) enqueue(lane, p);
    const durable = final && lane.batch.length === 0;
    const write: Promise<void> = lane.tail
      .then(() => (this.failure ? undefined : this.write(batch, durable)))
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => lane.writes.splice(lane.writes.indexOf(write), 1));
    lane.tail = write;
    lane.writes.push(write);
  }

  /**
   * Batches before a lane's last commit without waiting for their WAL flush; each lane's
   * last one waits, and WAL is flushed in order, so when the report leaves, every batch of
   * the load is durable. A crash before then loses only batches that no report has
   * confirmed: rerun the file.
   */
  private async write(batch: Pending[], durable: boolean): Promise<void> {
    const now = this.clock();
    // Persons first, committed on their own: the batch's transaction would hold a new
    // person's row until it commits, and every other load naming that person would wait.
    const { personByNationalId, newPeople, moved } = await this.resolvePersons(batch);
    for (const i of moved) this.reject(batch[i]!.line, movedRecord(batch[i]!.record.sourceRecordId), 'nationalId', false);
    if (moved.size > 0) batch = batch.filter((_, i) => !moved.has(i));
    const outcomes =
      batch.length === 0
        ? []
        : await this.inTransaction(async (tx) => {
            if (!durable) await tx.execute(sql`set local synchronous_commit = off`);
            return this.writeBatch(tx, batch, personByNationalId, now);
          });
    const changed = new Map<string, PersonScope>();
    const written = new Map<string, number>();
    const count = (table: string, n = 1) => written.set(table, (written.get(table) ?? 0) + n);
    if (newPeople > 0) count(PERSONS_TABLE, newPeople);
    batch.forEach(({ line, record }, i) => {
      const result = outcomes[i]!;
      if ('reason' in result) return this.reject(line, result.reason, result.field, false);
      this.counts.accepted++;
      this.counts[result.outcome]++;
      if (result.outcome !== 'unchanged') {
        count(tableNameOf[record.kind]);
        // contact_phones grows with identity and employment versions (its triggers).
        if (registry[record.kind].carriesContactPhones) count(CONTACT_PHONES_TABLE);
        if (crossCheckedKinds.has(record.kind)) {
          const person = personByNationalId.get(record.nationalId)!;
          changed.set(person, mergeScopes(changed.get(person), scopeOfChange(record.kind, this.furnisher.sourceKind)));
        }
      }
      if (this.options.collectAccepted) this.accepted.push({ line, kind: record.kind, sourceRecordId: record.sourceRecordId, outcome: result.outcome });
    });
    this.statistics.wrote(this.db, written);
    if (changed.size > 0) await this.crossChecks?.add(changed);
  }

  /** One batch, one transaction; run again whole when the database chose it as a deadlock victim. */
  private async inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (err) {
        const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
        if (attempt >= BATCH_ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
      }
    }
  }

  private async writeBatch(tx: Tx, batch: Pending[], personByNationalId: Map<string, string>, now: Date) {
    const outcomes: ({ outcome: IngestionOutcome } | { reason: string; field?: string })[] = new Array(batch.length);
    const byKind = indexesByKind(batch);
    // Always the same order of kinds, so concurrent loads take their locks in one order.
    for (const kind of recordKinds) {
      const indexes = byKind.get(kind);
      if (!indexes) continue;
      const versions: NewVersion[] = indexes.map((i) => {
        const r = batch[i]!.record;
        return {
          personId: personByNationalId.get(r.nationalId)!,
          sourceId: this.furnisher.sourceId,
          sourceRecordId: r.sourceRecordId,
          receivedAt: r.receivedAt ?? now,
          verification: initialVerification(this.furnisher.sourceKind, kind),
          content: r.content,
          contentHash: batch[i]!.contentHash,
        };
      });
      const { options, fieldOf } = admission(kind);
      const results = await appendVersions(tx, kind, versions, now, options);
      results.forEach((result, j) => {
        outcomes[indexes[j]!] =
          result.outcome === 'refused' ? { reason: result.reason, field: fieldOf.get(versions[j]!.sourceRecordId) } : { outcome: result.outcome };
      });
    }
    return outcomes;
  }

  /**
   * A person exists from the first stored record that names their national ID. A record that
   * names a person not on file while its id is on file (for someone else, then: a record's
   * person never changes) is refused here, in `moved` (batch indexes), before its person is
   * created; every other refusal concerns a person already on file. Left open: another load
   * filing the same new record id for someone else between this commit and the batch's; and
   * a batch that fails (rerunning the file stores its records).
   * `newPeople` counts the numbers inserted (at most the persons created).
   */
  private async resolvePersons(batch: Pending[]): Promise<{ personByNationalId: Map<string, string>; newPeople: number; moved: Set<number> }> {
    const found = new Map<string, string>();
    const unknown = new Set<string>();
    for (const { record } of batch) {
      const id = this.personIds.get(record.nationalId);
      if (id) found.set(record.nationalId, id);
      else unknown.add(record.nationalId);
    }
    if (unknown.size === 0) return { personByNationalId: found, newPeople: 0, moved: new Set() };
    const { rows, moved, inserted } = await this.inTransaction(async (tx) => {
      // Not flushed on its own: the batch's commit, later in the WAL, makes these durable with it.
      await tx.execute(sql`set local synchronous_commit = off`);
      const onFile = await personsNamed(tx, [...unknown]);
      const known = new Set(onFile.map((r) => r.nationalId));
      const isNew = (nationalId: string) => unknown.has(nationalId) && !known.has(nationalId);
      const moved = await this.recordsOfOthers(tx, batch, isNew);
      const stored = batch.filter((p, i) => !moved.has(i) && isNew(p.record.nationalId));
      // In one order for every writer: two lanes adding the same new people never wait on each other in a cycle.
      const newcomers = [...new Set(stored.map((p) => p.record.nationalId))].sort();
      if (newcomers.length === 0) return { rows: onFile, moved, inserted: 0 };
      await tx.execute(sql`insert into ${persons} (national_id) select unnest(${textArray(newcomers)}) on conflict (national_id) do nothing`);
      return { rows: [...onFile, ...(await personsNamed(tx, newcomers))], moved, inserted: newcomers.length };
    });
    // Committed by now: from here on, any load of the process may use them.
    for (const row of rows) {
      found.set(row.nationalId, row.id);
      if (this.personIds.size >= PERSON_CACHE_LIMIT) this.personIds.clear();
      this.personIds.set(row.nationalId, row.id);
    }
    return { personByNationalId: found, newPeople: inserted, moved };
  }

  /** Indexes of the batch's records for which `isNewPerson` holds and a version is in force (so of another person). */
  private async recordsOfOthers(tx: Tx, batch: Pending[], isNewPerson: (nationalId: string) => boolean): Promise<Set<number>> {
    const moved = new Set<number>();
    for (const [kind, indexes] of indexesByKind(batch, (p) => isNewPerson(p.record.nationalId))) {
      const records = indexes.map((i) => ({ sourceId: this.furnisher.sourceId, sourceRecordId: batch[i]!.record.sourceRecordId }));
      const open = await openVersions(tx, kind, records);
      indexes.forEach((i, j) => {
        if (open.has(recordKey(records[j]!.sourceId, records[j]!.sourceRecordId))) moved.add(i);
      });
    }
    return moved;
  }
}

/** Positions of the batch's records by kind, of those `include` accepts. */
function indexesByKind(batch: Pending[], include: (p: Pending) => boolean = () => true): Map<RecordKind, number[]> {
  const byKind = new Map<RecordKind, number[]>();
  batch.forEach((p, i) => {
    if (!include(p)) return;
    const list = byKind.get(p.record.kind);
    if (list) list.push(i);
    else byKind.set(p.record.kind, [i]);
  });
  return byKind;
}

async function personsNamed(tx: Tx, nationalIds: string[]) {
  return tx
    .select({ id: persons.id, nationalId: persons.nationalId })
    .from(persons)
    .where(sql`${persons.nationalId} = any(${textArray(nationalIds)})`);
}

/**
 * Two versions of one record in a batch would share a recorded instant, so a later version
 * waits for a later batch; versions of one record still go in line order.
 */
function enqueue(lane: Lane, p: Pending): void {
  const key = `${p.record.kind}|${p.record.sourceRecordId}`;
  if (lane.keys.has(key)) {
    lane.deferred.push(p);
    return;
  }
  lane.batch.push(p);
  lane.keys.add(key);
}

/** Ingests a list of records (a GraphQL batch, a test): line n is the n-th record, from 1. */
export async function ingestRecords(db: Db, furnisher: Furnisher, records: unknown[], options: IngestOptions = {}): Promise<IngestionReport> {
  const ingestion = new Ingestion(db, furnisher, { collectAccepted: true, ...options });
  for (let i = 0; i < records.length; i++) await ingestion.add(i + 1, records[i]);
  return ingestion.finish();
}

/** A GraphQL batch is small by design: anything larger goes through POST /ingest. */
export const MAX_RECORDS_PER_SUBMISSION = 500;

/** The GraphQL mutation's service: the caller's own source, a bounded list, outcomes in capitals. */
export async function submitRecordBatch(db: Db, principal: Principal, records: unknown[]) {
  if (records.length > MAX_RECORDS_PER_SUBMISSION) {
    throw badInput(`At most ${MAX_RECORDS_PER_SUBMISSION} records per submission; stream larger loads to POST /ingest`, {
      limit: MAX_RECORDS_PER_SUBMISSION,
      submitted: records.length,
    });
  }
  const furnisher = await furnisherOf(db, principal);
  if (!furnisher) throw exchangeError('FORBIDDEN', 'Only a furnisher of a data source may submit records');
  const report = await ingestRecords(db, furnisher, records);
  return {
    counts: report.counts,
    accepted: report.accepted.map((a) => ({ ...a, outcome: a.outcome.toUpperCase() })),
    rejected: report.rejected,
  };
}
