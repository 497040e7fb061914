import { and, getTableName, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { disputes, recordEvents } from './record-events.tables.js';
import { recordTables, registry, type RecordKind, type RecordTable } from '../index.js';

/**
 * Whether the record behind row `t` may be served now: its source has not withdrawn it,
 * no dispute its furnisher left unanswered is past the deadline, and (a negative record)
 * it is within its retention period. Judged on `t` itself, which must be the version in force.
 */
function servableNow(kind: RecordKind, t: RecordTable, now: SQL): SQL {
  const instant = now;
  const sameRecord = (x: typeof disputes | typeof recordEvents) =>
    sql`${x.recordKind} = ${kind} and ${x.sourceId} = ${t.sourceId} and ${x.sourceRecordId} = ${t.sourceRecordId}`;
  const withdrawn = sql`exists (select 1 from ${recordEvents} where ${sameRecord(recordEvents)}
    and ${recordEvents.action} = 'WITHDRAWN' and ${recordEvents.at} <= ${instant})`;
  const overdue = sql`exists (select 1 from ${disputes} where ${sameRecord(disputes)}
    and ${disputes.openedAt} <= ${instant}
    and (${disputes.answeredAt} is null or ${disputes.answeredAt} > ${instant})
    and ${disputes.deadlineAt} < ${instant})`;
  return and(sql`not ${withdrawn}`, sql`not ${overdue}`, registry[kind].retention?.(t, now))!;
}

/**
 * What licensees (scorers, partners) may be served of a record kind, as one SQL condition on
 * the record table so it joins the loader's single statement:
 * - the version is not QUARANTINED (a score-reset burst awaiting the authorities or a regulator),
 * - the record is not withdrawn by its source,
 * - not under a dispute its furnisher left unanswered past the deadline,
 * - not a negative record past its retention period.
 * Whether a record may be served is decided now, whatever instant the read is as of: an
 * older version (`asOf`, `history`) is served only while the record's version in force now
 * passes the same test, so a withdrawn or expired record cannot come back through the past.
 * Regulators and subjects read without it.
 */
export function servedCondition(kind: RecordKind, olderVersions: boolean, now: SQL = nowValue()): SQL {
  return recordCondition(kind, olderVersions, true, now);
}

/**
 * The records that count for a licensee's held-back counts and verification summary: those
 * it would be served but for a quarantine. Withdrawn, overdue-disputed and expired records
 * are not counted: their existence is not the reader's to learn.
 */
export function countedCondition(kind: RecordKind, olderVersions: boolean, now: SQL = nowValue()): SQL {
  return recordCondition(kind, olderVersions, false, now);
}

/** The present instant as a bound value (reads not compiled pass a parameter of their own). */
const nowValue = () => sql`${new Date().toISOString()}::timestamptz`;

function recordCondition(kind: RecordKind, olderVersions: boolean, withoutQuarantined: boolean, now: SQL): SQL {
  const t = recordTables[kind];
  const notQuarantined = (x: RecordTable) => (withoutQuarantined ? sql`and ${x.verification} <> 'QUARANTINED'` : sql``);
  if (!olderVersions) return sql`(true ${notQuarantined(t)} and ${servableNow(kind, t, now)})`;
  const current = alias(t, 'served_now') as unknown as RecordTable;
  // An alias interpolates as its name alone: the FROM item names the table it stands for.
  const from = sql.raw(`"${getTableName(t)}" as "served_now"`);
  return sql`(true ${notQuarantined(t)} and exists (select 1 from ${from} where ${current.sourceId} = ${t.sourceId}
      and ${current.sourceRecordId} = ${t.sourceRecordId} and ${current.supersededAt} is null
      ${notQuarantined(current)} and ${servableNow(kind, current, now)}))`;
}
