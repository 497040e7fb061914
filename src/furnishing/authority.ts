import type { RecordKind } from '../records/shared/record-kinds.js';
import type { sources } from '../records/shared/sources.tables.js';

export type SourceKind = (typeof sources.$inferInsert)['kind'];

/** For each kind of record, the one kind of source whose word is authoritative. */
export const authoritativeSourceKind: Record<RecordKind, SourceKind> = {
  identity: 'IDENTITY_REGISTRY',
  driverLicence: 'TRAFFIC_AUTHORITY',
  property: 'PROPERTY_REGISTRY',
  vehicle: 'VEHICLE_REGISTRY',
  education: 'EDUCATION_REGISTRY',
  employment: 'EMPLOYER',
  creditAccount: 'LENDER',
  transaction: 'CLEARING_HOUSE',
  transactionMonth: 'CLEARING_HOUSE',
  court: 'COURT',
};

/**
 * Which kinds of source may furnish which kinds of record at all. Besides the authority,
 * a person may self-declare the score criteria through a partner app, and an employer may
 * state a worker's contact details and degrees; those stay UNVERIFIED until the authority
 * agrees. Court records, accounts and transactions come from their authority only.
 */
export const permittedSourceKinds: Record<RecordKind, readonly SourceKind[]> = {
  identity: ['IDENTITY_REGISTRY', 'PARTNER_APP', 'EMPLOYER'],
  driverLicence: ['TRAFFIC_AUTHORITY', 'PARTNER_APP'],
  property: ['PROPERTY_REGISTRY', 'PARTNER_APP'],
  vehicle: ['VEHICLE_REGISTRY', 'PARTNER_APP'],
  education: ['EDUCATION_REGISTRY', 'EMPLOYER', 'PARTNER_APP'],
  employment: ['EMPLOYER', 'PARTNER_APP'],
  creditAccount: ['LENDER'],
  transaction: ['CLEARING_HOUSE'],
  transactionMonth: ['CLEARING_HOUSE'],
  court: ['COURT'],
};

export const mayFurnish = (source: SourceKind, kind: RecordKind): boolean => permittedSourceKinds[kind].includes(source);

export const isAuthoritative = (source: SourceKind, kind: RecordKind): boolean => authoritativeSourceKind[kind] === source;

/** The status a record starts with: cross-checks later turn UNVERIFIED into VERIFIED or CONFLICTING. */
export const initialVerification = (source: SourceKind, kind: RecordKind): 'VERIFIED' | 'UNVERIFIED' =>
  isAuthoritative(source, kind) ? 'VERIFIED' : 'UNVERIFIED';
