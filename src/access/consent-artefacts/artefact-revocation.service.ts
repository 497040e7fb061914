import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Principal } from '../principal.js';
import { consentArtefacts } from './consent-artefacts.tables.js';
import type { ArtefactRow } from './artefact.store.js';
import { recordOversightEvent } from '../../audit/oversight.service.js';
import { badInput, exchangeError } from '../../kernel/errors.js';

const notFound = (jti: string) => exchangeError('NOT_FOUND', `No revocable consent artefact ${jti}`, { argument: 'id' });

/**
 * Revokes an artefact by its jti: its consent manager may (even before it was ever presented:
 * the revocation is recorded and the first use is refused), and so may its subject once it is
 * recorded. The gate reads the record on every request, so the next read refuses, on every
 * server process. Revoking twice answers the same record; another's artefact is not found.
 */
export async function revokeConsentArtefact(db: Db, principal: Principal, jti: string): Promise<ArtefactRow> {
  if (jti.length === 0 || jti.length > 200) throw badInput('"id" is the artefact\'s jti (1 to 200 characters)', { argument: 'id' });
  const now = new Date();
  return db.transaction(async (tx) => {
    let revoked: ArtefactRow | undefined;
    let owned;
    if (principal.kind === 'CONSENT_MANAGER' && principal.organisationId !== null) {
      owned = and(eq(consentArtefacts.jti, jti), eq(consentArtefacts.issuerOrganisationId, principal.organisationId));
      [revoked] = await tx
        .insert(consentArtefacts)
        .values({ jti, issuerOrganisationId: principal.organisationId, recordedAt: now, revokedAt: now, revokedByPrincipalId: principal.id })
        .onConflictDoNothing({ target: consentArtefacts.jti })
        .returning();
    } else if (principal.kind === 'SUBJECT' && principal.personId !== null) {
      owned = and(eq(consentArtefacts.jti, jti), eq(consentArtefacts.personId, principal.personId));
    } else {
      throw exchangeError('FORBIDDEN', 'Only the consent manager that signed an artefact, or its subject, revokes it', { reason: 'ROLE' });
    }
    revoked ??= (
      await tx
        .update(consentArtefacts)
        .set({ revokedAt: now, revokedByPrincipalId: principal.id })
        .where(and(owned, isNull(consentArtefacts.revokedAt)))
        .returning()
    )[0];
    if (!revoked) {
      const [already] = await tx.select().from(consentArtefacts).where(owned);
      if (!already) throw notFound(jti);
      return already;
    }
    await recordOversightEvent(tx, {
      actorPrincipalId: principal.id,
      action: 'CONSENT_ARTEFACT_REVOKED',
      targetKind: 'CONSENT_ARTEFACT',
      targetId: jti,
      details: { by: principal.kind, issuer: revoked.issuerOrganisationId, presented: revoked.tokenDigest !== null },
    });
    return revoked;
  });
}
