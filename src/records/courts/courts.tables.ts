import { bigint, boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

/** A party's role in a case. */
export const courtRoles = ['PLAINTIFF', 'DEFENDANT'] as const;

/** Where a case stands (the GraphQL enum CourtCaseStatus; the sets that matter are in courts.service.ts). */
export const courtCaseStatuses = ['FILED', 'PENDING', 'JUDGMENT', 'SATISFIED', 'DISMISSED', 'OVERTURNED'] as const;

/**
 * Court records. A lawsuit (FILED, PENDING) is kept apart from a JUDGMENT, and a judgment
 * apart from being listed as a judgment debtor who failed to perform it: only the court's
 * own record sets `judgment_debtor`.
 */
export const courtRecords = pgTable(
  'court_records',
  {
    ...furnishedRecordColumns(),
    caseNumber: text('case_number').notNull(),
    court: text('court').notNull(),
    filedOn: day('filed_on').notNull(),
    role: text('role', { enum: courtRoles }).notNull(),
    status: text('status', { enum: courtCaseStatuses }).notNull(),
    judgmentOn: day('judgment_on'),
    judgmentAmountFen: bigint('judgment_amount_fen', { mode: 'number' }),
    judgmentDebtor: boolean('judgment_debtor').notNull().default(false),
  },
  (t) => versionIndexes('court_records', t),
);
