import { bigint, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

/** What kind of public record: the section of a national credit report besides court cases. */
export const publicRecordTypes = ['TAX_ARREARS', 'ADMINISTRATIVE_PENALTY', 'ENFORCEMENT'] as const;

/** Where it stands: OUTSTANDING counts against the person; SETTLED for five years; REVOKED never. */
export const publicRecordStatuses = ['OUTSTANDING', 'SETTLED', 'REVOKED'] as const;

/**
 * Public records: tax arrears and administrative penalties from the tax authority,
 * enforcement orders from the courts' enforcement list. Negative information, retained
 * like judgments.
 */
export const publicRecords = pgTable(
  'public_records',
  {
    ...furnishedRecordColumns(),
    recordType: text('record_type', { enum: publicRecordTypes }).notNull(),
    authority: text('authority').notNull(),
    referenceNumber: text('reference_number').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    imposedOn: day('imposed_on').notNull(),
    settledOn: day('settled_on'),
    status: text('status', { enum: publicRecordStatuses }).notNull(),
  },
  (t) => versionIndexes('public_records', t),
);
