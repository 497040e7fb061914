import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from '../../db/client.js';
import { contentHash } from '../../db/content-hash.js';
import { bulkInsert } from '../../db/bulk-insert.js';
import type { verificationStatus } from '../../db/enums.js';
import { recordKey } from './record-key.js';
import { intArray, textArray, uuidArray } from '../../db/sql-arrays.js';
import { recordKindList, recordTables, type RecordKind } from '../index.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Verification = (typeof verificationStatus.enumValues)[number];

export interface NewVersion {
  personId: string;
  sourceId: number;
  sourceRecordId: string;
  /** A Date, or an instant already written as an ISO string (as validated furnished records carry it). */
  receivedAt: Date | string;
  verification?: Verification;
  /** The record's own fields (not provenance): what the content hash covers. */
  content: Record<string, unknown>;
  /** The hash of `content` when the caller already holds it (a status change re-states stored content). */
  contentHash?: string;
}

export type AppendOutcome =
  | { outcome: 'unchanged'; id: number }
  | { outcome: 'created' | 'versioned'; id: number; previousId?: number };

/** The version in force of a record, with any extra columns a caller asked to see. */
export interface OpenVersion {
  id: number;
  contentHash: string;
  /** The new version is an older one of this record sent again (see markReplays). */
  replayed: boolean;
  [column: string]: unknown;
}

export type AppendResult = AppendOutcome | { outcome: 'refused'; reason: string };

export interface AppendOptions {
  /** Extra columns of the version in force that `admit` needs (e.g. a court case's status). */
  openColumns?: Record<string, PgColumn>;
  /** Refuses a change given the version in force (a reason), or admits it (null). */
  admit?: (next: NewVersion, open: OpenVersion | undefined) => string | null;
  /** Read back the ids of new versions (one more statement); otherwise their id is 0. */
  returnIds?: boolean;
  /**
   * Status changes: the same content with a different verification status is a new version
   * too, so history and asOf reads show when a record became VERIFIED, DISPUTED, QUARANTINED...
   */
  restatus?: boolean;
}

/** Each kind's own lock id (its descriptor's, never a position): (kind, source, lane) triples serialise their writers. */
const tableLockId = Object.fromEntries(recordKindList.map((d) => [d.kind, d.lockId])) as Record<RecordKind, number>;

/**
 * Records of one source are spread over this many lock lanes by their id, so writers of
 * different records of one source (the lanes of one load) need not wait for each other,
 * while two writers of the same record always meet at the same lock.
 */
export const LOCK_LANES = 16;

/** The lock lane of a source record id (FNV-1a: cheap, stable across processes and releases). */
export function recordLane(sourceRecordId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sourceRecordId.length; i++) {
    h ^= sourceRecordId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % LOCK_LANES;
}

/**
 * Takes the locks of every (source, lane) these versions touch, in one order for every
 * writer, so two loads of one file (a rerun racing an interrupted one) never both insert an
 * open version of the same record, and no two writers wait for each other in a cycle.
 */
async function lockRecords(tx: Tx, kind: RecordKind, versions: readonly NewVersion[]): Promise<void> {
  const keys = [...new Set(versions.map((v) => v.sourceId * LOCK_LANES + recordLane(v.sourceRecordId)))].sort((a, b) => a - b);
  await tx.execute(sql`select pg_advisory_xact_lock(${tableLockId[kind]}::int, k) from (select unnest(${intArray(keys)}) as k order by 1) ordered`);
}

/**
 * The versions in force of these records, one index probe each. Written as a lateral probe
 * per key (kept from being flattened into a join) so that the plan does not depend on the
 * table's statistics, which a bulk load outruns: with stale statistics `= any(...)` scanned
 * every open version of the source, once per batch.
 */
export async function openVersions(
  tx: Tx,
  kind: RecordKind,
  versions: readonly Pick<NewVersion, 'sourceId' | 'sourceRecordId'>[],
  extra: Record<string, PgColumn> = {},
): Promise<Map<string, OpenVersion>> {
  const table = sql.identifier(getTableName(recordTables[kind]));
  const columns = sql.join(
    Object.entries(extra).map(([key, column]) => sql`, t.${sql.identifier(column.name)} as ${sql.identifier(key)}`),
    sql``,
  );
  const rows = rowsOf(
    await tx.execute(sql`
      select o.* from unnest(${intArray(versions.map((v) => v.sourceId))}, ${textArray(versions.map((v) => v.sourceRecordId))}) as k(source_id, source_record_id)
      cross join lateral (
        select t.id::text as id, t.source_id, t.source_record_id, t.content_hash, t.verification::text as verification ${columns}
        from ${table} t
        where t.source_id = k.source_id and t.source_record_id = k.source_record_id and t.superseded_at is null
        offset 0
      ) o`),
  );
  const open = new Map<string, OpenVersion>();
  for (const row of rows) {
    open.set(recordKey(row.source_id as number, row.source_record_id as string), {
      ...row,
      id: Number(row.id),
      contentHash: row.content_hash as string,
      verification: row.verification,
      replayed: false,
    });
  }
  return open;
}

/** The key of openVersions' map: a record of a source. */

/**
 * Marks the open versions whose new version is `replayed`: it differs from the one in force
 * but is already in the record's history, for the same person, with the same content and
 * the same received instant. That is a file being run again (a record's older versions
 * replayed before its newest), not a change. Asked only for records whose content differs
 * from the version in force, so a load of new records never asks.
 */
async function markReplays(tx: Tx, kind: RecordKind, candidates: { version: NewVersion; hash: string }[], open: Map<string, OpenVersion>): Promise<void> {
  if (candidates.length === 0) return;
  const table = sql.identifier(getTableName(recordTables[kind]));
  const rows = rowsOf(
    await tx.execute(sql`
      select k.source_id, k.source_record_id from unnest(
        ${intArray(candidates.map((c) => c.version.sourceId))}, ${textArray(candidates.map((c) => c.version.sourceRecordId))},
        ${textArray(candidates.map((c) => c.hash))}, ${`{${candidates.map((c) => iso(c.version.receivedAt)).join(',')}}`}::timestamptz[],
        ${uuidArray(candidates.map((c) => c.version.personId))}
      ) as k(source_id, source_record_id, content_hash, received_at, person_id)
      where exists (
        select 1 from ${table} h
        where h.source_id = k.source_id and h.source_record_id = k.source_record_id
          and h.content_hash = k.content_hash and h.received_at = k.received_at and h.person_id = k.person_id
        offset 0
      )`),
  );
  for (const row of rows) open.get(recordKey(row.source_id as number, row.source_record_id as string))!.replayed = true;
}

/**
 * Appends versions of furnished records of one kind, set-based: one select of the versions
 * in force, one update closing the superseded ones, one multi-row insert. Same content as
 * the version in force: nothing changes. Different content: the version in force is closed
 * at the instant the new one is recorded, so a reader as of any instant sees exactly one.
 * Each (source, source record id) may appear once per call. Run inside a transaction.
 */
export async function appendVersions(
  tx: Tx,
  kind: RecordKind,
  versions: readonly NewVersion[],
  now: Date,
  options: AppendOptions = {},
): Promise<AppendResult[]> {
  if (versions.length === 0) return [];
  const table = recordTables[kind];
  await lockRecords(tx, kind, versions);
  const hashes = versions.map((v) => v.contentHash ?? contentHash(v.content));
  const open = await openVersions(tx, kind, versions, options.openColumns);
  if (!options.restatus) {
    const changed = versions.map((version, i) => ({ version, hash: hashes[i]! })).filter(({ version, hash }) => {
      const current = open.get(recordKey(version.sourceId, version.sourceRecordId));
      return current !== undefined && current.contentHash !== hash;
    });
    await markReplays(tx, kind, changed, open);
  }

  const results: AppendResult[] = [];
  const inserts: Insert[] = [];
  const closing: number[] = [];
  const seen = new Set<string>();
  versions.forEach((v, i) => {
    const key = recordKey(v.sourceId, v.sourceRecordId);
    if (seen.has(key)) throw new Error(`appendVersions: ${v.sourceRecordId} appears twice in one call`);
    seen.add(key);
    const current = open.get(key);
    const hash = hashes[i]!;
    if (options.restatus && current?.contentHash !== hash) {
      // The content changed since the caller read it: a status decided on old content does not apply.
      results.push({ outcome: 'refused', reason: 'the record changed since its status was decided' });
      return;
    }
    // An older version sent again is no change, whatever `admit` would say of it as one.
    if (current?.replayed) {
      results.push({ outcome: 'unchanged', id: current.id });
      return;
    }
    // Before the unchanged check: an identical record filed under another person is still refused.
    const refusal = options.admit?.(v, current) ?? null;
    if (refusal) {
      results.push({ outcome: 'refused', reason: refusal });
      return;
    }
    const sameStatus = !options.restatus || current?.verification === (v.verification ?? 'UNVERIFIED');
    if (current && current.contentHash === hash && sameStatus) {
      results.push({ outcome: 'unchanged', id: current.id });
      return;
    }
    if (current) closing.push(current.id);
    inserts.push({ version: v, contentHash: hash });
    results.push(current ? { outcome: 'versioned', id: 0, previousId: current.id } : { outcome: 'created', id: 0 });
  });
  // Close first: the open-version index allows one version in force per record.
  if (closing.length > 0) {
    await tx.execute(sql`update ${table} set superseded_at = ${now.toISOString()}::timestamptz where id = any(${`{${closing.join(',')}}`}::bigint[])`);
  }
  if (inserts.length > 0) {
    await bulkInsert(tx, table, inserts, { keys: [...Object.keys(inserts[0]!.version.content), ...provenanceKeys], value: rowValue(now) });
  }
  if (inserts.length > 0 && options.returnIds) {
    // The new rows are the versions now in force of these records.
    const inForce = await openVersions(tx, kind, inserts.map((i) => i.version));
    const ids = inserts.map(({ version }) => {
      const found = inForce.get(recordKey(version.sourceId, version.sourceRecordId));
      if (!found) throw new Error(`${getTableName(table)}: inserted row ${version.sourceRecordId} not found`);
      return found.id;
    });
    let i = 0;
    for (const r of results) if (r.outcome === 'created' || r.outcome === 'versioned') r.id = ids[i++]!;
  }
  return results;
}

/** A version to insert and its content hash. */
interface Insert {
  version: NewVersion;
  contentHash: string;
}

const provenanceKeys = ['personId', 'sourceId', 'sourceRecordId', 'receivedAt', 'recordedAt', 'verification', 'contentHash'];

const iso = (instant: Date | string) => (typeof instant === 'string' ? instant : instant.toISOString());

/** A new row's value for a property: its provenance, or its content's own field. */
const rowValue = (now: Date) => {
  const recordedAt = now.toISOString();
  return ({ version, contentHash }: Insert, key: string): unknown => {
    switch (key) {
      case 'personId':
        return version.personId;
      case 'sourceId':
        return version.sourceId;
      case 'sourceRecordId':
        return version.sourceRecordId;
      case 'receivedAt':
        return iso(version.receivedAt);
      case 'recordedAt':
        return recordedAt;
      case 'verification':
        return version.verification ?? 'UNVERIFIED';
      case 'contentHash':
        return contentHash;
      default:
        return version.content[key];
    }
  };
};

/** Appends one version of a furnished record, in a transaction of its own (or a savepoint). */
export async function appendVersion(db: Db | Tx, kind: RecordKind, v: NewVersion, now = new Date()): Promise<AppendOutcome> {
  const [result] = await db.transaction((tx) => appendVersions(tx, kind, [v], now, { returnIds: true }));
  if (!result || result.outcome === 'refused') throw new Error(`appendVersion refused ${v.sourceRecordId}`);
  return result;
}
