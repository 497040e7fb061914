import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/generator.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const PROFILE = /* GraphQL */ `
  query Profile($id: String!, $asOf: DateTime) {
    person(nationalId: $id, purpose: CREDIT_APPLICATION, asOf: $asOf, caseReference: "LOAN-1") {
      id
      nationalId
      identity { name birthYear birthDate address phone verification provenance { source { code kind } sourceRecordId receivedAt recordedAt supersededAt } }
      driverLicences { licenceNumber status penaltyPoints }
      ownsProperty
      propertySummary { count totalValueFen }
      properties { certificateNumber valueFen ownerNationalId ownerName status }
      vehicles { plateNumber valueFen }
      education { institution level issuerConfirmed verification }
      employment { employer occupation referees { name phone } }
      creditAccounts { lender accountKind limitFen balanceFen status repaymentHistory { month daysPastDue } }
      transactions(first: 5) { edges { cursor node { occurredAt amountFen direction } } pageInfo { hasNextPage endCursor } }
      transactionSummaries { month transactionCount inflowFen outflowFen }
      courtRecords { caseNumber status isJudgment judgmentDebtor }
      judgmentDebtor
    }
  }
`;

describe('the unified profile', () => {
  it('returns every record kind with provenance for a seeded person', async () => {
    const res = await t.gql(PROFILE, { id: demoPeople.ordinary.nationalId });
    expect(res.body.errors).toBeUndefined();
    const p = res.body.data.person;
    expect(p.nationalId).toBe(demoPeople.ordinary.nationalId);
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(p.identity.name).toBe(demoPeople.ordinary.name);
    expect(p.identity.provenance.source).toEqual({ code: 'identity-registry', kind: 'IDENTITY_REGISTRY' });
    expect(p.identity.verification).toBe('VERIFIED');
    expect(p.identity.provenance.supersededAt).toBeNull();
    expect(p.driverLicences.length).toBeGreaterThan(0);
    expect(p.properties.length).toBeGreaterThan(0);
    expect(p.ownsProperty).toBe(true);
    expect(p.propertySummary.count).toBe(p.properties.filter((c: any) => c.status !== 'TRANSFERRED').length);
    expect(Number.isInteger(p.propertySummary.totalValueFen)).toBe(true);
    expect(p.vehicles.length).toBeGreaterThan(0);
    expect(p.education.length).toBeGreaterThan(0);
    expect(p.employment[0].referees.length).toBeGreaterThan(0);
    expect(p.creditAccounts.length).toBeGreaterThan(0);
    expect(p.transactions.edges).toHaveLength(5);
    expect(p.transactionSummaries.length).toBeGreaterThan(0);
    expect(p.courtRecords).toEqual([]);
    expect(p.judgmentDebtor).toBe(false);
  });

  it('pages through transactions with cursors, newest first, without repeats', async () => {
    const Q = `query($id: String!, $after: String) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") {
      transactions(first: 7, after: $after) { edges { cursor node { id occurredAt } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }`;
    const seen: string[] = [];
    const times: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res: any = await t.gql(Q, { id: demoPeople.ordinary.nationalId, after });
      const conn = res.body.data.person.transactions;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      times.push(...conn.edges.map((e: any) => e.node.occurredAt));
      if (i > 0) expect(conn.pageInfo.hasPreviousPage).toBe(true);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    const all = await t.gql(`query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { transactionSummaries { transactionCount } } }`, { id: demoPeople.ordinary.nationalId });
    const total = all.body.data.person.transactionSummaries.reduce((s: number, m: any) => s + m.transactionCount, 0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters transactions by date range', async () => {
    const Q = `query($id: String!, $from: DateTime, $to: DateTime) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") {
      transactions(first: 100, from: $from, to: $to) { edges { node { occurredAt } } } } }`;
    const all = (await t.gql(Q, { id: demoPeople.ordinary.nationalId })).body.data.person.transactions.edges;
    const mid = all[Math.floor(all.length / 2)].node.occurredAt;
    const older = (await t.gql(Q, { id: demoPeople.ordinary.nationalId, to: mid })).body.data.person.transactions.edges;
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((e: any) => e.node.occurredAt < mid)).toBe(true);
    const newer = (await t.gql(Q, { id: demoPeople.ordinary.nationalId, from: mid })).body.data.person.transactions.edges;
    expect(older.length + newer.length).toBe(all.length);
  });

  it('rejects a bad cursor and an oversized page with BAD_USER_INPUT', async () => {
    const Q = `query($id: String!, $after: String, $first: Int!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { transactions(first: $first, after: $after) { edges { cursor } } } }`;
    const bad = await t.gql(Q, { id: demoPeople.ordinary.nationalId, after: 'not-a-cursor', first: 5 });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const big = await t.gql(Q, { id: demoPeople.ordinary.nationalId, first: 5000 });
    expect(big.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('rejects a malformed national ID number with BAD_USER_INPUT naming the problem', async () => {
    const res = await t.gql(`{ person(nationalId: "110105194912310021", purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { id } }`);
    expect(res.body.data?.person ?? null).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/check digit/);
    const short = await t.gql(`{ person(nationalId: "1101", purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { id } }`);
    expect(short.body.errors[0].message).toMatch(/18 characters/);
  });

  it('answers an unknown but valid national ID number with NOT_FOUND', async () => {
    const res = await t.gql(`{ person(nationalId: "11010519491231002X", purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { id } }`);
    expect(res.body.errors[0].extensions.code).toMatch(/NOT_FOUND|CONSENT_REQUIRED/);
    expect(res.body.data.person).toBeNull();
  });

  it('keeps a pending lawsuit apart from a judgment and a judgment apart from a judgment debtor', async () => {
    const Q = `query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { judgmentDebtor courtRecords { status isJudgment judgmentDebtor role } } }`;
    const sued = (await t.gql(Q, { id: demoPeople.suedNotJudged.nationalId })).body.data.person;
    expect(sued.courtRecords.some((c: any) => c.status === 'PENDING' && c.role === 'DEFENDANT')).toBe(true);
    expect(sued.courtRecords.every((c: any) => !c.isJudgment)).toBe(true);
    expect(sued.judgmentDebtor).toBe(false);
    const debtor = (await t.gql(Q, { id: demoPeople.judgmentDebtor.nationalId })).body.data.person;
    expect(debtor.judgmentDebtor).toBe(true);
    expect(debtor.courtRecords.some((c: any) => c.status === 'JUDGMENT' && c.judgmentDebtor)).toBe(true);
    // A satisfied judgment is a judgment but no longer a failure to perform.
    const satisfied = debtor.courtRecords.filter((c: any) => c.status === 'SATISFIED');
    expect(satisfied.every((c: any) => c.isJudgment && !c.judgmentDebtor)).toBe(true);
    const dismissed = debtor.courtRecords.filter((c: any) => c.status === 'DISMISSED');
    expect(dismissed.every((c: any) => !c.isJudgment)).toBe(true);
  });

  it('requires an API key and rejects a wrong one with UNAUTHENTICATED', async () => {
    const none = await t.gql(`{ __typename }`, {}, null);
    expect(none.status).toBe(401);
    expect(none.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await t.gql(`{ __typename }`, {}, 'demo-not-a-key');
    expect(wrong.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
