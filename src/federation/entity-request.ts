import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from '../kernel/context.js';
import { Purpose } from '../kernel/purpose.js';
import { badInput } from '../kernel/errors.js';
import { isStorableInstant } from '../kernel/scalars.js';

/**
 * A federated request reaches persons through `_entities`, which has no arguments of its own:
 * the partner's gateway declares why it reads them in headers, for the whole request.
 */
export const PURPOSE_HEADER = 'x-exchange-purpose';
export const CASE_REFERENCE_HEADER = 'x-exchange-case-reference';
export const AS_OF_HEADER = 'x-exchange-as-of';
/** Consent artefacts (compact JWS), comma-separated: each answers for the person its subject names. */
export const CONSENT_HEADER = 'x-exchange-consent';
export const entityRequestHeaders = [PURPOSE_HEADER, CASE_REFERENCE_HEADER, AS_OF_HEADER, CONSENT_HEADER] as const;
/** More artefacts than a batch has persons is not a request the gate reads. */
const MAX_HEADER_ARTEFACTS = 100;

/** The headers as they arrived, not yet checked. */
export interface EntityRequestHeaders {
  purpose: string | null;
  caseReference: string | null;
  asOf: string | null;
  consent?: string | null;
}

/** What the gate needs for entity resolution: the same as the arguments of `person`. */
export interface EntityRequest {
  purpose: Purpose;
  caseReference: string | null;
  asOf: Date | null;
  consentArtefacts: string[];
}

export function readEntityRequestHeaders(headers: IncomingHttpHeaders): EntityRequestHeaders {
  const one = (name: string) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(', ') : value;
    return text === undefined || text.trim() === '' ? null : text.trim();
  };
  return { purpose: one(PURPOSE_HEADER), caseReference: one(CASE_REFERENCE_HEADER), asOf: one(AS_OF_HEADER), consent: one(CONSENT_HEADER) };
}

const purposes = Object.values(Purpose) as string[];

/** The declared purpose, case and instant of a federated request; refuses a request without a valid purpose. */
export function entityRequestOf(ctx: RequestContext): EntityRequest {
  const declared = ctx.entityRequest ?? { purpose: null, caseReference: null, asOf: null };
  if (declared.purpose === null) {
    throw badInput(`A federated request declares its purpose in the ${PURPOSE_HEADER} header (one of ${purposes.join(', ')})`, {
      header: PURPOSE_HEADER,
    });
  }
  if (!purposes.includes(declared.purpose)) {
    throw badInput(`Unknown purpose in the ${PURPOSE_HEADER} header; expected one of ${purposes.join(', ')}`, {
      header: PURPOSE_HEADER,
    });
  }
  let asOf: Date | null = null;
  if (declared.asOf !== null) {
    asOf = new Date(declared.asOf);
    if (Number.isNaN(asOf.getTime())) {
      throw badInput(`The ${AS_OF_HEADER} header is not an ISO 8601 instant`, { header: AS_OF_HEADER });
    }
    if (!isStorableInstant(asOf)) {
      throw badInput(`The ${AS_OF_HEADER} header is outside the range the exchange keeps (years 0001 to 9999, UTC)`, { header: AS_OF_HEADER });
    }
  }
  const consentArtefacts = (declared.consent ?? '').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  if (consentArtefacts.length > MAX_HEADER_ARTEFACTS) {
    throw badInput(`At most ${MAX_HEADER_ARTEFACTS} consent artefacts in the ${CONSENT_HEADER} header`, { header: CONSENT_HEADER });
  }
  return { purpose: declared.purpose as Purpose, caseReference: declared.caseReference, asOf, consentArtefacts };
}
