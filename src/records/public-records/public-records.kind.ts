import { getTableColumns, sql } from 'drizzle-orm';
import { defineRecordKind } from '../shared/record-kind.js';
import { provenanceColumnNames } from '../shared/record.columns.js';
import { retentionCutoff } from '../shared/retention.js';
import { day, fail, fen, notBefore, oneOf, optional, text } from '../shared/validation.js';
import { publicRecords, publicRecordStatuses, publicRecordTypes } from './public-records.tables.js';
import { PublicRecord } from './public-records.types.js';
import { PublicRecordPersonFields } from './public-records.resolver.js';
import { seedPublicRecords } from './public-records.seed.js';

const columns = getTableColumns(publicRecords);

/** Which authority alone may furnish each type of public record. */
const issuedBy = { TAX_ARREARS: 'TAX_AUTHORITY', ADMINISTRATIVE_PENALTY: 'TAX_AUTHORITY', ENFORCEMENT: 'COURT' } as const;

/**
 * Public records: tax arrears, administrative penalties and enforcement orders. Negative
 * information: served while outstanding and for the retention period after settlement (like
 * a judgment), never once the authority revoked it.
 */
export const publicRecordKind = defineRecordKind({
  kind: 'publicRecord',
  table: publicRecords,
  type: PublicRecord,
  resolvers: [PublicRecordPersonFields],
  lockId: 7411_110,
  seed: seedPublicRecords,
  content: {
    recordType: oneOf(publicRecordTypes),
    authority: text(200),
    referenceNumber: text(100),
    amountFen: fen(0),
    imposedOn: day,
    settledOn: optional(day),
    status: oneOf(publicRecordStatuses),
  },
  rules: (c) => {
    if (c.status === 'SETTLED' && c.settledOn === null) fail('content.settledOn', 'is required once the record is SETTLED');
    if (c.status !== 'SETTLED' && c.settledOn !== null) fail('content.settledOn', `must be absent while the record is ${c.status as string}`);
    notBefore(c, 'settledOn', 'imposedOn');
  },
  category: {
    name: 'publicRecords',
    precisions: ['FLAG', 'FULL'],
    description: 'Tax arrears, administrative penalties and enforcement orders: FLAG (anything outstanding) or FULL (the records).',
  },
  profileFields: { 'Person.hasOutstandingPublicRecord': 'FLAG', 'Person.publicRecords': 'FULL' },
  listings: ['Person.publicRecords'],
  identifyingPrecision: 'FULL',
  // The flag needs each record's status alone: a FLAG reader's rows carry nothing else.
  views: [{ name: 'publicRecordFlag', below: 'FULL', columns: { ...Object.fromEntries(provenanceColumnNames.map((c) => [c, columns[c]])), status: columns.status } }],
  authority: 'TAX_AUTHORITY',
  coAuthorities: ['COURT'],
  furnishers: ['TAX_AUTHORITY', 'COURT'],
  retention: (row, at) => {
    const t = row as unknown as typeof publicRecords;
    return sql`(${t.status} <> 'REVOKED' and not (${t.status} = 'SETTLED' and ${t.settledOn} < ${retentionCutoff(at)}))`;
  },
  refuseFrom: (content, source) => {
    const issuer = issuedBy[content.recordType as keyof typeof issuedBy];
    return issuer && issuer !== source
      ? { field: 'content.recordType', reason: `${content.recordType as string} records come from the ${issuer} only` }
      : null;
  },
});
