import { pgEnum } from 'drizzle-orm/pg-core';

/** Where a record stands against its authoritative source (see furnishing/authority). */
export const verificationStatus = pgEnum('verification_status', [
  'VERIFIED',
  'UNVERIFIED',
  'CONFLICTING',
  'DISPUTED',
  'QUARANTINED',
]);

export const sourceKind = pgEnum('source_kind', [
  'IDENTITY_REGISTRY',
  'TRAFFIC_AUTHORITY',
  'PROPERTY_REGISTRY',
  'VEHICLE_REGISTRY',
  'EDUCATION_REGISTRY',
  'EMPLOYER',
  'LENDER',
  'CLEARING_HOUSE',
  'COURT',
  'PARTNER_APP',
  'TAX_AUTHORITY',
]);
