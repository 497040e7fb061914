import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { grants as grantsTable, licences, type licenceStatus } from './access.tables.js';
import { grantsFrom, type Grants } from './grants.js';

export interface LicenceView {
  id: number;
  organisationId: number;
  status: LicenceStatusValue;
  validFrom: Date;
  validTo: Date;
  purposes: string[];
  grants: Grants;
}

type LicenceStatusValue = (typeof licenceStatus.enumValues)[number];

/** The stored status with the validity period applied. */
export type LicenceState = LicenceStatusValue | 'EXPIRED' | 'NOT_YET_VALID' | 'NONE';

/**
 * The organisation's licence in force (the most recent one), with its grants, in one
 * statement: it is read on every request of a licensee.
 */
export async function loadLicence(db: Db, organisationId: number): Promise<LicenceView | null> {
  const latest = db
    .select({ id: licences.id })
    .from(licences)
    .where(eq(licences.organisationId, organisationId))
    .orderBy(desc(licences.id))
    .limit(1);
  const rows = await db
    .select({ licence: licences, grant: grantsTable })
    .from(licences)
    .leftJoin(grantsTable, eq(grantsTable.licenceId, licences.id))
    .where(eq(licences.id, sql`(${latest})`));
  const licence = rows[0]?.licence;
  if (!licence) return null;
  return { ...licence, grants: grantsFrom(rows.flatMap((r) => (r.grant ? [r.grant] : []))) };
}

export function licenceState(licence: LicenceView | null, now = new Date()): LicenceState {
  if (!licence) return 'NONE';
  if (licence.status !== 'ACTIVE') return licence.status;
  if (now < licence.validFrom) return 'NOT_YET_VALID';
  if (now >= licence.validTo) return 'EXPIRED';
  return 'ACTIVE';
}

