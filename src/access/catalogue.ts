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

export function precisionRank(category: Category, precision: string): number {
  return (categories[category] as readonly string[]).indexOf(precision);
}

export function isKnownGrant(category: string, precision: string): category is Category {
  return category in categories && precisionRank(category as Category, precision) >= 0;
}
