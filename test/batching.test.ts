import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { persons } from '../src/server/tables.js';
import { PROFILE as BENCH_PROFILE } from '../bench/profile.queries.js';

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
    // Table by table, no more than the bound (fewer where the principal and licence were cached).
    const tally = new Map<string, number>();
    for (const table of fifty) tally.set(table, (tally.get(table) ?? 0) + 1);
    for (const [table, n] of tally) expect(n, table).toBeLessThanOrEqual(bound.get(table) ?? 0);
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

/** The benchmark's full profile (bench/profile.queries.ts), the selection under `person`. */
const PROFILE = BENCH_PROFILE.slice(BENCH_PROFILE.indexOf('{', BENCH_PROFILE.indexOf('person(')) + 1, BENCH_PROFILE.lastIndexOf('}', BENCH_PROFILE.lastIndexOf('}') - 1));

describe('compiled profile reads', () => {
  /**
   * Statements of one request, the access-log append apart: the log's own statements and the
   * transaction around them (the group commit, shared by the requests that append together).
   */
  async function profileStatements(query: string, variables: Record<string, unknown>) {
    const seen: string[] = [];
    t.testDb.database.traceStatements((q) => seen.push(q));
    const res = await t.gql(query, variables);
    t.testDb.database.traceStatements(null);
    expect(res.body.errors).toBeUndefined();
    // The append's transaction runs from locking the chain's head to moving it (with the
    // consent uses it counts in between); PostgreSQL also shows its begin and commit.
    const own: string[] = [];
    const append: string[] = [];
    let inAppend = false;
    seen.forEach((q, i) => {
      const head = /"access_log_head"/.test(q);
      if (head && !inAppend) {
        inAppend = true;
        if (own.length > 0 && /^begin/i.test(own[own.length - 1]!)) append.push(own.pop()!);
      }
      (inAppend || /access_log|transparency/i.test(q.slice(0, 200)) ? append : own).push(q);
      if (inAppend && head && /^update/i.test(q)) {
        inAppend = false;
        if (/^commit/i.test(seen[i + 1] ?? '')) seen[i + 1] = '-- commit of the append';
      }
    });
    const commits = own.filter((q) => q === '-- commit of the append');
    for (const c of commits) append.push(own.splice(own.indexOf(c), 1)[0]!);
    return { own, append };
  }

  for (const purpose of ['ACCOUNT_REVIEW', 'CREDIT_APPLICATION']) {
    it(`reads the full profile of 1 person and of 50 in at most 3 statements plus the log append (${purpose})`, async () => {
      const one = `query($id: String!) { person(nationalId: $id, purpose: ${purpose}, caseReference: "REVIEW-1") { ${PROFILE} } }`;
      // Twenty transactions each for 50 people is over the query-cost limit: five each.
      const fiftyQuery = `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ${purpose}, caseReference: "REVIEW-1") { ${PROFILE.replace('first: 20', 'first: 5')} } }`;
      await t.gql(one, { id: ids[1] }); // the principal and licence are cached from here on
      const single = await profileStatements(one, { id: ids[0] });
      const fifty = await profileStatements(fiftyQuery, { ids: ids.slice(0, 50) });
      console.log(`${purpose}: 1 person ${single.own.length} statements + ${single.append.length} of the append; 50 persons ${fifty.own.length} + ${fifty.append.length}`);
      expect(single.own.length, single.own.map((q) => q.slice(0, 50)).join('\n')).toBeLessThanOrEqual(3);
      expect(fifty.own.length, fifty.own.map((q) => q.slice(0, 50)).join('\n')).toBeLessThanOrEqual(3);
      expect(single.append.length).toBeGreaterThan(0);
    });
  }

  it('reads history, provenance, statements and withdrawals of every kind in the same statement as the records (50 people)', async () => {
    const withEvents = FIELDS.replace('properties { certificateNumber history { status } }', 'properties { certificateNumber statement withdrawnAt history { status } }')
      .replace('courtRecords { status isJudgment history { status } }', 'courtRecords { status isJudgment statement withdrawnAt history { status } }');
    expect(withEvents).not.toBe(FIELDS);
    const Q = `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ACCOUNT_REVIEW, caseReference: "REVIEW-1") { ${withEvents} } }`;
    const fifty = await profileStatements(Q, { ids: ids.slice(0, 50) });
    expect(fifty.own.length, fifty.own.map((q) => q.slice(0, 50)).join('\n')).toBeLessThanOrEqual(3);
  });
});
