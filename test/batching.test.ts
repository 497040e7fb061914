import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { persons } from '../src/db/schema.js';

let t: TestServer;
let ids: string[];
beforeAll(async () => {
  t = await startTestServer({ people: 60 });
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

async function countStatements(query: string, variables: Record<string, unknown>) {
  const before = t.testDb.database.statements();
  const res = await t.gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  // Authentication is one of them; the rest are the profile's loaders.
  return t.testDb.database.statements() - before;
}

describe('batched loading', () => {
  it('a persons query costs the same number of SQL statements for 1 and for 50 people', async () => {
    const Q = `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ACCOUNT_REVIEW) { ${FIELDS} } }`;
    const one = await countStatements(Q, { ids: ids.slice(0, 1) });
    const fifty = await countStatements(Q, { ids: ids.slice(0, 50) });
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(fifty).toBe(one);
    // One statement per record kind (plus history, sources, summaries), not per person.
    expect(one).toBeLessThan(35);
  });

  it('a person query costs the same for a person with few records and one with many', async () => {
    const Q = `query($id: String!) { person(nationalId: $id, purpose: ACCOUNT_REVIEW) { ${FIELDS} } }`;
    const counts = new Set<number>();
    for (const id of ids.slice(0, 10)) counts.add(await countStatements(Q, { id }));
    // Persons with empty record kinds skip the nested (history, source) statements, so the
    // count may be lower for them, but never above the bound of the query's shape.
    const max = Math.max(...counts);
    const batched = await countStatements(
      `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: ACCOUNT_REVIEW) { ${FIELDS} } }`,
      { ids: ids.slice(0, 10) },
    );
    expect(batched).toBeLessThanOrEqual(max + 1);
  });
});
