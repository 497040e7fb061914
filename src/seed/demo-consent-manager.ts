import type { Db } from '../db/client.js';
import { apiKeys, organisations, principals } from '../access/access.tables.js';
import { consentManagerKeys, consentManagers } from '../access/consent-artefacts/consent-artefacts.tables.js';
import { hashApiKey } from '../access/principal.js';
import { DAY, NOW } from '../records/shared/seeding/time.js';

/**
 * The demo consent manager. DEMO ONLY: its private key below is published with the code, so
 * anyone can sign artefacts in its name. Only the demo seed registers it (flagged `isDemo`),
 * the gate refuses its artefacts in production, and a production server refuses to start
 * while it is registered.
 */
export const demoConsentManager = {
  name: 'Anxin Consent Manager (demo)',
  /** The API key of its principal (revokes artefacts); public like the other demo keys. */
  apiKey: 'demo-consent-manager',
  kid: 'demo-consent-manager-2026',
  alg: 'EdDSA' as const,
  publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'owfuLU9iRQjt8SorlMcyH3TduoQ5IEDfxrDh5QdRS-w' },
  /** DEMO ONLY, published: never register this key outside the demo. */
  privateJwk: { kty: 'OKP', crv: 'Ed25519', x: 'owfuLU9iRQjt8SorlMcyH3TduoQ5IEDfxrDh5QdRS-w', d: 'EiRC6in5Yi4z00lou-1E8Y_qdK_Y_GT5Tp733Z4t6z4' },
} as const;

const CREATED_AT = new Date(NOW - 400 * DAY);

/** Registers the demo consent manager, its key and its principal; returns its organisation id. */
export async function seedDemoConsentManager(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ name: demoConsentManager.name, kind: 'CONSENT_MANAGER', createdAt: CREATED_AT })
      .returning({ id: organisations.id });
    await tx.insert(consentManagers).values({ organisationId: org!.id, isDemo: true, createdAt: CREATED_AT });
    await tx.insert(consentManagerKeys).values({
      organisationId: org!.id,
      kid: demoConsentManager.kid,
      alg: demoConsentManager.alg,
      jwk: { ...demoConsentManager.publicJwk },
      createdAt: CREATED_AT,
    });
    const [principal] = await tx
      .insert(principals)
      .values({ kind: 'CONSENT_MANAGER', name: `${demoConsentManager.name} revocations`, organisationId: org!.id, isDemo: true, createdAt: CREATED_AT })
      .returning({ id: principals.id });
    await tx.insert(apiKeys).values({ principalId: principal!.id, keyHash: hashApiKey(demoConsentManager.apiKey), label: `demo key ${demoConsentManager.apiKey}`, createdAt: CREATED_AT });
    return org!.id;
  });
}
