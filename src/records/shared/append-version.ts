import { and, eq, getTableName, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { contentHash } from '../../db/content-hash.js';
import { bulkInsert } from '../../seed/bulk-insert.js';
import { recordTables, type RecordKind } from './record-kinds.js';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Verification = 'VERIFIED' | 'UNVERIFIED' | 'CONFLICTING' | 'DISPUTED' | 'QUARANTINED';

export interface NewVersion {
  personId: string;
  sourceId: number;
  sourceRecordId: string;
  receivedAt: Date;
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

/** One bind parameter for a whole list: a thousand-parameter IN list costs more to plan. */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
  return sql`${literal}::text[]`;
}

/** Same lock space for every record table: (table, source) pairs serialise their writers. */
const LOCK_SPACE = 7411_100;
const tableLockId = Object.fromEntries(Object.keys(recordTables).map((k, i) => [k, LOCK_SPACE + i])) as Record<RecordKind, number>;

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
  // Writers of the same source and kind take turns, so two loads of one file (a rerun
  // racing an interrupted one) never both insert an open version of the same record.
  const sourceIds = [...new Set(versions.map((v) => v.sourceId))].sort((a, b) => a - b);
  for (const sourceId of sourceIds) {
    await tx.execute(sql`select pg_advisory_xact_lock(${tableLockId[kind]}::int, ${sourceId}::int)`);
  }
  const open = new Map<string, OpenVersion>();
  for (const sourceId of sourceIds) {
    const ids = versions.filter((v) => v.sourceId === sourceId).map((v) => v.sourceRecordId);
    const rows = await tx
      .select({
        id: table.id,
        contentHash: table.contentHash,
        sourceRecordId: table.sourceRecordId,
        verification: table.verification,
        ...options.openColumns,
      })
      .from(table)
      .where(and(eq(table.sourceId, sourceId), sql`${table.sourceRecordId} = any(${textArray(ids)})`, isNull(table.supersededAt)));
    for (const row of rows as OpenVersion[]) open.set(`${sourceId}|${row.sourceRecordId as string}`, row);
  }

  const results: AppendResult[] = [];
  const inserts: Record<string, unknown>[] = [];
  const closing: number[] = [];
  const seen = new Set<string>();
  for (const v of versions) {
    const key = `${v.sourceId}|${v.sourceRecordId}`;
    if (seen.has(key)) throw new Error(`appendVersions: ${v.sourceRecordId} appears twice in one call`);
    seen.add(key);
    const current = open.get(key);
    const hash = v.contentHash ?? contentHash(v.content);
    if (options.restatus && current?.contentHash !== hash) {
      // The content changed since the caller read it: a status decided on old content does not apply.
      results.push({ outcome: 'refused', reason: 'the record changed since its status was decided' });
      continue;
    }
    // Before the unchanged check: an identical record filed under another person is still refused.
    const refusal = options.admit?.(v, current) ?? null;
    if (refusal) {
      results.push({ outcome: 'refused', reason: refusal });
      continue;
    }
    const sameStatus = !options.restatus || current?.verification === (v.verification ?? 'UNVERIFIED');
    if (current && current.contentHash === hash && sameStatus) {
      results.push({ outcome: 'unchanged', id: current.id });
      continue;
    }
    if (current) closing.push(current.id);
    inserts.push({
      ...v.content,
      personId: v.personId,
      sourceId: v.sourceId,
      sourceRecordId: v.sourceRecordId,
      receivedAt: v.receivedAt,
      recordedAt: now,
      verification: v.verification ?? 'UNVERIFIED',
      contentHash: hash,
    });
    results.push(current ? { outcome: 'versioned', id: 0, previousId: current.id } : { outcome: 'created', id: 0 });
  }
  // Close first: the open-version index allows one version in force per record.
  if (closing.length > 0) await tx.update(table).set({ supersededAt: now } as never).where(inArray(table.id, closing));
  if (inserts.length > 0 && !options.returnIds) await bulkInsert(tx, table, inserts);
  if (inserts.length > 0 && options.returnIds) {
    const ids = await bulkInsertReturningIds(tx, table, inserts);
    let i = 0;
    for (const r of results) if (r.outcome === 'created' || r.outcome === 'versioned') r.id = ids[i++]!;
  }
  return results;
}

/** bulkInsert, then the ids of the rows just inserted, in the order given. */
async function bulkInsertReturningIds(tx: Tx, table: (typeof recordTables)[RecordKind], rows: Record<string, unknown>[]): Promise<number[]> {
  await bulkInsert(tx, table, rows);
  // The new rows are the open versions of these records: read their ids back in one statement.
  const keys = rows.map((r) => `${r.sourceId as number}|${r.sourceRecordId as string}`);
  const found = await tx
    .select({ id: table.id, sourceId: table.sourceId, sourceRecordId: table.sourceRecordId })
    .from(table)
    .where(
      and(
        inArray(table.sourceId, [...new Set(rows.map((r) => r.sourceId as number))]),
        inArray(table.sourceRecordId, rows.map((r) => r.sourceRecordId as string)),
        isNull(table.supersededAt),
      ),
    );
  const byKey = new Map(found.map((f) => [`${f.sourceId}|${f.sourceRecordId}`, f.id]));
  return keys.map((k) => {
    const id = byKey.get(k);
    if (id === undefined) throw new Error(`${getTableName(table)}: inserted row ${k} not found`);
    return id;
  });
}

/** Appends one version of a furnished record, in a transaction of its own (or a savepoint). */
export async function appendVersion(db: Db | Tx, kind: RecordKind, v: NewVersion, now = new Date()): Promise<AppendOutcome> {
  const [result] = await db.transaction((tx) => appendVersions(tx, kind, [v], now, { returnIds: true }));
  if (!result || result.outcome === 'refused') throw new Error(`appendVersion refused ${v.sourceRecordId}`);
  return result;
}
