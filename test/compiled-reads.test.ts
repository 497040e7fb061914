import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { persons } from '../src/server/tables.js';
import { demoPeople } from '../src/seed/seed.js';
import { demoKeys } from '../src/seed/demo-principals.js';
import { config } from '../src/kernel/config.js';

/**
 * The read planner (one compiled statement per profile root) against the resolvers' own
 * loaders (one statement per field): for every demo person, under every demo key, for every
 * purpose, now and as of a past instant, the two must give the same answer, errors included.
 */
let t: TestServer;
let nationalIds: string[];
beforeAll(async () => {
  t = await startTestServer({ people: 30, crossChecks: true });
  const generated = (await t.testDb.database.db.select({ nationalId: persons.nationalId }).from(persons)).map((r) => r.nationalId);
  const planted = Object.values(demoPeople).map((p) => p.nationalId);
  nationalIds = [...new Set([...planted, ...generated.slice(0, 8)])];
});
afterAll(async () => {
  config.compiledReads = true;
  await t?.close();
});

/** Every profile field, nested provenance and history, aliases and a fragment: every path the plan covers or leaves to loaders. */
const PROFILE = `
  id nationalId asOf purpose judgmentDebtor ownsProperty ownsVehicle hasOutstandingPublicRecord
  ...Identity
  again: identity { name verification }
  identityRecords { name provenance { source { code kind } sourceRecordId recordedAt supersededAt } }
  driverLicences { licenceNumber status penaltyPoints provenance { sourceRecordId } }
  propertySummary { count totalValueFen } vehicleSummary { count totalValueFen }
  properties { certificateNumber valueFen status ownerName verification history { status valueFen } statement withdrawnAt }
  vehicles { plateNumber valueFen provenance { source { code } } }
  education { institution level issuerConfirmed verification }
  employment { employer occupation referees { name phone } }
  creditAccounts { lender accountKind limitFen balanceFen status daysPastDue repaymentHistory { month daysPastDue } history { balanceFen } }
  recent: transactions(first: 3) { edges { cursor node { occurredAt amountFen direction provenance { source { code } } } } pageInfo { hasNextPage endCursor } }
  transactions(first: 20) { edges { node { occurredAt amountFen direction } } pageInfo { hasNextPage } }
  transactionSummaries { month inflowFen outflowFen }
  courtRecords { caseNumber status judgmentDebtor isJudgment history { status } }
  publicRecords { status }
  heldBack { quarantined byCategory { category count } }
  verificationSummary { verified unverified conflicting disputed quarantined }
`;
const FRAGMENT = `fragment Identity on Person { identity { name birthYear birthDate address phone verification provenance { source { code } sourceRecordId recordedAt } } }`;

/** The same request, answered by the planner and then by the loaders alone. */
async function bothWays(query: string, variables: Record<string, unknown>, key: string) {
  const statements = t.testDb.database.statements;
  config.compiledReads = true;
  let before = statements();
  const compiled = await t.gql(query, variables, key);
  const compiledStatements = statements() - before;
  config.compiledReads = false;
  before = statements();
  const resolved = await t.gql(query, variables, key);
  const resolvedStatements = statements() - before;
  config.compiledReads = true;
  // The plan really ran: a disclosed profile cost fewer statements than field by field.
  if (compiled.body.data && JSON.stringify(compiled.body.data).includes('"identity":{')) {
    expect(compiledStatements).toBeLessThan(resolvedStatements);
  }
  return { compiled: compiled.body, resolved: resolved.body };
}

const scorers = [demoKeys.scorerFull, demoKeys.scorerCoarse, demoKeys.scorerSuspended, demoKeys.partner];
const purposes = ['CREDIT_APPLICATION', 'ACCOUNT_REVIEW', 'TENANCY', 'REGULATORY_OVERSIGHT'];

describe('compiled reads give the same answers as the resolvers', () => {
  it('for every demo person under every licensee key and purpose', async () => {
    const query = `query($ids: [String!]!, $purpose: Purpose!) { persons(nationalIds: $ids, purpose: $purpose, caseReference: "EQ-1") { ${PROFILE} } } ${FRAGMENT}`;
    let people = 0;
    for (const key of scorers) {
      for (const purpose of purposes) {
        const { compiled, resolved } = await bothWays(query, { ids: nationalIds, purpose }, key);
        expect(compiled, `${key} ${purpose}`).toEqual(resolved);
        people += ((compiled.data?.persons ?? []) as unknown[]).filter(Boolean).length;
      }
    }
    // Not a comparison of refusals only: many profiles were actually disclosed both ways.
    expect(people).toBeGreaterThan(nationalIds.length);
  });

  it('as of a past instant, one person at a time, for a scorer and the regulator', async () => {
    const query = `query($id: String!, $purpose: Purpose!, $asOf: DateTime) { person(nationalId: $id, purpose: $purpose, asOf: $asOf, caseReference: "EQ-2") { ${PROFILE} } } ${FRAGMENT}`;
    const asOf = new Date(Date.now() - 200 * 86_400_000).toISOString();
    let disclosed = 0;
    for (const id of nationalIds) {
      for (const [key, purpose] of [[demoKeys.scorerFull, 'CREDIT_APPLICATION'], [demoKeys.regulator, 'REGULATORY_OVERSIGHT']] as const) {
        const { compiled, resolved } = await bothWays(query, { id, purpose, asOf }, key);
        expect(compiled, `${id} ${key}`).toEqual(resolved);
        if (compiled.data?.person) disclosed++;
      }
    }
    expect(disclosed).toBeGreaterThan(nationalIds.length);
  });

  it("for the subject's own profile through me", async () => {
    const query = `{ me { person { ${PROFILE} } } } ${FRAGMENT}`;
    const { compiled, resolved } = await bothWays(query, {}, demoKeys.subject);
    expect(compiled.data?.me?.person?.identity).toBeTruthy();
    expect(compiled).toEqual(resolved);
  });

  it('for federation entities', async () => {
    const ids = (await t.testDb.database.db.select({ id: persons.id }).from(persons)).map((r) => r.id).slice(0, 10);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${PROFILE} } } } ${FRAGMENT}`;
    config.compiledReads = true;
    const headers = { 'x-exchange-purpose': 'ACCOUNT_REVIEW', 'x-exchange-case-reference': 'EQ-3' };
    const variables = { r: ids.map((id) => ({ __typename: 'Person', id })) };
    const compiled = await t.gql(query, variables, demoKeys.scorerFull, headers);
    config.compiledReads = false;
    const resolved = await t.gql(query, variables, demoKeys.scorerFull, headers);
    config.compiledReads = true;
    expect(compiled.body.data?._entities?.filter(Boolean).length).toBeGreaterThan(0);
    expect(compiled.body).toEqual(resolved.body);
  });
});
