import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/generator.js';
import { grants, licences, principals } from '../src/server/tables.js';
import { eq } from 'drizzle-orm';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const UNKNOWN = '11010519491231002X';

const PROFILE = `query($id: String!, $purpose: Purpose!, $case: String) {
  person(nationalId: $id, purpose: $purpose, caseReference: $case) {
    id
    identity { name birthYear address phone }
    ownsProperty
    propertySummary { count totalValueFen }
    properties { certificateNumber }
    transactionSummaries { month transactionCount }
    transactions(first: 3) { edges { node { amountFen } } }
    courtRecords { status }
    judgmentDebtor
    creditAccounts { lender }
  }
}`;

const read = (key: string, id: string, purpose = 'CREDIT_APPLICATION', caseRef: string | null = 'APP-2026-0001') =>
  t.gql(PROFILE, { id, purpose, case: caseRef }, key);

/** An error as the caller sees it, without the development-only stack trace. */
const strip = (r: any) =>
  r.body.errors.map((e: any) => {
    const { stacktrace: _s, ...extensions } = e.extensions;
    return { message: e.message, extensions };
  });
const codes = (res: { body: any }) => (res.body.errors ?? []).map((e: any) => e.extensions.code);
const errorAt = (res: { body: any }, path: string) =>
  (res.body.errors ?? []).find((e: any) => (e.path ?? []).join('.') === path);

async function licenceOf(key: string) {
  const me = await t.gql(`{ me { organisationId licence { id status } } }`, {}, key);
  return me.body.data.me;
}

describe('licensed access', () => {
  it('a full licence sees raw facts of every category', async () => {
    const res = await read('demo-scorer-full', demoPeople.ordinary.nationalId);
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data.person;
    expect(p.identity.address).toEqual(expect.any(String));
    expect(p.properties.length).toBeGreaterThan(0);
    expect(p.transactions.edges.length).toBe(3);
    expect(p.propertySummary.count).toBeGreaterThan(0);
  });

  it('a coarse licence gets the flag and the aggregates, and FORBIDDEN at each raw field while the rest still answers', async () => {
    const res = await read('demo-scorer-coarse', demoPeople.ordinary.nationalId);
    const p = res.body.data.person;
    expect(p.ownsProperty).toBe(true);
    expect(p.transactionSummaries.length).toBeGreaterThan(0);
    expect(p.identity.name).toBe(demoPeople.ordinary.name);
    expect(p.identity.birthYear).toBeGreaterThan(1900);
    expect(p.creditAccounts.length).toBeGreaterThan(0);
    for (const path of ['person.propertySummary', 'person.properties', 'person.transactions', 'person.identity.address', 'person.identity.phone']) {
      const err = errorAt(res, path);
      expect(err, path).toBeDefined();
      expect(err.extensions.code).toBe('FORBIDDEN');
      expect(err.extensions.reason).toBe('NOT_GRANTED');
    }
    expect(p.properties).toBeNull();
    expect(p.propertySummary).toBeNull();
    expect(p.transactions).toBeNull();
    expect(p.identity.address).toBeNull();
  });

  it('JUDGMENTS_ONLY keeps lawsuits and dismissed cases out, ALL shows them', async () => {
    const coarse = await read('demo-scorer-coarse', demoPeople.judgmentDebtor.nationalId);
    const statuses = coarse.body.data.person.courtRecords.map((c: any) => c.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s: string) => s === 'JUDGMENT' || s === 'SATISFIED')).toBe(true);
    expect(coarse.body.data.person.judgmentDebtor).toBe(true);
    const full = await read('demo-scorer-full', demoPeople.judgmentDebtor.nationalId);
    expect(full.body.data.person.courtRecords.map((c: any) => c.status)).toContain('DISMISSED');
    const sued = await read('demo-scorer-full', demoPeople.suedNotJudged.nationalId);
    expect(sued.body.data.person.courtRecords.map((c: any) => c.status)).toContain('PENDING');
  });

  it('a purpose the licence does not permit is FORBIDDEN', async () => {
    const res = await read('demo-partner', demoPeople.ordinary.nationalId, 'CREDIT_APPLICATION');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.errors[0].extensions.reason).toBe('PURPOSE_NOT_PERMITTED');
    expect(res.body.data.person).toBeNull();
    const oversight = await read('demo-scorer-full', demoPeople.ordinary.nationalId, 'REGULATORY_OVERSIGHT');
    expect(codes(oversight)).toEqual(['FORBIDDEN']);
  });

  it('a scorer must name the case a read serves', async () => {
    const res = await read('demo-scorer-full', demoPeople.ordinary.nationalId, 'CREDIT_APPLICATION', null);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('without consent a consent purpose is CONSENT_REQUIRED, exactly as for an unknown person', async () => {
    const noConsent = await read('demo-scorer-coarse', demoPeople.suedNotJudged.nationalId);
    const unknown = await read('demo-scorer-coarse', UNKNOWN);
    expect(codes(noConsent)).toEqual(['CONSENT_REQUIRED']);
    expect(strip(noConsent)).toEqual(strip(unknown));
    expect(noConsent.body.data).toEqual(unknown.body.data);
  });

  it('without a relationship, account review answers NOT_FOUND, exactly as for an unknown person', async () => {
    const noRelation = await read('demo-scorer-coarse', demoPeople.suedNotJudged.nationalId, 'ACCOUNT_REVIEW');
    const unknown = await read('demo-scorer-coarse', UNKNOWN, 'ACCOUNT_REVIEW');
    expect(codes(noRelation)).toEqual(['NOT_FOUND']);
    expect(strip(noRelation)).toEqual(strip(unknown));
  });

  it('a suspended licence is LICENCE_INACTIVE for every profile field', async () => {
    const res = await read('demo-scorer-suspended', demoPeople.ordinary.nationalId);
    expect(codes(res)).toEqual(['LICENCE_INACTIVE']);
    expect(res.body.data.person).toBeNull();
    const batch = await t.gql(`{ persons(nationalIds: ["${demoPeople.ordinary.nationalId}"], purpose: CREDIT_APPLICATION, caseReference: "X") { id } }`, {}, 'demo-scorer-suspended');
    expect(codes(batch)).toEqual(['LICENCE_INACTIVE']);
  });

  it('batch reads pass the same gate per person', async () => {
    const res = await t.gql(
      `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: CREDIT_APPLICATION, caseReference: "APP-9") { id ownsProperty properties { certificateNumber } } }`,
      { ids: [demoPeople.ordinary.nationalId, demoPeople.suedNotJudged.nationalId, UNKNOWN] },
      'demo-scorer-coarse',
    );
    const list = res.body.data.persons;
    expect(list[0].ownsProperty).toBe(true);
    expect(list[0].properties).toBeNull();
    expect(list[1]).toBeNull();
    expect(list[2]).toBeNull();
    expect(errorAt(res, 'persons.1').extensions.code).toBe('CONSENT_REQUIRED');
    expect(errorAt(res, 'persons.2').extensions.code).toBe('CONSENT_REQUIRED');
    expect(errorAt(res, 'persons.0.properties').extensions.code).toBe('FORBIDDEN');
  });

  it('a furnisher does not read profiles', async () => {
    const res = await read('demo-furnisher-bank-lender', demoPeople.ordinary.nationalId);
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it('a regulator reads any profile for oversight only', async () => {
    const ok = await read('demo-regulator', demoPeople.suedNotJudged.nationalId, 'REGULATORY_OVERSIGHT', null);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.person.properties).toEqual(expect.any(Array));
    const wrong = await read('demo-regulator', demoPeople.suedNotJudged.nationalId, 'CREDIT_APPLICATION', null);
    expect(codes(wrong)).toEqual(['FORBIDDEN']);
  });
});

describe('subjects', () => {
  const SELF = `{ me { kind person { id nationalId identity { name address history { address provenance { source { code } } } } transactions(first: 2) { edges { node { amountFen } } } courtRecords { status } } } }`;

  it('a subject reads their own full profile through me, with history and provenance', async () => {
    const res = await t.gql(SELF, {}, 'demo-subject');
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data.me.person;
    expect(p.nationalId).toBe(demoPeople.ordinary.nationalId);
    expect(p.identity.history.length).toBeGreaterThan(1);
    expect(p.transactions.edges.length).toBe(2);
  });

  it("a subject cannot reach another person's profile: it looks like an unknown person", async () => {
    const other = await read('demo-subject', demoPeople.judgmentDebtor.nationalId, 'SELF_ACCESS', null);
    const unknown = await read('demo-subject', UNKNOWN, 'SELF_ACCESS', null);
    expect(codes(other)).toEqual(['NOT_FOUND']);
    expect(other.body.errors[0].message).toBe(unknown.body.errors[0].message);
    const own = await read('demo-subject', demoPeople.ordinary.nationalId, 'SELF_ACCESS', null);
    expect(own.body.data.person.properties.length).toBeGreaterThan(0);
  });

  it('a non-subject gets no person under me', async () => {
    const res = await t.gql(`{ me { kind person { id } } }`, {}, 'demo-scorer-full');
    expect(res.body.data.me.person).toBeNull();
    expect(errorAt(res, 'me.person').extensions.code).toBe('FORBIDDEN');
  });
});

describe('consent lifecycle', () => {
  it('grants, counts uses, runs out, and stops answering once revoked', async () => {
    const { organisationId: coarse } = await licenceOf('demo-scorer-coarse');
    const granted = await t.gql(
      `mutation($org: Int!) { grantConsent(input: { organisationId: $org, purposes: [EMPLOYMENT_SCREENING], expiresAt: "2027-06-01T00:00:00Z", maxUses: 2 }) { id active useCount maxUses } }`,
      { org: coarse },
      'demo-subject',
    );
    expect(granted.body.errors).toBeUndefined();
    const consentId = granted.body.data.grantConsent.id;
    expect(granted.body.data.grantConsent).toMatchObject({ active: true, useCount: 0, maxUses: 2 });

    const first = await read('demo-scorer-coarse', demoPeople.ordinary.nationalId, 'EMPLOYMENT_SCREENING');
    expect(first.body.data.person.ownsProperty).toBe(true);
    const mine = await t.gql(`{ me { consents(first: 50) { edges { node { id useCount lastUsedAt } } } } }`, {}, 'demo-subject');
    const used = mine.body.data.me.consents.edges.find((e: any) => e.node.id === consentId).node;
    expect(used.useCount).toBe(1);
    expect(used.lastUsedAt).toEqual(expect.any(String));

    await read('demo-scorer-coarse', demoPeople.ordinary.nationalId, 'EMPLOYMENT_SCREENING');
    const exhausted = await read('demo-scorer-coarse', demoPeople.ordinary.nationalId, 'EMPLOYMENT_SCREENING');
    expect(codes(exhausted)).toEqual(['CONSENT_REQUIRED']);

    const again = await t.gql(
      `mutation($org: Int!) { grantConsent(input: { organisationId: $org, purposes: [EMPLOYMENT_SCREENING], expiresAt: "2027-06-01T00:00:00Z" }) { id } }`,
      { org: coarse },
      'demo-subject',
    );
    const renewed = await read('demo-scorer-coarse', demoPeople.ordinary.nationalId, 'EMPLOYMENT_SCREENING');
    expect(renewed.body.data.person.ownsProperty).toBe(true);
    expect(codes(renewed)).not.toContain('CONSENT_REQUIRED');
    const revoked = await t.gql(`mutation($id: ID!) { revokeConsent(consentId: $id) { active revokedAt } }`, { id: again.body.data.grantConsent.id }, 'demo-subject');
    expect(revoked.body.data.revokeConsent.active).toBe(false);
    expect(codes(await read('demo-scorer-coarse', demoPeople.ordinary.nationalId, 'EMPLOYMENT_SCREENING'))).toEqual(['CONSENT_REQUIRED']);
  });

  it("keeps a read within the consent's lookback: older transactions and an earlier asOf are out of reach", async () => {
    const { organisationId: coarse } = await licenceOf('demo-scorer-coarse');
    await t.gql(
      `mutation($org: Int!) { grantConsent(input: { organisationId: $org, purposes: [DEPOSIT_WAIVER], expiresAt: "2027-06-01T00:00:00Z", lookbackDays: 60 }) { id } }`,
      { org: coarse },
      'demo-subject',
    );
    const Q = `query($asOf: DateTime) { person(nationalId: "${demoPeople.ordinary.nationalId}", purpose: DEPOSIT_WAIVER, caseReference: "DW-1", asOf: $asOf) { transactionSummaries { month } } }`;
    const within = await t.gql(Q, {}, 'demo-scorer-coarse');
    const months = within.body.data.person.transactionSummaries.map((m: any) => m.month);
    const earliest = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 7);
    expect(months.length).toBeGreaterThan(0);
    expect(months.every((m: string) => m >= earliest)).toBe(true);
    const fullMonths = (await read('demo-scorer-full', demoPeople.ordinary.nationalId)).body.data.person.transactionSummaries;
    expect(fullMonths.length).toBeGreaterThan(months.length);
    const tooEarly = await t.gql(Q, { asOf: new Date(Date.now() - 90 * 86_400_000).toISOString() }, 'demo-scorer-coarse');
    expect(codes(tooEarly)).toEqual(['CONSENT_REQUIRED']);
  });

  it('rejects a bad consent with BAD_USER_INPUT and stores nothing', async () => {
    const before = await t.gql(`{ me { consents(first: 100) { edges { node { id } } } } }`, {}, 'demo-subject');
    const bad = await t.gql(
      `mutation { grantConsent(input: { organisationId: 1, purposes: [TENANCY], scope: ["diapers"], expiresAt: "2027-06-01T00:00:00Z" }) { id } }`,
      {},
      'demo-subject',
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const past = await t.gql(`mutation { grantConsent(input: { organisationId: 1, purposes: [TENANCY], expiresAt: "2020-01-01T00:00:00Z" }) { id } }`, {}, 'demo-subject');
    expect(codes(past)).toEqual(['BAD_USER_INPUT']);
    const after = await t.gql(`{ me { consents(first: 100) { edges { node { id } } } } }`, {}, 'demo-subject');
    expect(after.body.data.me.consents.edges).toEqual(before.body.data.me.consents.edges);
  });

  it('only subjects manage consents', async () => {
    const res = await t.gql(`mutation { revokeConsent(consentId: 1) { id } }`, {}, 'demo-scorer-full');
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});

describe('licence management by regulators', () => {
  it('suspending, changing grants and reinstating apply to the very next request', async () => {
    const { licence } = await licenceOf('demo-scorer-coarse');
    const suspend = await t.gql(`mutation($id: ID!) { suspendLicence(licenceId: $id, reason: "audit finding 17") { status state } }`, { id: licence.id }, 'demo-regulator');
    expect(suspend.body.data.suspendLicence).toEqual({ status: 'SUSPENDED', state: 'SUSPENDED' });
    expect(codes(await read('demo-scorer-coarse', demoPeople.ordinary.nationalId))).toEqual(['LICENCE_INACTIVE']);

    const reinstate = await t.gql(`mutation($id: ID!) { reinstateLicence(licenceId: $id, reason: "remediated") { status } }`, { id: licence.id }, 'demo-regulator');
    expect(reinstate.body.data.reinstateLicence.status).toBe('ACTIVE');

    const widened = await t.gql(
      `mutation($id: ID!) { setLicenceGrants(licenceId: $id, grants: [{ category: "property", precision: "SUMMARY" }, { category: "identity", precision: "BASIC" }]) { grants { category precision } } }`,
      { id: licence.id },
      'demo-regulator',
    );
    expect(widened.body.data.setLicenceGrants.grants).toEqual([
      { category: 'identity', precision: 'BASIC' },
      { category: 'property', precision: 'SUMMARY' },
    ]);
    const now = await read('demo-scorer-coarse', demoPeople.ordinary.nationalId);
    expect(now.body.data.person.propertySummary.count).toBeGreaterThan(0);
    expect(errorAt(now, 'person.transactionSummaries').extensions.reason).toBe('NOT_GRANTED');
  });

  it('rejects an unknown grant or an illegal transition with BAD_USER_INPUT and changes nothing', async () => {
    const db = t.testDb.database.db;
    const { licence } = await licenceOf('demo-scorer-full');
    const grantsBefore = await db.select().from(grants).where(eq(grants.licenceId, Number(licence.id)));
    const bad = await t.gql(
      `mutation($id: ID!) { setLicenceGrants(licenceId: $id, grants: [{ category: "property", precision: "FULL" }, { category: "purchases", precision: "RAW" }]) { id } }`,
      { id: licence.id },
      'demo-regulator',
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(await db.select().from(grants).where(eq(grants.licenceId, Number(licence.id)))).toEqual(grantsBefore);
    const reinstateActive = await t.gql(`mutation($id: ID!) { reinstateLicence(licenceId: $id, reason: "x") { id } }`, { id: licence.id }, 'demo-regulator');
    expect(codes(reinstateActive)).toEqual(['BAD_USER_INPUT']);
    const [{ n }] = await db.select({ n: count() }).from(licences);
    const dup = await t.gql(
      `mutation($org: Int!) { issueLicence(input: { organisationId: $org, validFrom: "2026-01-01T00:00:00Z", validTo: "2027-01-01T00:00:00Z", purposes: [TENANCY], grants: [] }) { id } }`,
      { org: (await licenceOf('demo-scorer-full')).organisationId },
      'demo-regulator',
    );
    expect(codes(dup)).toEqual(['BAD_USER_INPUT']);
    expect((await db.select({ n: count() }).from(licences))[0]!.n).toBe(n);
  });

  it('only regulators manage licences', async () => {
    const { licence } = await licenceOf('demo-scorer-full');
    const res = await t.gql(`mutation($id: ID!) { revokeLicence(licenceId: $id, reason: "self") { id } }`, { id: licence.id }, 'demo-scorer-full');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    const list = await t.gql(`{ licences(first: 5) { edges { node { id } } } }`, {}, 'demo-scorer-full');
    expect(codes(list)).toEqual(['FORBIDDEN']);
    expect((await licenceOf('demo-scorer-full')).licence.status).toBe('ACTIVE');
  });

  it('lists licences as a Relay connection and revokes API keys at once', async () => {
    const page1 = await t.gql(`{ licences(first: 2) { edges { cursor node { id organisationName state grants { category } } } pageInfo { hasNextPage endCursor } } }`, {}, 'demo-regulator');
    expect(page1.body.data.licences.edges).toHaveLength(2);
    expect(page1.body.data.licences.pageInfo.hasNextPage).toBe(true);
    const page2 = await t.gql(`query($after: String) { licences(first: 10, after: $after) { edges { node { id } } } }`, { after: page1.body.data.licences.pageInfo.endCursor }, 'demo-regulator');
    const ids1 = page1.body.data.licences.edges.map((e: any) => e.node.id);
    const ids2 = page2.body.data.licences.edges.map((e: any) => e.node.id);
    expect(ids2.some((id: string) => ids1.includes(id))).toBe(false);

    const [scorer] = await t.testDb.database.db.select().from(principals).where(eq(principals.kind, 'SCORER')).limit(1);
    const issued = await t.gql(`mutation($p: Int!) { issueApiKey(principalId: $p, label: "rotation") { id key } }`, { p: scorer!.id }, 'demo-regulator');
    const key = issued.body.data.issueApiKey.key;
    expect((await t.gql(`{ me { kind } }`, {}, key)).body.data.me.kind).toBe('SCORER');
    await t.gql(`mutation($id: ID!) { revokeApiKey(apiKeyId: $id, reason: "rotated") { revokedAt } }`, { id: issued.body.data.issueApiKey.id }, 'demo-regulator');
    const after = await t.gql(`{ me { kind } }`, {}, key);
    expect(codes(after)).toEqual(['UNAUTHENTICATED']);
  });
});
