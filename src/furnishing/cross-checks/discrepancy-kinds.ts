
/** What a cross-check found. */
export enum DiscrepancyKind {
  PROPERTY_OWNER_MISMATCH = 'PROPERTY_OWNER_MISMATCH',
  VEHICLE_OWNER_MISMATCH = 'VEHICLE_OWNER_MISMATCH',
  IDENTITY_MISMATCH = 'IDENTITY_MISMATCH',
  DEGREE_NOT_CONFIRMED = 'DEGREE_NOT_CONFIRMED',
  CONFLICTS_WITH_AUTHORITY = 'CONFLICTS_WITH_AUTHORITY',
  SHARED_CONTACT = 'SHARED_CONTACT',
  CRITERIA_BURST = 'CRITERIA_BURST',
}

export enum DiscrepancyStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
  RELEASED = 'RELEASED',
}

/** The catalogue category a record kind belongs to (what a licence grants). */
export { categoryOfKind } from '../../records/index.js';
