import { identityKind } from './identity/identity.kind.js';
import { driverLicenceKind } from './licence-docs/driver-licence.kind.js';
import { propertyKind, vehicleKind } from './property/property.kind.js';
import { educationKind } from './education/education.kind.js';
import { employmentKind } from './employment/employment.kind.js';
import { creditAccountKind } from './credit/credit.kind.js';
import { transactionKind, transactionMonthKind } from './transactions/transactions.kind.js';
import { courtKind } from './courts/courts.kind.js';
import { publicRecordKind } from './public-records/public-records.kind.js';
import { applicationIdentityKind } from './application-identity/application-identity.kind.js';
import type { CategoryDeclaration, RecordKindDescriptor } from './shared/record-kind.js';

/**
 * The registry: every kind of furnished record the exchange knows. Everything generic (the
 * tables, the catalogue, the authority matrix, validators, loaders, the schema's resolvers,
 * retention, cross-checks, the seed) is derived from this list. Adding a kind means its own
 * folder and one line here.
 */
export const recordKindList = [
  identityKind,
  driverLicenceKind,
  propertyKind,
  vehicleKind,
  educationKind,
  employmentKind,
  creditAccountKind,
  transactionKind,
  transactionMonthKind,
  courtKind,
  publicRecordKind,
  applicationIdentityKind,
] as const;

export type RecordKind = (typeof recordKindList)[number]['kind'];
export const recordKinds = recordKindList.map((d) => d.kind) as RecordKind[];

/** Each kind's descriptor, by name. */
export const registry = Object.fromEntries(recordKindList.map((d) => [d.kind, d])) as unknown as Record<RecordKind, RecordKindDescriptor<RecordKind>>;

/** Each kind's table, by name (typed as the tables themselves, for drizzle's typed queries). */
type Tables = { [D in (typeof recordKindList)[number] as D['kind']]: D['table'] };
export const recordTables = Object.fromEntries(recordKindList.map((d) => [d.kind, d.table])) as unknown as Tables;
export type RecordTable = Tables[RecordKind];

/** The catalogue's record categories, each once, in registry order. */
export const recordCategories: CategoryDeclaration[] = [...new Map(recordKindList.map((d) => [d.category.name, d.category])).values()];

/** The category a kind belongs to. */
export const categoryOfKind = Object.fromEntries(recordKindList.map((d) => [d.kind, d.category.name])) as Record<RecordKind, string>;
