import type { sources } from '../sources.tables.js';

type SourceKind = (typeof sources.$inferInsert)['kind'];

/** The data sources of the demo and benchmark data sets (seed/sources.ts inserts them). */
export const demoSources = [
  { code: 'identity-registry', name: 'National Identity Registry', kind: 'IDENTITY_REGISTRY' },
  { code: 'traffic-authority', name: 'Traffic Management Authority', kind: 'TRAFFIC_AUTHORITY' },
  { code: 'property-registry', name: 'Real Estate Registration Centre', kind: 'PROPERTY_REGISTRY' },
  { code: 'vehicle-registry', name: 'Motor Vehicle Registry', kind: 'VEHICLE_REGISTRY' },
  { code: 'education-registry', name: 'Higher Education Qualification Registry', kind: 'EDUCATION_REGISTRY' },
  { code: 'employer-network', name: 'Employer Verification Network', kind: 'EMPLOYER' },
  { code: 'bank-lender', name: 'Commercial Bank Lending Network', kind: 'LENDER' },
  { code: 'p2p-lender', name: 'Online Lending Platforms', kind: 'LENDER' },
  { code: 'clearing-house', name: 'Payment Clearing House', kind: 'CLEARING_HOUSE' },
  { code: 'court-system', name: 'People’s Courts Case Registry', kind: 'COURT' },
  // Data the person declared themselves through a partner app: never authoritative.
  { code: 'partner-app', name: 'Partner App (self-declared)', kind: 'PARTNER_APP' },
  { code: 'tax-authority', name: 'State Taxation Administration', kind: 'TAX_AUTHORITY' },
] as const satisfies ReadonlyArray<{ code: string; name: string; kind: SourceKind }>;
