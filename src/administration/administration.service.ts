import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client.js';
import { organisations, principalKind, principals } from '../access/access.tables.js';
import type { PrincipalKind } from '../access/principal.js';
import { issueApiKey } from '../access/licence-admin.service.js';
import { recordOversightEvent } from '../audit/oversight.service.js';
import { sources } from '../records/shared/sources.tables.js';
import { persons } from '../records/shared/persons.tables.js';
import { sourceKind } from '../db/enums.js';
import { recordKinds, type RecordKind } from '../records/index.js';
import type { SourceKind } from '../records/shared/record-kind.js';
import { isAuthoritative, mayFurnish } from '../furnishing/authority.js';
import { parseNationalId } from '../records/identity/national-id.js';
import { badInput, exchangeError } from '../kernel/errors.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Who makes a change: a regulator's principal, through the API or from a shell (the admin
 * CLI). The oversight event names both, so a regulator reading the events can tell them apart.
 */
export interface Actor {
  principalId: number;
  via: 'api' | 'admin-cli';
}

export interface OrganisationInput {
  kind: PrincipalKind;
  name: string;
  registrationNumber: string;
  /** A furnisher organisation is bound to the one source it furnishes for. */
  sourceId?: number | null;
}

export interface SourceInput {
  code: string;
  name: string;
  kind: SourceKind;
  /** What the registrar says the source is authoritative for: checked against the authority matrix. */
  authoritativeFor?: RecordKind[] | null;
}

export interface PrincipalInput {
  kind: PrincipalKind;
  name: string;
  organisationId?: number | null;
  /** A subject is bound to the person with this national ID number. */
  nationalId?: string | null;
}

export interface OrganisationView {
  id: number;
  kind: PrincipalKind;
  name: string;
  registrationNumber: string | null;
  sourceId: number | null;
}

export interface SourceView {
  id: number;
  code: string;
  name: string;
  kind: SourceKind;
  authoritativeFor: RecordKind[];
  mayFurnish: RecordKind[];
}

export interface PrincipalView {
  id: number;
  kind: PrincipalKind;
  name: string;
  organisationId: number | null;
  personId: string | null;
}

const NAME_MAX = 200;
const REGISTRATION_NUMBER = /^[A-Za-z0-9][A-Za-z0-9./-]{0,63}$/;
const SOURCE_CODE = /^[a-z0-9][a-z0-9-]{0,39}$/;

function name(value: string, argument: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > NAME_MAX || /[\u0000-\u001f]/.test(trimmed)) {
    throw badInput(`"${argument}" must be 1 to ${NAME_MAX} characters of text`, { argument });
  }
  return trimmed;
}

function oneOf<V extends string>(values: readonly V[], value: string, argument: string): V {
  if (!(values as readonly string[]).includes(value)) throw badInput(`"${argument}" must be one of ${values.join(', ')}`, { argument });
  return value as V;
}

/** A unique constraint the check before the insert could not see (two registrations at once). */
function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

async function uniquely<T>(what: string, argument: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUniqueViolation(err)) throw badInput(`${what} is already registered`, { argument });
    throw err;
  }
}

function sourceView(row: { id: number; code: string; name: string; kind: SourceKind }): SourceView {
  return {
    ...row,
    authoritativeFor: recordKinds.filter((k) => isAuthoritative(row.kind, k)),
    mayFurnish: recordKinds.filter((k) => mayFurnish(row.kind, k)),
  };
}

export async function registerSource(db: Db | Tx, actor: Actor, input: SourceInput): Promise<SourceView> {
  const code = input.code.trim();
  if (!SOURCE_CODE.test(code)) throw badInput('"code" must be 1 to 40 lower-case letters, digits or hyphens', { argument: 'code' });
  const kind = oneOf(sourceKind.enumValues, input.kind, 'kind');
  const label = name(input.name, 'name');
  // The authority matrix is the exchange's, not the registrar's: a claim it does not back is refused.
  const authoritative = recordKinds.filter((k) => isAuthoritative(kind, k));
  for (const claimed of input.authoritativeFor ?? []) {
    if (!authoritative.includes(claimed)) {
      throw badInput(`A ${kind} source is not authoritative for ${claimed}; it is for: ${authoritative.join(', ') || 'nothing'}`, {
        argument: 'authoritativeFor',
      });
    }
  }
  return uniquely(`Source code ${code}`, 'code', () =>
    db.transaction(async (tx) => {
      const [taken] = await tx.select({ id: sources.id }).from(sources).where(eq(sources.code, code));
      if (taken) throw badInput(`Source code ${code} is already registered`, { argument: 'code' });
      const [row] = await tx.insert(sources).values({ code, name: label, kind }).returning();
      const view = sourceView(row!);
      await recordOversightEvent(tx, {
        actorPrincipalId: actor.principalId,
        action: 'SOURCE_REGISTERED',
        targetKind: 'SOURCE',
        targetId: row!.id,
        details: { via: actor.via, code, kind, authoritativeFor: view.authoritativeFor },
      });
      return view;
    }),
  );
}

export async function registerOrganisation(db: Db | Tx, actor: Actor, input: OrganisationInput): Promise<OrganisationView> {
  const kind = oneOf(principalKind.enumValues, input.kind, 'kind');
  if (kind === 'SUBJECT') throw badInput('Subjects are people, not organisations: register a SUBJECT principal instead', { argument: 'kind' });
  // A consent manager comes with the keys it signs artefacts with: registerConsentManager takes both.
  if (kind === 'CONSENT_MANAGER') throw badInput('Consent managers are registered with registerConsentManager, with their public keys', { argument: 'kind' });
  const label = name(input.name, 'name');
  const registrationNumber = input.registrationNumber.trim();
  if (!REGISTRATION_NUMBER.test(registrationNumber)) {
    throw badInput('"registrationNumber" must be 1 to 64 letters, digits, dots, slashes or hyphens', { argument: 'registrationNumber' });
  }
  const sourceId = input.sourceId ?? null;
  if (kind === 'FURNISHER' && sourceId === null) throw badInput('A furnisher organisation is bound to a source: give "sourceId"', { argument: 'sourceId' });
  if (kind !== 'FURNISHER' && sourceId !== null) throw badInput('Only a furnisher organisation is bound to a source', { argument: 'sourceId' });
  return uniquely(`Organisation ${label} or registration number ${registrationNumber}`, 'registrationNumber', () =>
    db.transaction(async (tx) => {
      if (sourceId !== null) {
        const [source] = await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, sourceId));
        if (!source) throw exchangeError('NOT_FOUND', `No source ${sourceId}`, { argument: 'sourceId' });
      }
      const [clash] = await tx
        .select({ name: organisations.name })
        .from(organisations)
        .where(sql`${organisations.name} = ${label} or ${organisations.registrationNumber} = ${registrationNumber}`);
      if (clash) {
        const argument = clash.name === label ? 'name' : 'registrationNumber';
        throw badInput(argument === 'name' ? `Organisation ${label} is already registered` : `Registration number ${registrationNumber} is already registered`, { argument });
      }
      const [row] = await tx.insert(organisations).values({ kind, name: label, registrationNumber, sourceId }).returning();
      await recordOversightEvent(tx, {
        actorPrincipalId: actor.principalId,
        action: 'ORGANISATION_REGISTERED',
        targetKind: 'ORGANISATION',
        targetId: row!.id,
        details: { via: actor.via, kind, name: label, registrationNumber, sourceId },
      });
      return { id: row!.id, kind: row!.kind, name: row!.name, registrationNumber: row!.registrationNumber, sourceId: row!.sourceId };
    }),
  );
}

/** `id`: the bootstrap's regulator, whose id was drawn before (it is the actor of its own registration). */
export async function registerPrincipal(db: Db | Tx, actor: Actor, input: PrincipalInput, id?: number): Promise<PrincipalView> {
  const kind = oneOf(principalKind.enumValues, input.kind, 'kind');
  const label = name(input.name, 'name');
  const organisationId = input.organisationId ?? null;
  let nationalId: string | null = null;
  if (kind === 'SUBJECT') {
    if (organisationId !== null) throw badInput('A subject belongs to no organisation', { argument: 'organisationId' });
    if (!input.nationalId) throw badInput('A subject is bound to a person: give "nationalId"', { argument: 'nationalId' });
    const parsed = parseNationalId(input.nationalId.trim());
    if (!parsed.ok) throw badInput(`"nationalId": ${parsed.message}`, { argument: 'nationalId' });
    nationalId = parsed.value;
  } else {
    if (input.nationalId) throw badInput('Only a subject is bound to a person', { argument: 'nationalId' });
    if (organisationId === null) throw badInput(`A ${kind} principal acts for an organisation: give "organisationId"`, { argument: 'organisationId' });
  }
  return db.transaction(async (tx) => {
    let personId: string | null = null;
    if (nationalId !== null) {
      const [person] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.nationalId, nationalId));
      if (!person) throw exchangeError('NOT_FOUND', 'No person with this national ID number is on file yet', { argument: 'nationalId' });
      const [existing] = await tx
        .select({ id: principals.id })
        .from(principals)
        .where(and(eq(principals.kind, 'SUBJECT'), eq(principals.personId, person.id)));
      if (existing) throw badInput(`This person already has subject principal ${existing.id}; issue it another key instead`, { argument: 'nationalId' });
      personId = person.id;
    } else {
      const [org] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId!));
      if (!org) throw exchangeError('NOT_FOUND', `No organisation ${organisationId}`, { argument: 'organisationId' });
      if (org.kind !== kind) throw badInput(`Organisation ${organisationId} is a ${org.kind} organisation, not ${kind}`, { argument: 'organisationId' });
    }
    const [row] = await tx.insert(principals).values({ id, kind, name: label, organisationId, personId }).returning();
    // The person's id, never their national ID number: the events are read widely.
    await recordOversightEvent(tx, {
      actorPrincipalId: actor.principalId,
      action: 'PRINCIPAL_REGISTERED',
      targetKind: 'PRINCIPAL',
      targetId: row!.id,
      details: { via: actor.via, kind, name: label, organisationId, personId },
    });
    return { id: row!.id, kind: row!.kind, name: row!.name, organisationId: row!.organisationId, personId: row!.personId };
  });
}

/** A principal given by id on the command line must be an existing regulator. */
export async function regulatorActor(db: Db, principalId: number): Promise<Actor> {
  const [row] = await db.select({ kind: principals.kind }).from(principals).where(eq(principals.id, principalId));
  if (!row || row.kind !== 'REGULATOR') throw badInput(`Principal ${principalId} is not a regulator`, { argument: 'as' });
  return { principalId, via: 'admin-cli' };
}

export interface BootstrapInput {
  organisationName: string;
  registrationNumber: string;
  principalName: string;
  keyLabel?: string;
}

export interface Bootstrapped {
  organisation: OrganisationView;
  principal: PrincipalView;
  apiKey: { id: number; label: string; key: string };
}

/** One bootstrap at a time, even from two shells: the check and the inserts share this lock. */
const BOOTSTRAP_LOCK = 7411014;

/**
 * The first regulator, before any exists: its organisation, its principal and one API key,
 * in one transaction. It is the actor of its own creation (there is nobody else yet). Refused
 * once any regulator exists: from then on, regulators register each other.
 */
export async function bootstrapRegulator(db: Db, input: BootstrapInput): Promise<Bootstrapped> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const [existing] = await tx.select({ id: principals.id }).from(principals).where(eq(principals.kind, 'REGULATOR')).limit(1);
    if (existing) throw badInput(`A regulator already exists (principal ${existing.id}): register further ones through it`, { argument: 'bootstrap' });
    // The principal's id is drawn first, so that every event of the bootstrap, the
    // organisation's included, names the new regulator as its actor.
    const [drawn] = rowsOf<{ id: number }>(await tx.execute(sql`select nextval(pg_get_serial_sequence('principals', 'id'))::int as id`));
    const actor: Actor = { principalId: drawn!.id, via: 'admin-cli' };
    const organisation = await registerOrganisation(tx, actor, { kind: 'REGULATOR', name: input.organisationName, registrationNumber: input.registrationNumber });
    const principal = await registerPrincipal(tx, actor, { kind: 'REGULATOR', name: input.principalName, organisationId: organisation.id }, actor.principalId);
    const apiKey = await issueApiKey(tx as unknown as Db, actor.principalId, principal.id, input.keyLabel ?? 'bootstrap');
    return { organisation, principal, apiKey };
  });
}
