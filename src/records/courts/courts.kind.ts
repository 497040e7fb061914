import { inArray, sql } from 'drizzle-orm';
import { seedCourtCases } from './courts.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { retentionCutoff } from '../shared/retention.js';
import { courtCaseStatuses, courtRecords, courtRoles } from './courts.tables.js';
import { bool, day, fail, fen, notBefore, oneOf, optional, text } from '../shared/validation.js';
import { CourtRecord } from './courts.types.js';
import { CourtPersonFields, CourtRecordResolver } from './courts.resolver.js';
import { isRuled, judgmentStatuses } from './courts.service.js';
import { courtTransitionRefusal } from './courts.transitions.js';

/** Court cases: a lawsuit is not a judgment, and a judgment is not a default on it. */
export const courtKind = defineRecordKind({
  kind: 'court',
  table: courtRecords,
  type: CourtRecord,
  resolvers: [CourtPersonFields, CourtRecordResolver],
  lockId: 7411_109,
  seed: seedCourtCases,
  content: {
    caseNumber: text(100),
    court: text(200),
    filedOn: day,
    role: oneOf(courtRoles),
    status: oneOf(courtCaseStatuses),
    judgmentOn: optional(day),
    judgmentAmountFen: optional(fen(0)),
    judgmentDebtor: optional(bool, false),
  },
  rules: (c) => {
    // A lawsuit is not a judgment: only a ruling carries a judgment date or amount.
    if (!isRuled(c.status as string)) {
      if (c.judgmentOn !== null) fail('content.judgmentOn', `must be absent while the case is ${c.status as string}`);
      if (c.judgmentAmountFen !== null) fail('content.judgmentAmountFen', `must be absent while the case is ${c.status as string}`);
    }
    if (c.judgmentDebtor === true && c.status !== 'JUDGMENT') {
      fail('content.judgmentDebtor', 'may be true only on a JUDGMENT (a person fails to perform a judgment that stands)');
    }
    notBefore(c, 'judgmentOn', 'filedOn');
  },
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
    return sql`not (${t.status} = 'SATISFIED' and ${satisfiedSince} < ${retentionCutoff(at)})`;
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
