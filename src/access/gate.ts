import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../kernel/context.js';
import type { PersonView, ReachedBy } from '../records/shared/person.types.js';
import type { Purpose } from '../kernel/purpose.js';
import { consentPurposes, ownPurpose } from './purposes.js';
import { requireNationalId } from '../profile/profile.service.js';
import { badInput, errorCodeOf, exchangeError } from '../kernel/errors.js';
import { consentValidFor, findNamedPersons, type ConsentRow } from './consent.service.js';
import { fullGrants, narrowToScope, type Grants } from './grants.js';
import { licenceState } from './licence.service.js';
import { consentFromArtefacts, type PresentedArtefacts } from './consent-artefacts/artefact.gate.js';
import { artefactRelationships } from './consent-artefacts/artefact.store.js';

export interface ProfileRequest {
  nationalIds: string[];
  purpose: Purpose;
  asOf: Date | null;
  caseReference: string | null;
  /** Consent artefacts presented with the read (`consent` arguments, the x-exchange-consent header). */
  consentArtefacts?: PresentedArtefacts;
}

const DAY_MS = 86_400_000;

/** The same answer for an unknown person and one the caller may not see. */
export const profileUnavailable = () =>
  exchangeError('NOT_FOUND', 'No profile is available for this national ID number');

/** Also the same for an unknown person: a missing consent must not reveal that the person exists. */
export const consentRequired = (purpose: Purpose) =>
  exchangeError('CONSENT_REQUIRED', `No valid consent of the subject covers the purpose ${purpose}`);

export const forbidden = (reason: string, message: string) => exchangeError('FORBIDDEN', message, { reason });

type Decision = PersonView | GraphQLError;

interface Found {
  id: string;
  nationalId: string;
  /** The reading licensee's consents from the person (none for other readers). */
  consents: ConsentRow[];
}

/**
 * The one gate every entry point to a profile passes (root queries, batches, entities):
 * who may read, for which purpose, with which consent, and what they may see of each person.
 */
export async function openProfiles(ctx: RequestContext, req: ProfileRequest): Promise<Decision[]> {
  const ids = req.nationalIds.map((id, i) =>
    requireNationalId(id, req.nationalIds.length > 1 ? `nationalIds[${i}]` : 'nationalId'),
  );
  checkAsOf(req.asOf);
  const found = await findNamed(ctx, 'nationalId', [...new Set(ids)]);
  return admit(ctx, req, ids.map((id) => found.get(id) ?? null), 'NATIONAL_ID');
}

/** The same gate, entered with the persons' stable ids (the subject's `me`, federation entities). */
export async function openProfilesById(
  ctx: RequestContext,
  personIds: string[],
  req: Omit<ProfileRequest, 'nationalIds'>,
): Promise<Decision[]> {
  checkAsOf(req.asOf);
  const found = await findNamed(ctx, 'id', [...new Set(personIds)]);
  return admit(ctx, { ...req, nationalIds: [] }, personIds.map((id) => found.get(id) ?? null), 'PERSON_ID');
}

/** The persons named; for a licensee with its consents from each, in the same round trip. */
function findNamed(ctx: RequestContext, by: 'nationalId' | 'id', keys: string[]): Promise<Map<string, Found>> {
  const licensee = ctx.principal.kind === 'SCORER' || ctx.principal.kind === 'PARTNER';
  return findNamedPersons(ctx.db, by, keys, licensee ? (ctx.licence?.organisationId ?? null) : null);
}

function checkAsOf(asOf: Date | null) {
  if (asOf && asOf.getTime() > Date.now()) throw badInput('"asOf" cannot be in the future', { argument: 'asOf' });
}

/** Decides, then reports every decision to the request's access-log recorder. */
async function admit(ctx: RequestContext, req: ProfileRequest, persons: (Found | null)[], reachedBy: ReachedBy): Promise<Decision[]> {
  const refusal = { purpose: req.purpose, caseReference: req.caseReference, licenceId: ctx.licence?.id ?? null };
  let decisions: Decision[];
  try {
    decisions = await decide(ctx, req, persons, reachedBy);
  } catch (err) {
    const code = errorCodeOf(err);
    for (const p of persons) ctx.audit.refused(p?.id ?? null, code, refusal);
    throw err;
  }
  decisions.forEach((d, i) => {
    if (d instanceof Error) ctx.audit.refused(persons[i]?.id ?? null, String(d.extensions.code), refusal);
    else ctx.audit.opened(d);
  });
  return decisions;
}

async function decide(ctx: RequestContext, req: ProfileRequest, persons: (Found | null)[], reachedBy: ReachedBy): Promise<Decision[]> {
  const view = (p: Found, grants: Grants, extra: Partial<PersonView> = {}): PersonView => ({
    id: p.id,
    nationalId: p.nationalId,
    asOf: req.asOf,
    purpose: req.purpose,
    grants,
    caseReference: req.caseReference,
    licenceId: null,
    consentId: null,
    notBefore: null,
    servedOnly: false,
    reachedBy,
    ...extra,
  });
  const { principal } = ctx;

  switch (principal.kind) {
    case 'SUBJECT':
      requirePurpose(req.purpose, ownPurpose('SUBJECT'), 'A subject reads their own profile with the purpose SELF_ACCESS');
      return persons.map((p) => (p && p.id === principal.personId ? view(p, fullGrants) : profileUnavailable()));

    case 'REGULATOR':
      requirePurpose(req.purpose, ownPurpose('REGULATOR'), 'A regulator reads profiles for REGULATORY_OVERSIGHT only');
      return persons.map((p) => (p ? view(p, fullGrants) : profileUnavailable()));

    case 'SCORER':
    case 'PARTNER':
      return openForLicensee(ctx, req, persons, view);

    default:
      throw forbidden('ROLE', 'This principal does not read profiles');
  }
}

function requirePurpose(purpose: Purpose, allowed: Purpose, message: string) {
  if (purpose !== allowed) throw forbidden('PURPOSE_NOT_PERMITTED', message);
}

async function openForLicensee(
  ctx: RequestContext,
  req: ProfileRequest,
  persons: (Found | null)[],
  view: (p: Found, grants: Grants, extra?: Partial<PersonView>) => PersonView,
): Promise<Decision[]> {
  const licence = ctx.licence;
  const state = licenceState(licence);
  if (!licence || state !== 'ACTIVE') {
    throw exchangeError('LICENCE_INACTIVE', `The licence of this organisation is not in force (${state})`, { licenceState: state });
  }
  if (!licence.purposes.includes(req.purpose)) {
    throw forbidden('PURPOSE_NOT_PERMITTED', `The licence does not permit the purpose ${req.purpose}`);
  }
  if (!req.caseReference || req.caseReference.trim().length === 0 || req.caseReference.length > 100) {
    throw badInput('A scorer declares the case it serves: "caseReference" (1 to 100 characters)', { argument: 'caseReference' });
  }
  const known = persons.filter((p): p is Found => p !== null);
  const now = new Date();
  const [consents, artefacts] = await Promise.all([
    // Read with the persons (findNamed): the licence is this organisation's.
    new Map(known.filter((p) => p.consents.length > 0).map((p) => [p.id, p.consents])),
    consentFromArtefacts({
      db: ctx.db,
      presented: req.consentArtefacts,
      nationalIds: persons.map((p, i) => (req.nationalIds[i] ?? p?.nationalId ?? null)?.toUpperCase() ?? null),
      personIds: persons.map((p) => p?.id ?? null),
      grantee: licence.organisationId,
      purpose: req.purpose,
      asOf: req.asOf,
      now,
    }),
  ]);
  const needsConsent = consentPurposes.has(req.purpose);
  const related = needsConsent ? new Set<string>() : await artefactRelationships(ctx.db, licence.organisationId, known.filter((p) => !consents.has(p.id)).map((p) => p.id));

  const decisions: Decision[] = persons.map((p, i) => {
    // A presented artefact decides for its person; the subject's API consents decide otherwise.
    const artefact = artefacts[i];
    if (artefact instanceof Error) return artefact;
    if (artefact) {
      if (!p) return profileUnavailable();
      return view(p, narrowToScope(licence.grants, artefact.scope), {
        licenceId: licence.id,
        consentArtefact: artefact.jti,
        servedOnly: true,
        notBefore: artefact.notBefore,
      });
    }
    const theirs = p ? (consents.get(p.id) ?? []) : [];
    if (needsConsent) {
      // A consent also bounds how far back the read may reach: an `asOf` before its lookback
      // is as uncovered as no consent at all.
      const consent = theirs.find(
        (c) => consentValidFor(c, req.purpose, now) && (!req.asOf || req.asOf.getTime() >= now.getTime() - c.lookbackDays * DAY_MS),
      );
      if (!p || !consent) return consentRequired(req.purpose);
      return view(p, narrowToScope(licence.grants, consent.scope), {
        licenceId: licence.id,
        consentId: consent.id,
        servedOnly: true,
        notBefore: new Date(now.getTime() - consent.lookbackDays * DAY_MS),
      });
    }
    // Account review and collections need no fresh consent, but an existing relationship:
    // the subject consented to this organisation before (through the API or an artefact).
    if (!p || (theirs.length === 0 && !related.has(p.id))) return profileUnavailable();
    return view(p, licence.grants, { licenceId: licence.id, servedOnly: true });
  });

  // Each consent's use is counted once per request in the access-log append's transaction
  // (audit/access-log.service.ts): a consent exhausted by a racing request fails closed there.
  return decisions;
}
