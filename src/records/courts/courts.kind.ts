import { inArray, sql } from 'drizzle-orm';
import { defineRecordKind } from '../shared/record-kind.js';
import { retentionCutoff } from '../shared/retention.js';
import { courtRecords } from './courts.tables.js';
import { CourtRecord } from './courts.types.js';
import { judgmentStatuses } from './courts.service.js';
import { courtTransitionRefusal } from './courts.transitions.js';

/** Court cases: a lawsuit is not a judgment, and a judgment is not a default on it. */
export const courtKind = defineRecordKind({
  kind: 'court',
  table: courtRecords,
  type: CourtRecord,
  lockId: 7411_109,
  category: {
    name: 'court',
    precisions: ['JUDGMENTS_ONLY', 'ALL'],
    description: 'Court cases: JUDGMENTS_ONLY shows cases a court has ruled on; ALL shows pending lawsuits too.',
  },
  profileFields: { 'Person.courtRecords': 'JUDGMENTS_ONLY', 'Person.judgmentDebtor': 'JUDGMENTS_ONLY' },
  listings: ['Person.courtRecords', 'Person.judgmentDebtor'],
  // Cases are listed at JUDGMENTS_ONLY with their case numbers: the source's id adds nothing.
  identifyingPrecision: 'JUDGMENTS_ONLY',
  views: [{ name: 'judgmentsOnly', below: 'ALL', where: inArray(courtRecords.status, [...judgmentStatuses]) }],
  authority: 'COURT',
  furnishers: ['COURT'],
  /** A judgment ends when it is satisfied (the first version the court reported SATISFIED); one never performed has not ended. */
  retention: (row, at) => {
    const t = row as unknown as typeof courtRecords;
    const satisfiedSince = sql`(select min(s.recorded_at) from court_records s
      where s.source_id = ${t.sourceId} and s.source_record_id = ${t.sourceRecordId} and s.status = 'SATISFIED')`;
    return sql`not (${t.status} = 'SATISFIED' and ${satisfiedSince} < ${retentionCutoff(at)}::date)`;
  },
  transition: {
    columns: { status: courtRecords.status },
    refuse: (open, next) => {
      const reason = courtTransitionRefusal(open.status as string, next.status as string);
      return reason ? { field: 'content.status', reason } : null;
    },
  },
  refuseFrom: (content, source) =>
    content.judgmentDebtor === true && source !== 'COURT'
      ? { field: 'content.judgmentDebtor', reason: "only a court's own record may list a person as a judgment debtor" }
      : null,
});
