import { and, inArray, isNotNull, lte, not, sql, type SQL } from 'drizzle-orm';
import { creditAccounts } from '../records/credit/credit.tables.js';
import { courtRecords } from '../records/courts/courts.tables.js';
import type { RecordKind, RecordTable } from '../records/shared/record-kinds.js';
import { retentionConfig } from './retention.config.js';

/** Account statuses that count against a person. */
export const negativeAccountStatuses = ['DEFAULTED', 'WRITTEN_OFF'] as const;

/** The day before which a negative record that ended is no longer served at `at`. */
export function retentionCutoff(at: Date, years = retentionConfig.negativeRecordYears): string {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/**
 * The condition a record of `kind` meets while it may still be served at `at`: negative
 * records stop being served once their end lies more than the retention period back.
 * A defaulted or written-off account ends on `closed_on`; a judgment ends when it is
 * satisfied (the first version the court reported as SATISFIED). A judgment never performed
 * has not ended. Other kinds carry no negative facts that expire. `row` is the record table
 * or an alias of it.
 */
export function retainedCondition(kind: RecordKind, at: Date, row?: RecordTable): SQL | undefined {
  const cutoff = retentionCutoff(at);
  if (kind === 'creditAccount') {
    const t = (row ?? creditAccounts) as typeof creditAccounts;
    return not(and(inArray(t.status, [...negativeAccountStatuses]), isNotNull(t.closedOn), lte(t.closedOn, cutoff))!);
  }
  if (kind === 'court') {
    const t = (row ?? courtRecords) as typeof courtRecords;
    const satisfiedSince = sql`(select min(s.recorded_at) from court_records s
      where s.source_id = ${t.sourceId} and s.source_record_id = ${t.sourceRecordId} and s.status = 'SATISFIED')`;
    return sql`not (${t.status} = 'SATISFIED' and ${satisfiedSince} < ${cutoff}::date)`;
  }
  return undefined;
}
