import { createHash } from 'node:crypto';
import { base64url, compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { Purpose } from '../../kernel/purpose.js';
import { categories } from '../catalogue.js';
import { consentablePurposes } from '../purposes.js';

/** Why a presented artefact was refused: `extensions.reason` of its CONSENT_REQUIRED error. */
export type ArtefactRefusalReason =
  | 'INVALID_SIGNATURE'
  | 'UNKNOWN_ISSUER'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'WRONG_GRANTEE'
  | 'WRONG_SUBJECT'
  | 'PURPOSE_NOT_COVERED'
  | 'USES_EXHAUSTED'
  | 'REVOKED';

export class ArtefactRefusal {
  constructor(
    readonly reason: ArtefactRefusalReason,
    readonly message: string,
  ) {}
}

/** The signature algorithms an artefact may use, by the key type that makes them. */
export const artefactAlgorithms = ['EdDSA', 'ES256'] as const;
export type ArtefactAlgorithm = (typeof artefactAlgorithms)[number];

/** A compact JWS is three base64url parts; anything longer than this is not an artefact. */
export const MAX_ARTEFACT_LENGTH = 8192;

/** Clock skew tolerated between the consent manager and the exchange, for nbf and exp. */
const LEEWAY_MS = 30_000;
const DAY_MS = 86_400_000;

/** What can be read of an artefact before its signature is checked: only enough to find the key. */
export interface PeekedArtefact {
  token: string;
  alg: string;
  kid: string | null;
  issuer: number | null;
  /** The claimed subject, used only to match header artefacts to entities before verification. */
  subject: string | null;
  /** The claimed jti, used only to read what was recorded of it alongside the key. */
  jti: string | null;
}

/** A registered signing key as the gate sees it, with its consent manager's state. */
export interface SigningKey {
  organisationId: number;
  kid: string;
  alg: string;
  jwk: Record<string, unknown>;
  retired: boolean;
  suspended: boolean;
  isDemo: boolean;
}

/** The claims of a verified artefact. */
export interface ArtefactClaims {
  jti: string;
  issuer: number;
  kid: string;
  subject: string;
  grantee: number;
  purposes: Purpose[];
  /** null: every category the licence grants. */
  categories: string[] | null;
  lookbackDays: number | null;
  notBefore: Date;
  expiresAt: Date;
  maxUses: number | null;
  /** SHA-256 of the compact JWS. */
  digest: string;
}

/** What the read presenting the artefact asks for. */
export interface ArtefactExpectation {
  grantee: number;
  /** The national ID the reader named; null when the artefact was matched to the person by its subject. */
  subject: string;
  purpose: Purpose;
  asOf: Date | null;
  now: Date;
  /** Production refuses the demo consent manager's published key. */
  production: boolean;
}

const invalid = (message: string) => new ArtefactRefusal('INVALID_SIGNATURE', message);

/** An organisation id as a JWT carries it: a positive integer, or its decimal string. */
function organisationIdOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}

function payloadOf(token: string): Record<string, unknown> | null {
  try {
    const part = token.split('.')[1] ?? '';
    const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(part)));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : null;
  } catch {
    return null;
  }
}

/** Reads the header and the claimed issuer and subject of a compact JWS, without trusting them. */
export function peekArtefact(token: string): PeekedArtefact | ArtefactRefusal {
  if (token.length > MAX_ARTEFACT_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
    return invalid('The consent artefact is not a compact JWS');
  }
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return invalid('The consent artefact is not a compact JWS');
  }
  const payload = payloadOf(token);
  if (!payload) return invalid('The consent artefact carries no JSON claims');
  return {
    token,
    alg: typeof header.alg === 'string' ? header.alg : '',
    kid: typeof header.kid === 'string' && header.kid.length > 0 ? header.kid : null,
    issuer: organisationIdOf(payload.iss),
    subject: typeof payload.sub === 'string' ? payload.sub.toUpperCase() : null,
    jti: typeof payload.jti === 'string' && payload.jti.length <= 200 ? payload.jti : null,
  };
}

/** Imported keys by their JWK: importing is the costly part of a verification, and a key never changes. */
type VerificationKey = Awaited<ReturnType<typeof importJWK>>;
const importedKeys = new Map<string, Promise<VerificationKey>>();

function importKey(key: SigningKey): Promise<VerificationKey> {
  const id = `${key.alg}:${JSON.stringify(key.jwk)}`;
  let imported = importedKeys.get(id);
  if (!imported) {
    if (importedKeys.size >= 1000) importedKeys.clear();
    imported = importJWK(key.jwk as JWK, key.alg);
    importedKeys.set(id, imported);
  }
  return imported;
}

const integerClaim = (value: unknown, min: number, max: number) =>
  Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max ? (value as number) : null;

/** The claims, each checked for its shape; a claim of the wrong shape makes the artefact invalid. */
function claimsOf(payload: Record<string, unknown>, issuer: number, kid: string, token: string): ArtefactClaims | ArtefactRefusal {
  const { jti, sub, aud, purposes, nbf, exp } = payload;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 200 || /[\u0000-\u001f]/.test(jti)) return invalid('The artefact has no usable "jti"');
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 64) return invalid('The artefact has no usable "sub"');
  const audiences = Array.isArray(aud) ? aud : [aud];
  const grantee = audiences.length === 1 ? organisationIdOf(audiences[0]) : null;
  if (grantee === null) return invalid('The artefact names no single grantee organisation in "aud"');
  if (!Array.isArray(purposes) || purposes.length === 0 || !purposes.every((p) => typeof p === 'string' && consentablePurposes.has(p))) {
    return invalid('The artefact\'s "purposes" must list purposes a consent can be given for');
  }
  let scope: string[] | null = null;
  if (payload.categories !== undefined) {
    const c = payload.categories;
    if (!Array.isArray(c) || c.length === 0 || !c.every((x) => typeof x === 'string' && x in categories)) {
      return invalid('The artefact\'s "categories" must list categories of the catalogue');
    }
    scope = [...new Set(c as string[])];
  }
  const lookbackDays = payload.lookbackDays === undefined ? null : integerClaim(payload.lookbackDays, 1, 36_500);
  if (payload.lookbackDays !== undefined && lookbackDays === null) return invalid('The artefact\'s "lookbackDays" must be a positive whole number of days');
  const maxUses = payload.maxUses === undefined ? null : integerClaim(payload.maxUses, 1, 1_000_000_000);
  if (payload.maxUses !== undefined && maxUses === null) return invalid('The artefact\'s "maxUses" must be a positive whole number');
  const notBefore = integerClaim(nbf, 0, 253_402_300_799);
  const expiresAt = integerClaim(exp, 0, 253_402_300_799);
  if (notBefore === null || expiresAt === null) return invalid('The artefact needs "nbf" and "exp" (seconds since the epoch)');
  if (expiresAt <= notBefore) return invalid('The artefact expires before it starts');
  return {
    jti,
    issuer,
    kid,
    subject: sub.toUpperCase(),
    grantee,
    purposes: [...new Set(purposes as Purpose[])],
    categories: scope,
    lookbackDays,
    notBefore: new Date(notBefore * 1000),
    expiresAt: new Date(expiresAt * 1000),
    maxUses,
    digest: createHash('sha256').update(token).digest('hex'),
  };
}

/**
 * Verifies an artefact against its registered key and the read it is presented for: issuer
 * (registered, active, key not retired), signature, claims, grantee, subject, time window,
 * purpose and lookback. What the exchange has recorded of it (revocation, uses) is checked apart.
 */
export async function verifyArtefact(
  peeked: PeekedArtefact,
  key: SigningKey | undefined,
  expect: ArtefactExpectation,
): Promise<ArtefactClaims | ArtefactRefusal> {
  if (!(artefactAlgorithms as readonly string[]).includes(peeked.alg)) {
    return invalid(`The artefact is signed with ${peeked.alg || 'no algorithm'}; EdDSA or ES256 are accepted`);
  }
  if (peeked.issuer === null || peeked.kid === null || !key) {
    return new ArtefactRefusal('UNKNOWN_ISSUER', 'The artefact is not signed by a key of a registered consent manager');
  }
  if (key.retired) return new ArtefactRefusal('UNKNOWN_ISSUER', `The consent manager's key ${key.kid} is retired`);
  if (key.suspended) return new ArtefactRefusal('UNKNOWN_ISSUER', 'The consent manager that signed the artefact is suspended');
  if (key.isDemo && expect.production) return new ArtefactRefusal('UNKNOWN_ISSUER', 'The demo consent manager is not trusted in production');
  if (key.alg !== peeked.alg) return invalid(`Key ${key.kid} signs with ${key.alg}, not ${peeked.alg}`);
  let payload: Record<string, unknown>;
  try {
    const { payload: bytes } = await compactVerify(peeked.token, await importKey(key), { algorithms: [key.alg] });
    payload = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return invalid('The artefact\'s signature does not verify with the consent manager\'s key');
  }
  const claims = claimsOf(payload, key.organisationId, key.kid, peeked.token);
  if (claims instanceof ArtefactRefusal) return claims;
  if (claims.grantee !== expect.grantee) return new ArtefactRefusal('WRONG_GRANTEE', 'The artefact was given to another organisation');
  if (claims.subject !== expect.subject) return new ArtefactRefusal('WRONG_SUBJECT', 'The artefact was given by another person');
  const now = expect.now.getTime();
  if (claims.notBefore.getTime() > now + LEEWAY_MS) return new ArtefactRefusal('NOT_YET_VALID', `The artefact is valid from ${claims.notBefore.toISOString()}`);
  if (claims.expiresAt.getTime() <= now - LEEWAY_MS) return new ArtefactRefusal('EXPIRED', `The artefact expired at ${claims.expiresAt.toISOString()}`);
  if (!claims.purposes.includes(expect.purpose)) {
    return new ArtefactRefusal('PURPOSE_NOT_COVERED', `The artefact does not cover the purpose ${expect.purpose}`);
  }
  // An `asOf` before the lookback reaches data the subject did not consent to disclose.
  if (claims.lookbackDays !== null && expect.asOf && expect.asOf.getTime() < now - claims.lookbackDays * DAY_MS) {
    return new ArtefactRefusal('PURPOSE_NOT_COVERED', `The artefact's lookback of ${claims.lookbackDays} days does not reach "asOf"`);
  }
  return claims;
}
