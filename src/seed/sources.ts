import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sources } from '../records/shared/sources.tables.js';

export type SourceKind = (typeof sources.$inferInsert)['kind'];

/** The data sources of the demo and benchmark data sets. */
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
] as const satisfies ReadonlyArray<{ code: string; name: string; kind: SourceKind }>;

export type SourceCode = (typeof demoSources)[number]['code'];
export type SourceIds = Record<SourceCode, number>;

/** Inserts the demo sources that are missing and returns every one's id by code. */
export async function ensureSources(db: Db): Promise<SourceIds> {
  await db
    .insert(sources)
    .values(demoSources.map((s) => ({ code: s.code, name: s.name, kind: s.kind })))
    .onConflictDoNothing({ target: sources.code });
  const rows = await db
    .select({ id: sources.id, code: sources.code })
    .from(sources)
    .where(
      inArray(
        sources.code,
        demoSources.map((s) => s.code),
      ),
    );
  const ids = Object.fromEntries(rows.map((row) => [row.code, row.id])) as Partial<SourceIds>;
  for (const s of demoSources) {
    if (ids[s.code] === undefined) throw new Error(`source ${s.code} is missing after insert`);
  }
  return ids as SourceIds;
}
