import type { RecordKind } from '../records/shared/record-kinds.js';

/**
 * The one catalogue of what a licence may see. Each category lists its precisions from the
 * coarsest to the finest; a grant at a precision includes every coarser one. Each profile
 * field names the category and the least precision that discloses it. The shield rule tree
 * and the loaders' column choice are both derived from this table.
 */
export const categories = {
  identity: ['BASIC', 'FULL'],
  driverLicence: ['FULL'],
  property: ['FLAG', 'SUMMARY', 'FULL'],
  vehicles: ['FLAG', 'SUMMARY', 'FULL'],
  education: ['FULL'],
  employment: ['FULL'],
  credit: ['FULL'],
  transactions: ['AGGREGATE', 'RAW'],
  court: ['JUDGMENTS_ONLY', 'ALL'],
  verification: ['SUMMARY'],
} as const;

export type Category = keyof typeof categories;
export type Precision<C extends Category = Category> = (typeof categories)[C][number];

export interface FieldGrant {
  category: Category;
  precision: Precision;
}

/** The fields of Person and of the records under it that a licence must be granted. */
export const profileFields: Record<string, FieldGrant> = {
  'Person.nationalId': { category: 'identity', precision: 'FULL' },
  'Person.identity': { category: 'identity', precision: 'BASIC' },
  'Person.identityRecords': { category: 'identity', precision: 'FULL' },
  'Person.driverLicences': { category: 'driverLicence', precision: 'FULL' },
  'Person.ownsProperty': { category: 'property', precision: 'FLAG' },
  'Person.propertySummary': { category: 'property', precision: 'SUMMARY' },
  'Person.properties': { category: 'property', precision: 'FULL' },
  'Person.ownsVehicle': { category: 'vehicles', precision: 'FLAG' },
  'Person.vehicleSummary': { category: 'vehicles', precision: 'SUMMARY' },
  'Person.vehicles': { category: 'vehicles', precision: 'FULL' },
  'Person.education': { category: 'education', precision: 'FULL' },
  'Person.employment': { category: 'employment', precision: 'FULL' },
  'Person.creditAccounts': { category: 'credit', precision: 'FULL' },
  'Person.transactionSummaries': { category: 'transactions', precision: 'AGGREGATE' },
  'Person.transactions': { category: 'transactions', precision: 'RAW' },
  'Person.courtRecords': { category: 'court', precision: 'JUDGMENTS_ONLY' },
  'Person.judgmentDebtor': { category: 'court', precision: 'JUDGMENTS_ONLY' },
  'Person.verificationSummary': { category: 'verification', precision: 'SUMMARY' },
  // Inside the identity view, BASIC discloses the name and birth year only.
  'IdentityRecord.nationalId': { category: 'identity', precision: 'FULL' },
  'IdentityRecord.birthDate': { category: 'identity', precision: 'FULL' },
  'IdentityRecord.gender': { category: 'identity', precision: 'FULL' },
  'IdentityRecord.address': { category: 'identity', precision: 'FULL' },
  'IdentityRecord.phone': { category: 'identity', precision: 'FULL' },
  'IdentityRecord.history': { category: 'identity', precision: 'FULL' },
};

/**
 * Fields every reader of a profile gets, without a grant, that still say something about the
 * person: the stable id, and the counts of facts held back. They are logged as disclosures
 * like every catalogue field.
 */
export const ungrantedDisclosures: ReadonlySet<string> = new Set(['Person.id', 'Person.heldBack']);

/**
 * Fields of a record's provenance that identify the record, by the precision of the record's
 * category that discloses them. Sources key their records with identifying numbers (the
 * identity registry's id embeds the national ID, a certificate's its number), so a reader
 * below that precision (BASIC, FLAG, SUMMARY, AGGREGATE) gets no such id anywhere. The
 * other provenance fields (source, when received, recorded and superseded) identify no one.
 */
export const identifyingProvenance: Record<RecordKind, FieldGrant> = {
  identity: { category: 'identity', precision: 'FULL' },
  driverLicence: { category: 'driverLicence', precision: 'FULL' },
  property: { category: 'property', precision: 'FULL' },
  vehicle: { category: 'vehicles', precision: 'FULL' },
  education: { category: 'education', precision: 'FULL' },
  employment: { category: 'employment', precision: 'FULL' },
  creditAccount: { category: 'credit', precision: 'FULL' },
  transaction: { category: 'transactions', precision: 'RAW' },
  transactionMonth: { category: 'transactions', precision: 'RAW' },
  // Court cases are listed at JUDGMENTS_ONLY with their case numbers: the id adds nothing.
  court: { category: 'court', precision: 'JUDGMENTS_ONLY' },
};

/**
 * The profile fields through which the records of each kind go out. An access-log entry that
 * disclosed one of them disclosed records of that kind (correction notices read this); the
 * flags and summaries (ownsProperty, propertySummary...) disclose no record.
 */
export const recordListings: Record<RecordKind, string[]> = {
  identity: ['Person.identity', 'Person.identityRecords'],
  driverLicence: ['Person.driverLicences'],
  property: ['Person.properties'],
  vehicle: ['Person.vehicles'],
  education: ['Person.education'],
  employment: ['Person.employment'],
  creditAccount: ['Person.creditAccounts'],
  transaction: ['Person.transactions'],
  transactionMonth: ['Person.transactionSummaries'],
  court: ['Person.courtRecords', 'Person.judgmentDebtor'],
};

export function precisionRank(category: Category, precision: string): number {
  return (categories[category] as readonly string[]).indexOf(precision);
}

export function isKnownGrant(category: string, precision: string): category is Category {
  return category in categories && precisionRank(category as Category, precision) >= 0;
}
