import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Principal } from '../principal.js';
import { apiKeys, principals } from '../access.tables.js';
import { issueApiKey } from '../licence-admin.service.js';
import { recordOversightEvent } from '../../audit/oversight.service.js';
import { persons } from '../../records/shared/persons.tables.js';
import { sources } from '../../records/shared/sources.tables.js';
import { registry } from '../../records/index.js';
import { requireNationalId } from '../../profile/profile.service.js';
import { exchangeError } from '../../kernel/errors.js';

export interface Enrolment {
  principalId: number;
  personId: string;
  /** Shown once: only its hash is kept. */
  apiKey: { id: number; label: string; key: string };
  /** The person was enrolled before: their old keys are revoked, the new one replaces them. */
  reenrolled: boolean;
}

/** Who vouches for a person's identity: the regulator, or a furnisher of the source authoritative for identity. */
async function mayEnrol(db: Db, actor: Principal): Promise<boolean> {
  if (actor.kind === 'REGULATOR') return true;
  if (actor.kind !== 'FURNISHER' || actor.sourceId === null) return false;
  const [source] = await db.select({ kind: sources.kind }).from(sources).where(eq(sources.id, actor.sourceId));
  return source?.kind === registry.identity.authority;
}

/**
 * Enrols a person as a subject, so that they can read their own data, see who read it and
 * manage their consents: a subject principal bound to the person and one API key, shown once.
 * Enrolling again (a lost key) revokes the old keys and issues a new one.
 */
export async function enrolSubject(db: Db, actor: Principal, nationalIdInput: string): Promise<Enrolment> {
  if (!(await mayEnrol(db, actor))) {
    throw exchangeError('FORBIDDEN', 'Only the regulator or the identity registry enrols subjects', { reason: 'ROLE' });
  }
  const nationalId = requireNationalId(nationalIdInput, 'nationalId');
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.nationalId, nationalId));
    if (!person) throw exchangeError('NOT_FOUND', 'No person with this national ID number is on file', { argument: 'nationalId' });
    const [existing] = await tx
      .select({ id: principals.id })
      .from(principals)
      .where(and(eq(principals.kind, 'SUBJECT'), eq(principals.personId, person.id)))
      .for('update');
    let principalId = existing?.id;
    if (principalId === undefined) {
      const [row] = await tx.insert(principals).values({ kind: 'SUBJECT', name: 'Enrolled subject', personId: person.id }).returning({ id: principals.id });
      principalId = row!.id;
    } else {
      await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.principalId, principalId), isNull(apiKeys.revokedAt)));
    }
    // The person's id, never their national ID number: oversight events are read widely.
    await recordOversightEvent(tx, {
      actorPrincipalId: actor.id,
      action: existing ? 'SUBJECT_REENROLLED' : 'SUBJECT_ENROLLED',
      targetKind: 'PRINCIPAL',
      targetId: principalId,
      details: { personId: person.id, by: actor.kind },
    });
    const apiKey = await issueApiKey(tx as unknown as Db, actor.id, principalId, 'enrolment');
    return { principalId, personId: person.id, apiKey, reenrolled: existing !== undefined };
  });
}
