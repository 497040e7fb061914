import { and, asc, eq, isNull } from 'drizzle-orm';
import { calculateJwkThumbprint, importJWK, type JWK } from 'jose';
import type { Db } from '../../db/client.js';
import { organisations } from '../access.tables.js';
import { consentManagerKeys, consentManagers } from './consent-artefacts.tables.js';
import { recordOversightEvent } from '../../audit/oversight.service.js';
import { badInput, exchangeError } from '../../kernel/errors.js';
import type { ArtefactAlgorithm } from './artefact.verify.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A public key as the exchange keeps it: only the public members, named by kid. */
export interface PublicKey {
  kid: string;
  alg: ArtefactAlgorithm;
  jwk: Record<string, unknown>;
}

const MAX_KEYS = 20;
const KID = /^[\x21-\x7e]{1,200}$/;

/**
 * Checks a JWK given by the regulator: an Ed25519 ("OKP") or P-256 ("EC") public key that
 * imports; a private part is refused, so a consent manager's secret never reaches the exchange.
 * Without a "kid", the key is named by its RFC 7638 thumbprint.
 */
export async function publicKeyOf(value: unknown, argument: string): Promise<PublicKey> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw badInput(`"${argument}" must be a JWK object`, { argument });
  const jwk = value as Record<string, unknown>;
  if ('d' in jwk || 'p' in jwk || 'k' in jwk) throw badInput(`"${argument}" holds a private key: register the public key only`, { argument });
  let alg: ArtefactAlgorithm;
  let members: Record<string, unknown>;
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
    alg = 'EdDSA';
    members = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  } else if (jwk.kty === 'EC' && jwk.crv === 'P-256' && typeof jwk.x === 'string' && typeof jwk.y === 'string') {
    alg = 'ES256';
    members = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  } else {
    throw badInput(`"${argument}" must be an Ed25519 ("kty": "OKP") or P-256 ("kty": "EC") public key`, { argument });
  }
  if (jwk.alg !== undefined && jwk.alg !== alg) throw badInput(`"${argument}": a ${String(jwk.kty)} key signs with ${alg}, not ${String(jwk.alg)}`, { argument });
  try {
    await importJWK(members as JWK, alg);
  } catch {
    throw badInput(`"${argument}" is not a valid ${alg} public key`, { argument });
  }
  const kid = jwk.kid === undefined ? await calculateJwkThumbprint(members as JWK) : jwk.kid;
  if (typeof kid !== 'string' || !KID.test(kid)) throw badInput(`"${argument}.kid" must be 1 to 200 printable characters`, { argument });
  return { kid, alg, jwk: members };
}

async function publicKeysOf(values: unknown[]): Promise<PublicKey[]> {
  if (values.length === 0) throw badInput('A consent manager needs at least one public key', { argument: 'publicKeys' });
  if (values.length > MAX_KEYS) throw badInput(`At most ${MAX_KEYS} keys at once`, { argument: 'publicKeys' });
  const keys = await Promise.all(values.map((v, i) => publicKeyOf(v, `publicKeys[${i}]`)));
  const kids = new Set(keys.map((k) => k.kid));
  if (kids.size !== keys.length) throw badInput('Two keys share a "kid"', { argument: 'publicKeys' });
  return keys;
}

export interface ConsentManagerView {
  id: number;
  name: string;
  suspendedAt: Date | null;
  createdAt: Date;
  keys: { kid: string; alg: string; jwk: Record<string, unknown>; createdAt: Date; retiredAt: Date | null }[];
}

export async function getConsentManager(db: Db | Tx, organisationId: number): Promise<ConsentManagerView> {
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name, suspendedAt: consentManagers.suspendedAt, createdAt: consentManagers.createdAt })
    .from(consentManagers)
    .innerJoin(organisations, eq(organisations.id, consentManagers.organisationId))
    .where(eq(consentManagers.organisationId, organisationId));
  if (!row) throw exchangeError('NOT_FOUND', `No consent manager ${organisationId}`, { argument: 'consentManagerId' });
  const keys = await db
    .select({ kid: consentManagerKeys.kid, alg: consentManagerKeys.alg, jwk: consentManagerKeys.jwk, createdAt: consentManagerKeys.createdAt, retiredAt: consentManagerKeys.retiredAt })
    .from(consentManagerKeys)
    .where(eq(consentManagerKeys.organisationId, organisationId))
    .orderBy(asc(consentManagerKeys.id));
  return { ...row, keys };
}

const NAME_MAX = 200;

/** The regulator registers a consent manager with its public keys; one transaction, one oversight event. */
export async function registerConsentManager(
  db: Db,
  actorPrincipalId: number,
  input: { name: string; publicKeys: unknown[]; isDemo?: boolean },
): Promise<ConsentManagerView> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > NAME_MAX || /[\u0000-\u001f]/.test(name)) {
    throw badInput(`"name" must be 1 to ${NAME_MAX} characters of text`, { argument: 'name' });
  }
  const keys = await publicKeysOf(input.publicKeys);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, name));
    if (taken) throw badInput(`Organisation ${name} is already registered`, { argument: 'name' });
    const [org] = await tx.insert(organisations).values({ name, kind: 'CONSENT_MANAGER' }).returning({ id: organisations.id });
    await tx.insert(consentManagers).values({ organisationId: org!.id, isDemo: input.isDemo ?? false });
    await tx.insert(consentManagerKeys).values(keys.map((k) => ({ organisationId: org!.id, ...k })));
    await recordOversightEvent(tx, {
      actorPrincipalId,
      action: 'CONSENT_MANAGER_REGISTERED',
      targetKind: 'CONSENT_MANAGER',
      targetId: org!.id,
      details: { name, keys: keys.map((k) => ({ kid: k.kid, alg: k.alg })) },
    });
    return getConsentManager(tx, org!.id);
  });
}

async function lockManager(tx: Tx, organisationId: number) {
  const [row] = await tx.select().from(consentManagers).where(eq(consentManagers.organisationId, organisationId)).for('update');
  if (!row) throw exchangeError('NOT_FOUND', `No consent manager ${organisationId}`, { argument: 'consentManagerId' });
  return row;
}

export async function addConsentManagerKey(db: Db, actorPrincipalId: number, organisationId: number, value: unknown): Promise<ConsentManagerView> {
  const key = await publicKeyOf(value, 'publicKey');
  return db.transaction(async (tx) => {
    await lockManager(tx, organisationId);
    const [clash] = await tx
      .select({ id: consentManagerKeys.id })
      .from(consentManagerKeys)
      .where(and(eq(consentManagerKeys.organisationId, organisationId), eq(consentManagerKeys.kid, key.kid)));
    // A retired kid stays retired: reusing it would revive artefacts signed under the old key's name.
    if (clash) throw badInput(`Key ${key.kid} is already registered for this consent manager`, { argument: 'publicKey' });
    await tx.insert(consentManagerKeys).values({ organisationId, ...key });
    await recordOversightEvent(tx, { actorPrincipalId, action: 'CONSENT_MANAGER_KEY_ADDED', targetKind: 'CONSENT_MANAGER', targetId: organisationId, details: { kid: key.kid, alg: key.alg } });
    return getConsentManager(tx, organisationId);
  });
}

/** A retired key verifies nothing from the next request on: artefacts signed with it are refused as UNKNOWN_ISSUER. */
export async function retireConsentManagerKey(db: Db, actorPrincipalId: number, organisationId: number, kid: string): Promise<ConsentManagerView> {
  return db.transaction(async (tx) => {
    await lockManager(tx, organisationId);
    const [row] = await tx
      .update(consentManagerKeys)
      .set({ retiredAt: new Date() })
      .where(and(eq(consentManagerKeys.organisationId, organisationId), eq(consentManagerKeys.kid, kid), isNull(consentManagerKeys.retiredAt)))
      .returning({ id: consentManagerKeys.id });
    if (!row) throw exchangeError('NOT_FOUND', `No key ${kid} in force for consent manager ${organisationId}`, { argument: 'kid' });
    await recordOversightEvent(tx, { actorPrincipalId, action: 'CONSENT_MANAGER_KEY_RETIRED', targetKind: 'CONSENT_MANAGER', targetId: organisationId, details: { kid } });
    return getConsentManager(tx, organisationId);
  });
}

/** Suspends (or reinstates) a consent manager: while suspended, every artefact it signed is refused. */
export async function setConsentManagerSuspended(
  db: Db,
  actorPrincipalId: number,
  organisationId: number,
  suspended: boolean,
  reason: string,
): Promise<ConsentManagerView> {
  const why = reason.trim();
  if (why.length === 0 || why.length > 500) throw badInput('"reason" must be 1 to 500 characters', { argument: 'reason' });
  return db.transaction(async (tx) => {
    const row = await lockManager(tx, organisationId);
    if ((row.suspendedAt !== null) === suspended) {
      throw badInput(`Consent manager ${organisationId} is already ${suspended ? 'suspended' : 'active'}`, { argument: 'consentManagerId' });
    }
    await tx.update(consentManagers).set({ suspendedAt: suspended ? new Date() : null }).where(eq(consentManagers.organisationId, organisationId));
    await recordOversightEvent(tx, {
      actorPrincipalId,
      action: suspended ? 'CONSENT_MANAGER_SUSPENDED' : 'CONSENT_MANAGER_REINSTATED',
      targetKind: 'CONSENT_MANAGER',
      targetId: organisationId,
      details: { reason: why },
    });
    return getConsentManager(tx, organisationId);
  });
}

/** Whether any consent manager with a published demo key exists (production refuses to start then). */
export async function demoConsentManagerExists(db: Db): Promise<boolean> {
  const rows = await db.select({ id: consentManagers.organisationId }).from(consentManagers).where(eq(consentManagers.isDemo, true)).limit(1);
  return rows.length > 0;
}
