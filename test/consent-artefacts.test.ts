import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { count, desc, eq, inArray } from 'drizzle-orm';
import { exportJWK, generateKeyPair } from 'jose';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { demoConsentManager } from '../src/seed/demo-consent-manager.js';
import { accessLog, consentArtefacts, consentManagerKeys, consentManagers, consents, organisations, persons, principals } from '../src/server/tables.js';
import { oversightEvents } from '../src/audit/oversight.tables.js';
import { verifyAccessLog } from '../src/audit/verify.service.js';
import { artefactPayload, signArtefact, type ArtefactPayload } from '../src/access/consent-artefacts/artefact.sign.js';
import { checkCharacter } from '../src/records/identity/national-id.js';

let t: TestServer;
const db = () => t.testDb.database.db;

/** A valid national ID number for a person the seed never made. */
const nationalIdFor = (sequence: number) => {
  const first17 = `110105198506${String(10 + (sequence % 18)).padStart(2, '0')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};

const fresh = nationalIdFor(701);
const fresh2 = nationalIdFor(702);
const unknown = nationalIdFor(703);
const CASE = 'APP-2026-0001';

let fullOrg: number;
let coarseOrg: number;
let partnerOrg: number;
let demoIssuer: number;

type Claims = Partial<ArtefactPayload> & { days?: number };

/** An artefact signed with the demo consent manager's key (or another), for `sub` giving `aud` CREDIT_APPLICATION. */
async function artefact(over: Claims = {}, key: { jwk: Record<string, unknown>; kid: string; alg: 'EdDSA' | 'ES256' } = demoKey()) {
  const payload = { ...artefactPayload({ iss: String(demoIssuer), sub: fresh, aud: fullOrg, purposes: ['CREDIT_APPLICATION'], days: over.days }), ...over };
  delete (payload as { days?: number }).days;
  return { jti: payload.jti, token: await signArtefact(key.jwk, { kid: key.kid, alg: key.alg }, payload) };
}
const demoKey = () => ({ jwk: { ...demoConsentManager.privateJwk } as Record<string, unknown>, kid: demoConsentManager.kid, alg: demoConsentManager.alg });

const READ = `query($id: String!, $purpose: Purpose!, $consent: String) {
  person(nationalId: $id, purpose: $purpose, caseReference: "${CASE}", consent: $consent) { id nationalId identity { name } }
}`;
const read = (nationalId: string, consent: string | null, key = 'demo-scorer-full', purpose = 'CREDIT_APPLICATION') =>
  t.gql(READ, { id: nationalId, purpose, consent }, key);
const refusal = (body: any) => (body.errors ?? []).map((e: any) => ({ code: e.extensions?.code, reason: e.extensions?.reason ?? null }));

async function ingestIdentity(nationalId: string, name: string) {
  const res = await fetch(`${t.url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer demo-furnisher-identity-registry' },
    body: JSON.stringify({
      kind: 'identity',
      sourceRecordId: `ID-${nationalId}`,
      nationalId,
      content: { nationalId, name, birthDate: `1985-06-${nationalId.slice(12, 14)}`, gender: 'M', phone: '13800000000', address: '北京市朝阳区建国路1号' },
    }) + '\n',
  });
  expect(res.status).toBe(200);
}

const storedArtefact = async (jti: string) => (await db().select().from(consentArtefacts).where(eq(consentArtefacts.jti, jti)))[0];

beforeAll(async () => {
  t = await startTestServer({ people: 12, transparency: { checkpointSeconds: 0, checkpointEvery: 1_000_000 } });
  const orgOf = async (key: string) => (await t.gql('{ me { organisationId } }', {}, key)).body.data.me.organisationId as number;
  fullOrg = await orgOf('demo-scorer-full');
  coarseOrg = await orgOf('demo-scorer-coarse');
  partnerOrg = await orgOf('demo-partner');
  demoIssuer = await orgOf(demoConsentManager.apiKey);
  await ingestIdentity(fresh, '钱小红');
  await ingestIdentity(fresh2, '孙大伟');
});
afterAll(async () => {
  await t?.close();
});

describe('a person furnished fresh, with no subject principal and no API consent', () => {
  it('is read for CREDIT_APPLICATION with a valid artefact; the log entry names it and its use is counted', async () => {
    const [person] = await db().select({ id: persons.id }).from(persons).where(eq(persons.nationalId, fresh));
    expect(await db().select().from(principals).where(eq(principals.personId, person!.id))).toEqual([]);
    expect(await db().select().from(consents).where(eq(consents.personId, person!.id))).toEqual([]);

    expect(refusal((await read(fresh, null)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: null }]);
    const { jti, token } = await artefact();
    const ok = await read(fresh, token);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.person).toMatchObject({ nationalId: fresh, identity: { name: '钱小红' } });

    const entries = await db().select().from(accessLog).where(eq(accessLog.consentArtefact, jti));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'DISCLOSED', subjectId: person!.id, consentId: null, organisationId: fullOrg });
    expect(await storedArtefact(jti)).toMatchObject({ personId: person!.id, granteeOrganisationId: fullOrg, issuerOrganisationId: demoIssuer, useCount: 1, purposes: ['CREDIT_APPLICATION'] });

    // A second read: the same record (idempotent by jti), one more use.
    await read(fresh, token);
    expect(await db().select({ n: count() }).from(consentArtefacts).where(eq(consentArtefacts.jti, jti))).toEqual([{ n: 1 }]);
    expect((await storedArtefact(jti))!.useCount).toBe(2);
    expect(await verifyAccessLog(db(), null, null)).toMatchObject({ valid: true });
  });

  it('is read for ACCOUNT_REVIEW once an artefact made a relationship, and not by another organisation', async () => {
    expect(refusal((await read(fresh, null, 'demo-scorer-full', 'ACCOUNT_REVIEW')).body)).toEqual([]);
    expect(refusal((await read(fresh2, null, 'demo-scorer-full', 'ACCOUNT_REVIEW')).body)).toEqual([{ code: 'NOT_FOUND', reason: null }]);
    expect(refusal((await read(fresh, null, 'demo-scorer-coarse', 'ACCOUNT_REVIEW')).body)).toEqual([{ code: 'NOT_FOUND', reason: null }]);
  });

  it('is narrowed to the categories the artefact covers', async () => {
    const { token } = await artefact({ categories: ['property'] });
    const res = await read(fresh, token);
    expect(res.body.data.person.nationalId).toBeNull();
    expect(res.body.errors.map((e: any) => e.extensions.reason)).toContain('NOT_GRANTED');
  });
});

describe('every refusal reason, the same for an unknown person', () => {
  const cases: [string, (sub: string) => Promise<string>][] = [
    ['INVALID_SIGNATURE', async (sub) => {
      const { token } = await artefact({ sub });
      const [h, p] = token.split('.');
      const forged = (await artefact({ sub, maxUses: 1_000_000 })).token.split('.')[2];
      return `${h}.${p}.${forged}`;
    }],
    ['INVALID_SIGNATURE', async () => 'not-a-jws'],
    ['UNKNOWN_ISSUER', async (sub) => (await artefact({ sub }, { ...demoKey(), kid: 'no-such-key' })).token],
    ['UNKNOWN_ISSUER', async (sub) => (await artefact({ sub, iss: '999999' })).token],
    ['EXPIRED', async (sub) => (await artefact({ sub, nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })).token],
    ['NOT_YET_VALID', async (sub) => (await artefact({ sub, nbf: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 7200 })).token],
    ['WRONG_GRANTEE', async (sub) => (await artefact({ sub, aud: coarseOrg })).token],
    ['WRONG_SUBJECT', async () => (await artefact({ sub: demoPeople.ordinary.nationalId })).token],
    ['PURPOSE_NOT_COVERED', async (sub) => (await artefact({ sub, purposes: ['TENANCY'] })).token],
  ];
  for (const [reason, make] of cases) {
    it(`${reason}: CONSENT_REQUIRED with the reason, nothing recorded, logged as refused`, async () => {
      const token = await make(fresh);
      const before = await db().select({ n: count() }).from(consentArtefacts);
      const known = await read(fresh, token);
      expect(known.body.data?.person ?? null).toBeNull();
      expect(refusal(known.body)).toEqual([{ code: 'CONSENT_REQUIRED', reason }]);
      const other = await read(unknown, await make(unknown));
      expect(refusal(other.body)).toEqual(refusal(known.body));
      expect(await db().select({ n: count() }).from(consentArtefacts)).toEqual(before);
      const [person] = await db().select({ id: persons.id }).from(persons).where(eq(persons.nationalId, fresh));
      const [last] = await db().select().from(accessLog).where(eq(accessLog.subjectId, person!.id)).orderBy(desc(accessLog.seq)).limit(1);
      expect(last).toMatchObject({ outcome: 'REFUSED', reason: 'CONSENT_REQUIRED', consentArtefact: null, disclosed: [] });
    });
  }

  it('USES_EXHAUSTED once maxUses reads were served', async () => {
    const { jti, token } = await artefact({ maxUses: 1 });
    expect((await read(fresh, token)).body.errors).toBeUndefined();
    expect(refusal((await read(fresh, token)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'USES_EXHAUSTED' }]);
    expect((await storedArtefact(jti))!.useCount).toBe(1);
  });

  it('USES_EXHAUSTED under concurrent reads: the uses are counted with the log entries, never beyond maxUses', async () => {
    const { jti, token } = await artefact({ maxUses: 3 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => read(fresh, token)));
    const served = answers.filter((a) => a.body.data?.person?.identity?.name === '钱小红');
    expect(served).toHaveLength(3);
    for (const a of answers.filter((x) => !served.includes(x))) {
      expect(refusal(a.body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'USES_EXHAUSTED' }]);
    }
    expect((await storedArtefact(jti))!.useCount).toBe(3);
    const logged = await db().select().from(accessLog).where(eq(accessLog.consentArtefact, jti));
    expect(logged.filter((e) => e.outcome === 'DISCLOSED')).toHaveLength(3);
  });

  it('REVOKED by its consent manager, also before its first use; another manager cannot revoke it', async () => {
    const REVOKE = 'mutation($id: ID!) { revokeConsentArtefact(id: $id) { id revokedAt useCount } }';
    const used = await artefact();
    expect((await read(fresh, used.token)).body.errors).toBeUndefined();
    const revoked = await t.gql(REVOKE, { id: used.jti }, demoConsentManager.apiKey);
    expect(revoked.body.data.revokeConsentArtefact).toMatchObject({ id: used.jti, useCount: 1 });
    expect(refusal((await read(fresh, used.token)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'REVOKED' }]);
    // Revoking again answers the same record and records no second event.
    await t.gql(REVOKE, { id: used.jti }, demoConsentManager.apiKey);
    const events = await db().select().from(oversightEvents).where(eq(oversightEvents.targetId, used.jti));
    expect(events.map((e) => e.action)).toEqual(['CONSENT_ARTEFACT_REVOKED']);

    const unused = await artefact({ sub: unknown });
    await t.gql(REVOKE, { id: unused.jti }, demoConsentManager.apiKey);
    expect(refusal((await read(unknown, unused.token)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'REVOKED' }]);

    // Not a consent manager's or subject's to revoke.
    expect(refusal((await t.gql(REVOKE, { id: used.jti }, 'demo-scorer-full')).body)[0].code).toBe('FORBIDDEN');
  });
});

describe('consent managers', () => {
  it('are registered with Ed25519 and P-256 keys by the regulator; keys are added, retired, and the manager suspended, each an oversight event', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    const ed = await generateKeyPair('EdDSA', { extractable: true });
    const ecPublic = { ...(await exportJWK(ec.publicKey)), kid: 'ec-1' };
    const edPublic = { ...(await exportJWK(ed.publicKey)), kid: 'ed-1' };
    const REGISTER = 'mutation($name: String!, $keys: [JSONObject!]!) { registerConsentManager(name: $name, publicKeys: $keys) { id name suspendedAt keys { kid alg retiredAt } } }';
    const registered = await t.gql(REGISTER, { name: 'Hengxin Consent Services', keys: [ecPublic] }, 'demo-regulator');
    expect(registered.body.errors).toBeUndefined();
    const cm = registered.body.data.registerConsentManager;
    expect(cm.keys).toEqual([{ kid: 'ec-1', alg: 'ES256', retiredAt: null }]);
    const issuer = Number(cm.id);
    const ecKey = { jwk: await exportJWK(ec.privateKey), kid: 'ec-1', alg: 'ES256' as const };
    const edKey = { jwk: await exportJWK(ed.privateKey), kid: 'ed-1', alg: 'EdDSA' as const };

    const es256 = await artefact({ iss: issuer, sub: fresh2 }, ecKey);
    expect((await read(fresh2, es256.token)).body.errors).toBeUndefined();

    const added = await t.gql('mutation($id: ID!, $key: JSONObject!) { addConsentManagerKey(consentManagerId: $id, publicKey: $key) { keys { kid alg } } }', { id: cm.id, key: edPublic }, 'demo-regulator');
    expect(added.body.data.addConsentManagerKey.keys).toEqual([{ kid: 'ec-1', alg: 'ES256' }, { kid: 'ed-1', alg: 'EdDSA' }]);
    const eddsa = await artefact({ iss: issuer, sub: fresh2 }, edKey);
    expect((await read(fresh2, eddsa.token)).body.errors).toBeUndefined();

    await t.gql('mutation($id: ID!) { retireConsentManagerKey(consentManagerId: $id, kid: "ec-1") { id } }', { id: cm.id }, 'demo-regulator');
    expect(refusal((await read(fresh2, es256.token)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'UNKNOWN_ISSUER' }]);
    expect((await read(fresh2, eddsa.token)).body.errors).toBeUndefined();

    await t.gql('mutation($id: ID!) { suspendConsentManager(consentManagerId: $id, reason: "audit finding") { suspendedAt } }', { id: cm.id }, 'demo-regulator');
    expect(refusal((await read(fresh2, eddsa.token)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'UNKNOWN_ISSUER' }]);

    const events = await db().select().from(oversightEvents).where(eq(oversightEvents.targetKind, 'CONSENT_MANAGER'));
    expect(events.filter((e) => e.targetId === String(issuer)).map((e) => e.action)).toEqual([
      'CONSENT_MANAGER_REGISTERED',
      'CONSENT_MANAGER_KEY_ADDED',
      'CONSENT_MANAGER_KEY_RETIRED',
      'CONSENT_MANAGER_SUSPENDED',
    ]);
  });

  it('refuses bad keys and non-regulators with clear errors, storing nothing', async () => {
    const ed = await generateKeyPair('EdDSA', { extractable: true });
    const REGISTER = 'mutation($name: String!, $keys: [JSONObject!]!) { registerConsentManager(name: $name, publicKeys: $keys) { id } }';
    const before = { orgs: await db().select({ n: count() }).from(organisations), keys: await db().select({ n: count() }).from(consentManagerKeys) };
    const bad: [unknown[], string][] = [
      [[await exportJWK(ed.privateKey)], 'BAD_USER_INPUT'],
      [[{ kty: 'RSA', n: 'abc', e: 'AQAB' }], 'BAD_USER_INPUT'],
      [[{ kty: 'OKP', crv: 'Ed25519', x: 'too-short' }], 'BAD_USER_INPUT'],
      [[], 'BAD_USER_INPUT'],
    ];
    for (const [keys, code] of bad) {
      const res = await t.gql(REGISTER, { name: 'Bad Keys Ltd', keys }, 'demo-regulator');
      expect(refusal(res.body)[0].code).toBe(code);
    }
    const taken = await t.gql(REGISTER, { name: demoConsentManager.name, keys: [await exportJWK(ed.publicKey)] }, 'demo-regulator');
    expect(refusal(taken.body)[0].code).toBe('BAD_USER_INPUT');
    const notRegulator = await t.gql(REGISTER, { name: 'Sneaky', keys: [await exportJWK(ed.publicKey)] }, 'demo-scorer-full');
    expect(refusal(notRegulator.body)[0].code).toBe('FORBIDDEN');
    expect({ orgs: await db().select({ n: count() }).from(organisations), keys: await db().select({ n: count() }).from(consentManagerKeys) }).toEqual(before);
  });

  it('the demo consent manager is flagged as demo', async () => {
    expect(await db().select({ isDemo: consentManagers.isDemo }).from(consentManagers).where(eq(consentManagers.organisationId, demoIssuer))).toEqual([{ isDemo: true }]);
  });
});

describe('persons and _entities with artefacts', () => {
  it('answers each person of a mixed batch right: valid, API consent, expired, wrong subject, unknown', async () => {
    const valid = await artefact({ sub: fresh2 });
    const expired = await artefact({ sub: fresh, nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 });
    const wrongSubject = await artefact({ sub: fresh });
    const forUnknown = await artefact({ sub: unknown });
    const ids = [fresh2, demoPeople.ordinary.nationalId, fresh, demoPeople.suedNotJudged.nationalId, unknown];
    const res = await t.gql(
      `query($ids: [String!]!, $consent: [String]) { persons(nationalIds: $ids, purpose: CREDIT_APPLICATION, caseReference: "${CASE}", consent: $consent) { nationalId } }`,
      { ids, consent: [valid.token, null, expired.token, wrongSubject.token, forUnknown.token] },
    );
    expect(res.body.data.persons).toEqual([{ nationalId: fresh2 }, { nationalId: demoPeople.ordinary.nationalId }, null, null, null]);
    const at = (i: number) => res.body.errors.find((e: any) => e.path.join('.') === `persons.${i}`);
    expect(at(2).extensions).toMatchObject({ code: 'CONSENT_REQUIRED', reason: 'EXPIRED' });
    expect(at(3).extensions).toMatchObject({ code: 'CONSENT_REQUIRED', reason: 'WRONG_SUBJECT' });
    expect(at(4).extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await storedArtefact(valid.jti))!.useCount).toBe(1);
    expect(await storedArtefact(forUnknown.jti)).toBeUndefined();

    const misaligned = await t.gql(`query { persons(nationalIds: ["${fresh}", "${fresh2}"], purpose: CREDIT_APPLICATION, caseReference: "x", consent: ["a"]) { id } }`);
    expect(refusal(misaligned.body)[0]).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('reads entities with artefacts in the x-exchange-consent header, matched by subject', async () => {
    const ids = await db().select({ id: persons.id, nationalId: persons.nationalId }).from(persons).where(inArray(persons.nationalId, [fresh, fresh2]));
    const idOf = new Map(ids.map((r) => [r.nationalId, r.id]));
    const forFresh = await artefact({ sub: fresh, aud: partnerOrg, purposes: ['TENANCY'] });
    const expiredFresh2 = await artefact({ sub: fresh2, aud: partnerOrg, purposes: ['TENANCY'], nbf: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 });
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id identity { name } } } }';
    const representations = [fresh, fresh2].map((n) => ({ __typename: 'Person', id: idOf.get(n) }));
    const headers = { 'x-exchange-purpose': 'TENANCY', 'x-exchange-case-reference': 'LEASE-1' };
    const withArtefacts = await t.gql(ENTITIES, { r: representations }, 'demo-partner', { ...headers, 'x-exchange-consent': `${forFresh.token}, ${expiredFresh2.token}` });
    expect(withArtefacts.body.data._entities[0]).toMatchObject({ identity: { name: '钱小红' } });
    expect(withArtefacts.body.data._entities[1]).toBeNull();
    expect(withArtefacts.body.errors.find((e: any) => e.path.join('.') === '_entities.1').extensions).toMatchObject({ code: 'CONSENT_REQUIRED', reason: 'EXPIRED' });
    const [entry] = await db().select().from(accessLog).where(eq(accessLog.consentArtefact, forFresh.jti));
    expect(entry).toMatchObject({ outcome: 'DISCLOSED', reachedBy: 'PERSON_ID' });

    const without = await t.gql(ENTITIES, { r: representations }, 'demo-partner', headers);
    expect(without.body.errors.map((e: any) => e.extensions.code)).toEqual(['CONSENT_REQUIRED', 'CONSENT_REQUIRED']);
  });
});

describe('subject enrolment', () => {
  const ENROL = 'mutation($id: String!) { enrolSubject(nationalId: $id) { principalId personId reenrolled apiKey { key } } }';

  it('the identity registry enrols a person; the subject sees both kinds of consent with uses, who read with which artefact, and revokes an artefact', async () => {
    const enrolled = await t.gql(ENROL, { id: fresh }, 'demo-furnisher-identity-registry');
    expect(enrolled.body.errors).toBeUndefined();
    const key = enrolled.body.data.enrolSubject.apiKey.key as string;
    expect(enrolled.body.data.enrolSubject.reenrolled).toBe(false);

    const own = await artefact({ maxUses: 10 });
    expect((await read(fresh, own.token)).body.errors).toBeUndefined();
    const mine = await t.gql('{ me { kind person { nationalId } consents(first: 100) { edges { node { id kind consentManagerName organisationName useCount maxUses active } } } accessHistory(first: 100) { edges { node { organisationName consentArtefact outcome } } } } }', {}, key);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data.me.person.nationalId).toBe(fresh);
    const listed = mine.body.data.me.consents.edges.map((e: any) => e.node);
    expect(listed.find((c: any) => c.id === own.jti)).toMatchObject({ kind: 'ARTEFACT', consentManagerName: demoConsentManager.name, useCount: 1, maxUses: 10, active: true });
    expect(listed.every((c: any) => c.kind === 'ARTEFACT')).toBe(true);
    const history = mine.body.data.me.accessHistory.edges.map((e: any) => e.node);
    expect(history).toContainEqual({ organisationName: expect.any(String), consentArtefact: own.jti, outcome: 'DISCLOSED' });

    // The subject grants an API consent too: both kinds listed, paged across the boundary.
    const granted = await t.gql(`mutation { grantConsent(input: { organisationId: ${coarseOrg}, purposes: [CREDIT_APPLICATION], expiresAt: "${new Date(Date.now() + 86_400_000).toISOString()}" }) { id kind } }`, {}, key);
    expect(granted.body.data.grantConsent.kind).toBe('API');
    const pages: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql('query($after: String) { me { consents(first: 2, after: $after) { edges { node { id kind } } pageInfo { hasNextPage endCursor } } } }', { after }, key);
      pages.push(...page.body.data.me.consents.edges.map((e: any) => e.node));
      if (!page.body.data.me.consents.pageInfo.hasNextPage) break;
      after = page.body.data.me.consents.pageInfo.endCursor;
    }
    expect(pages.map((n) => n.id)).toEqual([granted.body.data.grantConsent.id, ...listed.map((c: any) => c.id)]);

    const revoked = await t.gql('mutation($id: ID!) { revokeConsentArtefact(id: $id) { id revokedAt } }', { id: own.jti }, key);
    expect(revoked.body.data.revokeConsentArtefact.revokedAt).not.toBeNull();
    expect(refusal((await read(fresh, own.token)).body)).toEqual([{ code: 'CONSENT_REQUIRED', reason: 'REVOKED' }]);
    // Another subject's artefact is not theirs to revoke.
    const others = await artefact({ sub: fresh2 });
    await read(fresh2, others.token);
    expect(refusal((await t.gql('mutation($id: ID!) { revokeConsentArtefact(id: $id) { id } }', { id: others.jti }, key)).body)[0].code).toBe('NOT_FOUND');
    expect((await storedArtefact(others.jti))!.revokedAt).toBeNull();
  });

  it('the regulator re-enrols (the old key stops working); others and bad input are refused, nothing stored', async () => {
    const first = await t.gql(ENROL, { id: fresh2 }, 'demo-regulator');
    const again = await t.gql(ENROL, { id: fresh2 }, 'demo-regulator');
    expect(again.body.data.enrolSubject).toMatchObject({ principalId: first.body.data.enrolSubject.principalId, reenrolled: true });
    expect((await t.gql('{ me { kind } }', {}, first.body.data.enrolSubject.apiKey.key)).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await t.gql('{ me { kind } }', {}, again.body.data.enrolSubject.apiKey.key)).body.data.me.kind).toBe('SUBJECT');

    const before = await db().select({ n: count() }).from(principals);
    expect(refusal((await t.gql(ENROL, { id: unknown }, 'demo-regulator')).body)[0].code).toBe('NOT_FOUND');
    expect(refusal((await t.gql(ENROL, { id: '11010519850612001' }, 'demo-regulator')).body)[0].code).toBe('BAD_USER_INPUT');
    expect(refusal((await t.gql(ENROL, { id: fresh }, 'demo-furnisher-court-system')).body)[0].code).toBe('FORBIDDEN');
    expect(refusal((await t.gql(ENROL, { id: fresh }, 'demo-scorer-full')).body)[0].code).toBe('FORBIDDEN');
    expect(await db().select({ n: count() }).from(principals)).toEqual(before);
    const events = await db().select().from(oversightEvents).where(eq(oversightEvents.targetId, String(first.body.data.enrolSubject.principalId)));
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['SUBJECT_ENROLLED', 'SUBJECT_REENROLLED']));
  });
});

describe('npm run consent (the demo consent manager)', () => {
  it('prints an artefact signed with the demo key, asking the running server for the issuer, that reads a person with no subject principal', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/seed/consent.cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const printed = await run(['--subject', fresh2, '--grantee', String(fullOrg), '--purpose', 'CREDIT_APPLICATION', '--max-uses', '2', '--server', t.url]);
    expect(printed.code, printed.stderr).toBe(0);
    const token = printed.stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const res = await read(fresh2, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.person.identity.name).toBe('孙大伟');

    const bad = await run(['--subject', fresh2, '--grantee', 'x', '--purpose', 'CREDIT_APPLICATION', '--issuer', '1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--grantee must be a positive integer/);
  });
});
