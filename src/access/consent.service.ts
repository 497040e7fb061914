import { and, desc, eq, getTableColumns, gt, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { compileStatement, runCompiled } from '../db/compiled.js';
import { isPersonId } from '../kernel/scalars.js';
import { decoder, projection } from '../records/shared/read-spec.js';
import { persons } from '../records/shared/persons.tables.js';
import type { Db } from '../db/client.js';
import { consents, organisations } from './access.tables.js';
import type { Purpose } from '../kernel/purpose.js';
import { consentablePurposes } from './purposes.js';
import { categories } from './catalogue.js';
import { badInput, exchangeError } from '../kernel/errors.js';
import { recordOversightEvent } from '../audit/oversight.service.js';
import { checkPageSize, decodeCursor, keysetArgs, toPage } from '../kernel/pagination.js';
import { alias } from 'drizzle-orm/pg-core';
import { consentArtefacts } from './consent-artefacts/consent-artefacts.tables.js';
import { ConsentKind } from './consent.types.js';

export type ConsentRow = typeof consents.$inferSelect;

/** A consent answers a purpose while it has started, not expired, not been revoked and has uses left. */
export function consentValidFor(c: ConsentRow, purpose: Purpose, now = new Date()): boolean {
  return (
    c.revokedAt === null &&
    c.startsAt <= now &&
    now < c.expiresAt &&
    c.purposes.includes(purpose) &&
    c.useCount < c.maxUses
  );
}

const consentColumns = getTableColumns(consents);
const decodeConsent = decoder(consentColumns);

/** Persons by national ID or by stable id, each with the organisation's consents (none for a null organisation). */
const personsWithConsents = (by: 'national_id' | 'id') =>
  compileStatement(sql`select p.id, p.national_id as "nationalId",
      (select coalesce(json_agg(c), '[]'::json) from (select ${projection(consentColumns)} from ${consents}
        where ${consents.personId} = p.id and ${consents.organisationId} = ${sql.placeholder('organisation')}::int) c) as "consents"
    from ${persons} p where p.${sql.raw(by)} = any(${sql.placeholder('keys')}::${sql.raw(by === 'id' ? 'uuid' : 'text')}[])`);
const byNationalId = personsWithConsents('national_id');
const byPersonId = personsWithConsents('id');

export interface PersonWithConsents {
  id: string;
  nationalId: string;
  /** The reading organisation's consents from this person, valid or not (none read without one). */
  consents: ConsentRow[];
}

/**
 * The persons a read names (by national ID, or by stable id), in one compiled statement; for a
 * licensee (`organisationId`), with its consents from each in the same round trip. Unknown (or
 * malformed) keys are absent from the map.
 */
export async function findNamedPersons(db: Db, by: 'nationalId' | 'id', keys: string[], organisationId: number | null): Promise<Map<string, PersonWithConsents>> {
  const valid = by === 'id' ? keys.filter(isPersonId) : keys;
  if (valid.length === 0) return new Map();
  const rows = await runCompiled(db, by === 'id' ? byPersonId : byNationalId, { keys: valid, organisation: organisationId });
  return new Map(
    rows.map((r) => {
      const list = (typeof r.consents === 'string' ? JSON.parse(r.consents) : r.consents) as Record<string, unknown>[];
      const found = { id: String(r.id), nationalId: String(r.nationalId), consents: list.map((c) => decodeConsent(c) as unknown as ConsentRow) };
      return [by === 'id' ? found.id : found.nationalId, found];
    }),
  );
}

export type ConsentChargeOutcome = { ok: true } | { ok: false; reason: 'REVOKED' | 'EXPIRED' | 'USES_EXHAUSTED' };

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Counts the uses of the consents of several requests (each consent once per request), inside
 * the access-log append's transaction: after the chain's head is locked, so appends from every
 * process count in turn, and in the same round trips as the log itself. A request whose
 * consent was revoked, expired or used up since its gate checked is refused whole and counts
 * nothing; the others count one use per consent.
 */
export async function chargeConsentUses(tx: Tx, requests: { ids: number[] }[], at: Date): Promise<ConsentChargeOutcome[]> {
  const all = [...new Set(requests.flatMap((r) => r.ids))];
  if (all.length === 0) return requests.map(() => ({ ok: true }));
  const rows = await tx
    .select({ id: consents.id, useCount: consents.useCount, maxUses: consents.maxUses, revokedAt: consents.revokedAt, startsAt: consents.startsAt, expiresAt: consents.expiresAt })
    .from(consents)
    .where(inArray(consents.id, all))
    .for('update');
  const state = new Map(rows.map((r) => [r.id, { ...r, added: 0 }]));
  const outcomes = requests.map((r): ConsentChargeOutcome => {
    const ids = [...new Set(r.ids)];
    for (const id of ids) {
      const s = state.get(id);
      if (!s || s.revokedAt !== null) return { ok: false, reason: 'REVOKED' };
      if (at < s.startsAt || at >= s.expiresAt) return { ok: false, reason: 'EXPIRED' };
      if (s.useCount + s.added >= s.maxUses) return { ok: false, reason: 'USES_EXHAUSTED' };
    }
    for (const id of ids) state.get(id)!.added++;
    return { ok: true };
  });
  const charged = [...state.values()].filter((s) => s.added > 0);
  if (charged.length > 0) {
    await tx.execute(sql`update ${consents} set use_count = ${consents}.use_count + v.added, last_used_at = ${at.toISOString()}::timestamptz
      from (select unnest(${`{${charged.map((s) => s.id).join(',')}}`}::int[]) as id, unnest(${`{${charged.map((s) => s.added).join(',')}}`}::int[]) as added) v
      where ${consents}.id = v.id`);
  }
  return outcomes;
}

export interface ConsentGrant {
  organisationId: number;
  purposes: Purpose[];
  scope: string[];
  startsAt?: Date | null;
  expiresAt: Date;
  lookbackDays: number;
  maxUses: number;
}


/** A subject grants consent to an organisation; every field is checked before anything is stored. */
export async function grantConsent(db: Db, actor: { principalId: number; personId: string }, input: ConsentGrant) {
  const now = new Date();
  const startsAt = input.startsAt ?? now;
  if (input.purposes.length === 0) throw badInput('At least one purpose is required', { argument: 'purposes' });
  const bad = input.purposes.find((p) => !consentablePurposes.has(p));
  if (bad) throw badInput(`Consent cannot be given for ${bad}`, { argument: 'purposes' });
  const unknownScope = input.scope.find((c) => !(c in categories));
  if (unknownScope) throw badInput(`Unknown category ${unknownScope} in scope`, { argument: 'scope' });
  if (!(startsAt < input.expiresAt)) throw badInput('"expiresAt" must be after the start', { argument: 'expiresAt' });
  if (input.expiresAt.getTime() - startsAt.getTime() > 3 * 365 * 86_400_000) {
    throw badInput('A consent lasts at most three years', { argument: 'expiresAt' });
  }
  if (!Number.isInteger(input.lookbackDays) || input.lookbackDays < 1 || input.lookbackDays > 3650) {
    throw badInput('"lookbackDays" must be between 1 and 3650', { argument: 'lookbackDays' });
  }
  if (!Number.isInteger(input.maxUses) || input.maxUses < 1 || input.maxUses > 10_000) {
    throw badInput('"maxUses" must be between 1 and 10000', { argument: 'maxUses' });
  }
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!org || (org.kind !== 'SCORER' && org.kind !== 'PARTNER')) {
      throw badInput('Consent is given to a scorer or partner organisation', { argument: 'organisationId' });
    }
    const [row] = await tx
      .insert(consents)
      .values({
        personId: actor.personId,
        organisationId: org.id,
        purposes: [...new Set(input.purposes)],
        scope: [...new Set(input.scope)],
        startsAt,
        expiresAt: input.expiresAt,
        lookbackDays: input.lookbackDays,
        maxUses: input.maxUses,
      })
      .returning();
    await recordOversightEvent(tx, { actorPrincipalId: actor.principalId, action: 'CONSENT_GRANTED', targetKind: 'CONSENT', targetId: row!.id, details: { organisationId: org.id, purposes: input.purposes } });
    return row!;
  });
}

export async function revokeConsent(db: Db, actor: { principalId: number; personId: string }, consentId: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(consents)
      .set({ revokedAt: new Date() })
      .where(and(eq(consents.id, consentId), eq(consents.personId, actor.personId), isNull(consents.revokedAt)))
      .returning();
    // Another subject's consent and an unknown id look the same.
    if (!row) throw exchangeError('NOT_FOUND', `No revocable consent ${consentId}`);
    await recordOversightEvent(tx, { actorPrincipalId: actor.principalId, action: 'CONSENT_REVOKED', targetKind: 'CONSENT', targetId: consentId });
    return row;
  });
}

function selectConsents(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({ consent: consents, organisationName: organisations.name })
    .from(consents)
    .innerJoin(organisations, eq(organisations.id, consents.organisationId))
    .where(where)
    .orderBy(desc(consents.id))
    .limit(limit);
}

function withState(rows: { consent: ConsentRow; organisationName: string }[]) {
  const now = new Date();
  return rows.map(({ consent, organisationName }) => ({
    ...consent,
    kind: ConsentKind.API,
    consentManagerName: null,
    organisationName,
    active: consent.revokedAt === null && consent.startsAt <= now && now < consent.expiresAt && consent.useCount < consent.maxUses,
  }));
}

const grantee = alias(organisations, 'grantee');
const manager = alias(organisations, 'manager');

/** The artefacts recorded for a subject, newest first, shaped as consents (with their uses). */
async function artefactConsents(db: Db, personId: string, after: { at: Date; jti: string } | null, limit: number) {
  const rows = await db
    .select({ artefact: consentArtefacts, organisationName: grantee.name, consentManagerName: manager.name })
    .from(consentArtefacts)
    .innerJoin(grantee, eq(grantee.id, consentArtefacts.granteeOrganisationId))
    .innerJoin(manager, eq(manager.id, consentArtefacts.issuerOrganisationId))
    .where(
      and(
        eq(consentArtefacts.personId, personId),
        after ? sql`(${consentArtefacts.recordedAt}, ${consentArtefacts.jti}) < (${after.at}, ${after.jti})` : undefined,
      ),
    )
    .orderBy(desc(consentArtefacts.recordedAt), desc(consentArtefacts.jti))
    .limit(limit);
  const now = new Date();
  return rows.map(({ artefact: a, organisationName, consentManagerName }) => ({
    id: a.jti,
    kind: ConsentKind.ARTEFACT,
    consentManagerName,
    organisationId: a.granteeOrganisationId!,
    organisationName,
    purposes: a.purposes as Purpose[],
    scope: a.categories ?? [],
    startsAt: a.notBefore!,
    expiresAt: a.expiresAt!,
    lookbackDays: a.lookbackDays,
    maxUses: a.maxUses,
    useCount: a.useCount,
    lastUsedAt: a.lastUsedAt,
    revokedAt: a.revokedAt,
    recordedAt: a.recordedAt,
    active: a.revokedAt === null && a.notBefore! <= now && now < a.expiresAt! && (a.maxUses === null || a.useCount < a.maxUses),
  }));
}

const ARTEFACT_CURSOR = 'artefact';

/**
 * A subject's consents of both kinds: those granted through the API, newest first, then the
 * consent artefacts recorded for them, newest first. An API consent's cursor is its id (as
 * before); an artefact's is its recording instant and jti.
 */
export async function listConsents(db: Db, personId: string, first: number, after: string | null) {
  checkPageSize(first);
  const decoded = after === null ? null : decodeCursor(after);
  const inArtefacts = decoded?.[0] === ARTEFACT_CURSOR;
  let artefactAfter: { at: Date; jti: string } | null = null;
  if (inArtefacts) {
    const at = new Date(String(decoded![1]));
    if (Number.isNaN(at.getTime()) || typeof decoded![2] !== 'string') {
      throw badInput('The cursor given in "after" is not one this connection issued', { argument: 'after' });
    }
    artefactAfter = { at, jti: decoded![2] };
  }
  const { limit, afterId } = inArtefacts ? { limit: first, afterId: null } : keysetArgs(first, after);
  const apiNodes = inArtefacts
    ? []
    : withState(await selectConsents(db, and(eq(consents.personId, personId), afterId !== null ? lt(consents.id, afterId) : undefined), limit + 1));
  const room = limit + 1 - apiNodes.length;
  const artefactNodes = room > 0 ? await artefactConsents(db, personId, artefactAfter, room) : [];
  const nodes: ((typeof apiNodes)[number] | (typeof artefactNodes)[number])[] = [...apiNodes, ...artefactNodes];
  return toPage(nodes, limit, after !== null, (n) =>
    n.kind === ConsentKind.ARTEFACT ? [ARTEFACT_CURSOR, (n as (typeof artefactNodes)[number]).recordedAt.toISOString(), n.id] : [n.id],
  );
}

export async function getConsent(db: Db, personId: string, id: number) {
  const [consent] = withState(await selectConsents(db, and(eq(consents.personId, personId), eq(consents.id, id)), 1));
  return consent ?? null;
}
