import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { grants as grantsTable, licences } from './access.tables.js';
import { grantsFrom, type Grants } from './grants.js';

export interface LicenceView {
  id: number;
  organisationId: number;
  status: 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
  validFrom: Date;
  validTo: Date;
  purposes: string[];
  grants: Grants;
}

export type LicenceState = 'ACTIVE' | 'SUSPENDED' | 'REVOKED' | 'EXPIRED' | 'NOT_YET_VALID' | 'NONE';

/** The organisation's licence in force (the most recent one), with its grants: read once per request. */
export async function loadLicence(db: Db, organisationId: number): Promise<LicenceView | null> {
  const [licence] = await db
    .select()
    .from(licences)
    .where(eq(licences.organisationId, organisationId))
    .orderBy(desc(licences.id))
    .limit(1);
  if (!licence) return null;
  const rows = await db.select().from(grantsTable).where(eq(grantsTable.licenceId, licence.id));
  return { ...licence, grants: grantsFrom(rows) };
}

export function licenceState(licence: LicenceView | null, now = new Date()): LicenceState {
  if (!licence) return 'NONE';
  if (licence.status !== 'ACTIVE') return licence.status;
  if (now < licence.validFrom) return 'NOT_YET_VALID';
  if (now >= licence.validTo) return 'EXPIRED';
  return 'ACTIVE';
}

