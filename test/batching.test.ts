import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { persons } from '../src/server/tables.js';

let t: TestServer;
let ids: string[];
beforeAll(async () => {
  // No timed checkpoint signing: its statements would land inside the counted requests.
  t = await startTestServer({ people: 60, transparency: { checkpointSeconds: 0, checkpointEvery: 1_000_000 } });
  ids = (await t.testDb.database.db.select({ nationalId: persons.nationalId }).from(persons)).map((r) => r.nationalId);
});
afterAll(async () => {
  await t?.close();
});

/** Every nested list, with provenance and history, so a per-person loop would show. */
const FIELDS = `
  id nationalId judgmentDebtor ownsProperty ownsVehicle
  identity { name birthYear provenance { source { code } } history { address } }
  identityRecords { name provenance { source { kind } } }
  driverLicences { licenceNumber provenance { sourceRecordId } }
  propertySummary { count totalValueFen } properties { certificateNumber history { status } }
  vehicleSummary { count } vehicles { plateNumber }
  education { institution provenance { source { code } } }
  employment { employer referees { name } }
  creditAccounts { lender balanceFen history { balanceFen } }
  transactions(first: 5) { edges { node { amountFen provenance { source { code } } } } pageInfo { hasNextPage } }
  transactionSummaries { month inflowFen }
  courtRecords { status isJudgment history { status } }
`;

/** The statements a request issues, by the table they read first (for a readable diff). */
async function statementsOf(query: string, variables: Record<string, unknown>) {
  const seen: string[] = [];
  t.testDb.database.traceStatements((q) => seen.push(/from "(\w+)"/.exec(q)?.[1] ?? q.slice(0, 30)));
  const res = await t.gql(query, variables);
  t.testDb.database.traceStatements(null);
  expect(res.body.errors).toBeUndefined();
  return seen.sort();
}

async function countStatements(query: string, variables: Record<string, unknown>) {
  return (await statementsOf(query, variables)).length;
}

describe('batched loading', () => {
  it('a persons query for 50 people costs the SQL statements of its shape, not of its people', async () => {
    const Q = `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ACCOUNT_REVIEW, caseReference: "REVIEW-1") { ${FIELDS} } }`;
    expect(ids.length).toBeGreaterThanOrEqual(50);
    // A person without court cases needs no court history statement: so the bound for the
    // query's shape is, table by table, the most any single person needs.
    const bound = new Map<string, number>();
    for (const id of ids.slice(0, 50)) {
      const tally = new Map<string, number>();
      for (const table of await statementsOf(Q, { ids: [id] })) tally.set(table, (tally.get(table) ?? 0) + 1);
      for (const [table, n] of tally) bound.set(table, Math.max(bound.get(table) ?? 0, n));
    }
    const fifty = await statementsOf(Q, { ids: ids.slice(0, 50) });
    const expected = [...bound].flatMap(([table, n]) => Array<string>(n).fill(table)).sort();
    expect(fifty).toEqual(expected);
    // One statement per record kind (plus history, sources, summaries), not per person.
    expect(fifty.length).toBeLessThan(35);
  });

  it('a person query costs the same for a person with few records and one with many', async () => {
    const Q = `query($id: String!) { person(nationalId: $id, purpose: ACCOUNT_REVIEW, caseReference: "REVIEW-1") { ${FIELDS} } }`;
    const counts = new Set<number>();
    for (const id of ids.slice(0, 10)) counts.add(await countStatements(Q, { id }));
    // Persons with empty record kinds skip the nested (history, source) statements, so the
    // count may be lower for them, but never above the bound of the query's shape.
    const max = Math.max(...counts);
    const batched = await countStatements(
      `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ACCOUNT_REVIEW, caseReference: "REVIEW-1") { ${FIELDS} } }`,
      { ids: ids.slice(0, 10) },
    );
    expect(batched).toBeLessThanOrEqual(max + 1);
  });
});

/** The benchmark's full profile (bench/profile.bench.ts): no history or statements, which read lazily. */
const PROFILE = `
  id nationalId judgmentDebtor ownsProperty
  identity { name birthDate address phone verification provenance { source { code } recordedAt } }
  driverLicences { licenceNumber status penaltyPoints }
  propertySummary { count totalValueFen }
  properties { certificateNumber valueFen status ownerName }
  vehicles { plateNumber valueFen }
  education { institution level issuerConfirmed }
  employment { employer occupation referees { name phone } }
  creditAccounts { lender accountKind limitFen balanceFen status daysPastDue repaymentHistory { month daysPastDue } }
  transactions(first: 20) { edges { node { occurredAt amountFen direction } } pageInfo { hasNextPage } }
  transactionSummaries { month inflowFen outflowFen }
  courtRecords { caseNumber status judgmentDebtor }
`;

describe('compiled profile reads', () => {
  /** Statements of one request, the access-log append (group commit, shared) apart. */
  async function profileStatements(query: string, variables: Record<string, unknown>) {
    const seen: string[] = [];
    t.testDb.database.traceStatements((q) => seen.push(q));
    const res = await t.gql(query, variables);
    t.testDb.database.traceStatements(null);
    expect(res.body.errors).toBeUndefined();
    const append = seen.filter((q) => /access_log|transparency|log_/i.test(q.slice(0, 200)));
    return { own: seen.filter((q) => !append.includes(q)), append };
  }

  it('reads the full profile of 1 person and of 50 in at most 3 statements plus the log append', async () => {
    const one = await profileStatements(
      `query($id: String!) { person(nationalId: $id, purpose: ACCOUNT_REVIEW, caseReference: "REVIEW-1") { ${PROFILE} } }`,
      { id: ids[0] },
    );
    const fifty = await profileStatements(
      // Twenty transactions each for 50 people is over the query-cost limit: five each.
      `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ACCOUNT_REVIEW, caseReference: "REVIEW-1") { ${PROFILE.replace('first: 20', 'first: 5')} } }`,
      { ids: ids.slice(0, 50) },
    );
    console.log('profile statements, 1 person:', one.own.length, one.own.map((q) => q.slice(0, 60)), 'append:', one.append.length);
    console.log('profile statements, 50 persons:', fifty.own.length, 'append:', fifty.append.length);
    expect(one.own.length).toBeLessThanOrEqual(3);
    expect(fifty.own.length).toBeLessThanOrEqual(3);
    expect(one.append.length).toBeGreaterThan(0);
  });
});
