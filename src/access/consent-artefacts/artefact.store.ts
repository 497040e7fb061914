import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { consentArtefacts, consentManagerKeys, consentManagers } from './consent-artefacts.tables.js';
import { organisations } from '../access.tables.js';
import type { ArtefactClaims, SigningKey } from './artefact.verify.js';

export type ArtefactRow = typeof consentArtefacts.$inferSelect;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export const keyId = (issuer: number, kid: string) => `${issuer}:${kid}`;

/** The registered keys named by these (issuer, kid) pairs, with their consent manager's state, in one statement. */
export async function signingKeys(db: Db, wanted: { issuer: number; kid: string }[]): Promise<Map<string, SigningKey>> {
  const out = new Map<string, SigningKey>();
  if (wanted.length === 0) return out;
  const rows = await db
    .select({
      organisationId: consentManagerKeys.organisationId,
      kid: consentManagerKeys.kid,
      alg: consentManagerKeys.alg,
      jwk: consentManagerKeys.jwk,
      retiredAt: consentManagerKeys.retiredAt,
      suspendedAt: consentManagers.suspendedAt,
      isDemo: consentManagers.isDemo,
    })
    .from(consentManagerKeys)
    .innerJoin(consentManagers, eq(consentManagers.organisationId, consentManagerKeys.organisationId))
    .innerJoin(organisations, and(eq(organisations.id, consentManagers.organisationId), eq(organisations.kind, 'CONSENT_MANAGER')))
    .where(or(...wanted.map((w) => and(eq(consentManagerKeys.organisationId, w.issuer), eq(consentManagerKeys.kid, w.kid)))));
  for (const r of rows) {
    out.set(keyId(r.organisationId, r.kid), {
      organisationId: r.organisationId,
      kid: r.kid,
      alg: r.alg,
      jwk: r.jwk,
      retired: r.retiredAt !== null,
      suspended: r.suspendedAt !== null,
      isDemo: r.isDemo,
    });
  }
  return out;
}

/** What the exchange recorded of these artefacts (revocations, uses), by jti. */
export async function recordedArtefacts(db: Db | Tx, jtis: string[]): Promise<Map<string, ArtefactRow>> {
  if (jtis.length === 0) return new Map();
  const rows = await db.select().from(consentArtefacts).where(inArray(consentArtefacts.jti, [...new Set(jtis)]));
  return new Map(rows.map((r) => [r.jti, r]));
}

/**
 * Records artefacts on their first use, idempotently by jti: a concurrent first use of the
 * same artefact inserts nothing and reads the row the other one wrote.
 */
export async function recordFirstUse(db: Db, used: { claims: ArtefactClaims; personId: string }[]): Promise<Map<string, ArtefactRow>> {
  if (used.length === 0) return new Map();
  const unique = new Map(used.map((u) => [u.claims.jti, u]));
  // Milliseconds, as JavaScript keeps them: the subject's consent listing pages on this instant.
  const recordedAt = new Date();
  const inserted = await db
    .insert(consentArtefacts)
    .values(
      [...unique.values()].map(({ claims: c, personId }) => ({
        jti: c.jti,
        issuerOrganisationId: c.issuer,
        kid: c.kid,
        personId,
        granteeOrganisationId: c.grantee,
        purposes: c.purposes,
        categories: c.categories,
        lookbackDays: c.lookbackDays,
        notBefore: c.notBefore,
        expiresAt: c.expiresAt,
        maxUses: c.maxUses,
        tokenDigest: c.digest,
        recordedAt,
      })),
    )
    .onConflictDoNothing({ target: consentArtefacts.jti })
    .returning();
  const out = new Map(inserted.map((r) => [r.jti, r]));
  const raced = [...unique.keys()].filter((jti) => !out.has(jti));
  for (const [jti, row] of await recordedArtefacts(db, raced)) out.set(jti, row);
  return out;
}

/**
 * Why a recorded artefact no longer answers, or null while it does: revoked, used up, or a
 * different artefact presented under a jti the exchange already knows.
 */
export function recordedRefusal(row: ArtefactRow | undefined, claims: ArtefactClaims): { reason: 'REVOKED' | 'USES_EXHAUSTED' | 'INVALID_SIGNATURE'; message: string } | null {
  if (!row) return null;
  if (row.issuerOrganisationId !== claims.issuer) {
    return { reason: 'INVALID_SIGNATURE', message: 'Another consent manager\'s artefact is recorded under this jti' };
  }
  if (row.revokedAt !== null) return { reason: 'REVOKED', message: `The artefact was revoked at ${row.revokedAt.toISOString()}` };
  if (row.tokenDigest !== null && row.tokenDigest !== claims.digest) {
    return { reason: 'INVALID_SIGNATURE', message: 'A different artefact is recorded under this jti' };
  }
  if (claims.maxUses !== null && row.useCount >= claims.maxUses) {
    return { reason: 'USES_EXHAUSTED', message: `The artefact's ${claims.maxUses} uses are spent` };
  }
  return null;
}

/** Whether the subject consented to this organisation through an artefact before: a relationship, like an API consent. */
export async function artefactRelationships(db: Db, granteeOrganisationId: number, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ personId: consentArtefacts.personId })
    .from(consentArtefacts)
    .where(and(eq(consentArtefacts.granteeOrganisationId, granteeOrganisationId), inArray(consentArtefacts.personId, personIds)));
  return new Set(rows.map((r) => r.personId!));
}

/** The artefacts of one request's disclosures, each counted once. */
export interface ArtefactCharge {
  jtis: string[];
}

export type ChargeOutcome = { ok: true } | { ok: false; jti: string; reason: 'REVOKED' | 'USES_EXHAUSTED' };

/**
 * Counts the uses of the artefacts of several requests, inside the access-log append's
 * transaction (after the chain's head is locked, so appends from every process count in
 * turn). A request whose artefact was revoked or used up since its gate checked is refused
 * whole and counts nothing; the others count one use per artefact.
 */
export async function chargeArtefactUses(tx: Tx, requests: ArtefactCharge[], at: Date): Promise<ChargeOutcome[]> {
  const all = [...new Set(requests.flatMap((r) => r.jtis))];
  if (all.length === 0) return requests.map(() => ({ ok: true }));
  const rows = await tx
    .select({ jti: consentArtefacts.jti, useCount: consentArtefacts.useCount, maxUses: consentArtefacts.maxUses, revokedAt: consentArtefacts.revokedAt })
    .from(consentArtefacts)
    .where(inArray(consentArtefacts.jti, all))
    .for('update');
  const state = new Map(rows.map((r) => [r.jti, { ...r, added: 0 }]));
  const outcomes = requests.map((r): ChargeOutcome => {
    for (const jti of new Set(r.jtis)) {
      const s = state.get(jti);
      if (!s || s.revokedAt !== null) return { ok: false, jti, reason: 'REVOKED' };
      if (s.maxUses !== null && s.useCount + s.added >= s.maxUses) return { ok: false, jti, reason: 'USES_EXHAUSTED' };
    }
    for (const jti of new Set(r.jtis)) state.get(jti)!.added++;
    return { ok: true };
  });
  const charged = [...state.values()].filter((s) => s.added > 0);
  for (const s of charged) {
    await tx
      .update(consentArtefacts)
      .set({ useCount: sql`${consentArtefacts.useCount} + ${s.added}`, lastUsedAt: at })
      .where(and(eq(consentArtefacts.jti, s.jti), isNull(consentArtefacts.revokedAt)));
  }
  return outcomes;
}
