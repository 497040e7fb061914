import { describe, expect, it } from 'vitest';
import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import { Purpose } from '../../kernel/purpose.js';
import { demoConsentManager } from '../../seed/demo-consent-manager.js';
import { artefactPayload, signArtefact } from './artefact.sign.js';
import { ArtefactRefusal, peekArtefact, verifyArtefact, type ArtefactExpectation, type PeekedArtefact, type SigningKey } from './artefact.verify.js';

const subject = '11010519491231002X';
const demoKey: SigningKey = { organisationId: 9, kid: demoConsentManager.kid, alg: 'EdDSA', jwk: { ...demoConsentManager.publicJwk }, retired: false, suspended: false, isDemo: true };
const expect0: ArtefactExpectation = { grantee: 3, subject, purpose: Purpose.CREDIT_APPLICATION, asOf: null, now: new Date(), production: false };

const sign = (over: Record<string, unknown> = {}) =>
  signArtefact({ ...demoConsentManager.privateJwk }, { kid: demoConsentManager.kid, alg: 'EdDSA' }, {
    ...artefactPayload({ iss: '9', sub: subject, aud: 3, purposes: ['CREDIT_APPLICATION'] }),
    ...over,
  } as never);

async function verify(token: string, key: SigningKey = demoKey, over: Partial<ArtefactExpectation> = {}) {
  const peeked = peekArtefact(token);
  if (peeked instanceof ArtefactRefusal) return peeked;
  return verifyArtefact(peeked, key, { ...expect0, ...over });
}
const reasonOf = (r: unknown) => (r instanceof ArtefactRefusal ? r.reason : 'OK');

describe('verifyArtefact', () => {
  it('accepts a well-formed artefact and reads its claims', async () => {
    const result = await verify(await sign({ categories: ['property'], lookbackDays: 90, maxUses: 4 }));
    expect(result).toMatchObject({ issuer: 9, grantee: 3, subject, purposes: ['CREDIT_APPLICATION'], categories: ['property'], lookbackDays: 90, maxUses: 4 });
  });

  it('refuses the demo key in production', async () => {
    expect(reasonOf(await verify(await sign(), demoKey, { production: true }))).toBe('UNKNOWN_ISSUER');
  });

  it('refuses "alg": "none", a key of the other algorithm, and claims of the wrong shape', async () => {
    const peeked = peekArtefact(await sign()) as PeekedArtefact;
    expect(reasonOf(await verifyArtefact({ ...peeked, alg: 'none' }, demoKey, expect0))).toBe('INVALID_SIGNATURE');
    const ec = await generateKeyPair('ES256', { extractable: true });
    const ecKey: SigningKey = { ...demoKey, alg: 'ES256', jwk: (await exportJWK(ec.publicKey)) as Record<string, unknown> };
    expect(reasonOf(await verify(await sign(), ecKey))).toBe('INVALID_SIGNATURE');
    for (const bad of [{ purposes: [] }, { purposes: ['SELF_ACCESS'] }, { categories: ['astrology'] }, { categories: [] }, { maxUses: 0 }, { lookbackDays: 1.5 }, { exp: undefined }, { aud: [3, 4] }, { jti: '' }]) {
      expect(reasonOf(await verify(await sign(bad))), JSON.stringify(bad)).toBe('INVALID_SIGNATURE');
    }
    const key = await importJWK({ ...demoConsentManager.privateJwk }, 'EdDSA');
    const notJson = await new CompactSign(new TextEncoder().encode('[1,2]')).setProtectedHeader({ alg: 'EdDSA', kid: demoConsentManager.kid }).sign(key);
    expect(reasonOf(await verify(notJson))).toBe('INVALID_SIGNATURE');
  });

  it('refuses a read reaching before the lookback as not covered, and a suspended or retired issuer as unknown', async () => {
    const token = await sign({ lookbackDays: 30 });
    expect(reasonOf(await verify(token, demoKey, { asOf: new Date(Date.now() - 60 * 86_400_000) }))).toBe('PURPOSE_NOT_COVERED');
    expect(reasonOf(await verify(token, demoKey, { asOf: new Date(Date.now() - 10 * 86_400_000) }))).toBe('OK');
    expect(reasonOf(await verify(token, { ...demoKey, suspended: true }))).toBe('UNKNOWN_ISSUER');
    expect(reasonOf(await verify(token, { ...demoKey, retired: true }))).toBe('UNKNOWN_ISSUER');
    expect(reasonOf(await verifyArtefact(peekArtefact(token) as PeekedArtefact, undefined, expect0))).toBe('UNKNOWN_ISSUER');
  });
});
