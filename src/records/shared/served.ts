import { and, ne, sql, type SQL } from 'drizzle-orm';
import { disputes, recordEvents } from '../../furnishing/disputes/dispute.tables.js';
import { retainedCondition } from '../../furnishing/retention.js';
import { recordTables, type RecordKind } from './record-kinds.js';

/**
 * What licensees (scorers, partners) may be served of a record kind at instant `at`, as one
 * SQL condition on the record table so it joins the loader's single statement:
 * - not QUARANTINED (a score-reset burst awaiting the authorities or a regulator),
 * - not withdrawn by its source,
 * - not under a dispute its furnisher left unanswered past the deadline,
 * - not a negative record past its retention period.
 * Regulators and subjects read without it.
 */
export function servedCondition(kind: RecordKind, at: Date): SQL {
  const t = recordTables[kind];
  const instant = at.toISOString();
  const sameRecord = (x: typeof disputes | typeof recordEvents) =>
    sql`${x.recordKind} = ${kind} and ${x.sourceId} = ${t.sourceId} and ${x.sourceRecordId} = ${t.sourceRecordId}`;
  const withdrawn = sql`exists (select 1 from ${recordEvents} where ${sameRecord(recordEvents)}
    and ${recordEvents.action} = 'WITHDRAWN' and ${recordEvents.at} <= ${instant}::timestamptz)`;
  const overdue = sql`exists (select 1 from ${disputes} where ${sameRecord(disputes)}
    and ${disputes.openedAt} <= ${instant}::timestamptz
    and (${disputes.answeredAt} is null or ${disputes.answeredAt} > ${instant}::timestamptz)
    and ${disputes.deadlineAt} < ${instant}::timestamptz)`;
  return and(ne(t.verification, 'QUARANTINED'), sql`not ${withdrawn}`, sql`not ${overdue}`, retainedCondition(kind, at))!;
}
