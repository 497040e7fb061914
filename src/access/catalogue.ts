import { recordCategories, recordKindList, type RecordKind } from '../records/index.js';

/**
 * The one catalogue of what a licence may see. Each category lists its precisions from the
 * coarsest to the finest; a grant at a precision includes every coarser one. Each profile
 * field names the category and the least precision that discloses it. The shield rule tree
 * and the loaders' column choice are both derived from this table.
 */
export const categories: Readonly<Record<string, readonly string[]>> = Object.fromEntries([
  ...recordCategories.map((c) => [c.name, c.precisions] as const),
  // Not a record kind: the cross-checks' summary of a person's records.
  ['verification', ['SUMMARY']],
]);

export type Category = string;
export type Precision = string;

export interface FieldGrant {
  category: Category;
  precision: Precision;
}

/** The fields of Person and of the records under it that a licence must be granted: each kind's, and the summary. */
export const profileFields: Record<string, FieldGrant> = {
  ...Object.fromEntries(
    recordKindList.flatMap((d) => Object.entries(d.profileFields).map(([coordinate, precision]) => [coordinate, { category: d.category.name, precision }])),
  ),
  'Person.verificationSummary': { category: 'verification', precision: 'SUMMARY' },
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
export const identifyingProvenance = Object.fromEntries(
  recordKindList.map((d) => [d.kind, { category: d.category.name, precision: d.identifyingPrecision }]),
) as Record<RecordKind, FieldGrant>;

/**
 * The profile fields through which the records of each kind go out. An access-log entry that
 * disclosed one of them disclosed records of that kind (correction notices read this); the
 * flags and summaries (ownsProperty, propertySummary...) disclose no record.
 */
export const recordListings = Object.fromEntries(recordKindList.map((d) => [d.kind, d.listings])) as Record<RecordKind, string[]>;

export function precisionRank(category: Category, precision: string): number {
  return (categories[category] as readonly string[]).indexOf(precision);
}

export function isKnownGrant(category: string, precision: string): category is Category {
  return category in categories && precisionRank(category as Category, precision) >= 0;
}
