import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { persons } from '../src/db/schema.js';
import { consents, licences } from '../src/access/access.tables.js';
import { oversightEvents } from '../src/audit/oversight.tables.js';
import { recordTables } from '../src/records/shared/record-kinds.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const ordinary = demoPeople.ordinary.nationalId;

const count = async (table: typeof consents | typeof licences | typeof oversightEvents | typeof persons) => {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row!.n);
};

/** Rows a test's refused requests must not have written: consents, licences, permission changes, persons. */
async function storedState() {
  return { consents: await count(consents), licences: await count(licences), oversightEvents: await count(oversightEvents), persons: await count(persons) };
}

const codes = (body: any): string[] => (body.errors ?? []).map((e: any) => e.extensions?.code);

/** Every error of the answer is BAD_USER_INPUT, and there is at least one. */
function expectBadInput(res: { body: any }, label: string) {
  expect(codes(res.body).length, `${label}: ${JSON.stringify(res.body)}`).toBeGreaterThan(0);
  expect(new Set(codes(res.body)), `${label}: ${JSON.stringify(res.body.errors)}`).toEqual(new Set(['BAD_USER_INPUT']));
}

describe('bad arguments are refused as BAD_USER_INPUT, before any query, and nothing is stored', () => {
  // Year 0000 does not exist in PostgreSQL; an offset can push a valid-looking instant out of 0001..9999.
  const outOfRange = ['0000-01-01T00:00:00Z', '0000-12-31T23:59:59.999Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00'];

  const dateTimeArguments: { name: string; key: string; query: string }[] = [
    {
      name: 'person(asOf)',
      key: 'demo-scorer-full',
      query: `query($t: DateTime) { person(nationalId: "${ordinary}", purpose: CREDIT_APPLICATION, caseReference: "FUZZ-1", asOf: $t) { id } }`,
    },
    { name: 'me.person(asOf)', key: 'demo-subject', query: 'query($t: DateTime) { me { person(asOf: $t) { id } } }' },
    { name: 'corrections(since)', key: 'demo-scorer-full', query: 'query($t: DateTime!) { corrections(since: $t) { edges { cursor } } }' },
    {
      name: 'Person.transactions(from)',
      key: 'demo-scorer-full',
      query: `query($t: DateTime) { person(nationalId: "${ordinary}", purpose: CREDIT_APPLICATION, caseReference: "FUZZ-1") { transactions(from: $t) { edges { cursor } } } }`,
    },
    { name: 'verifyAccessLog(from)', key: 'demo-regulator', query: 'query($t: DateTime) { verifyAccessLog(from: $t) { __typename } }' },
    { name: 'oversightStatistics(to)', key: 'demo-regulator', query: 'query($t: DateTime!) { oversightStatistics(from: "2025-01-01T00:00:00Z", to: $t) { __typename } }' },
    { name: 'accessLog(filter.to)', key: 'demo-regulator', query: 'query($t: DateTime) { accessLog(filter: { to: $t }) { edges { cursor } } }' },
    {
      name: 'grantConsent(input.expiresAt)',
      key: 'demo-subject',
      query: 'mutation($t: DateTime!) { grantConsent(input: { organisationId: 1, purposes: [CREDIT_APPLICATION], expiresAt: $t }) { id } }',
    },
    {
      name: 'issueLicence(input.validTo)',
      key: 'demo-regulator',
      query: 'mutation($t: DateTime!) { issueLicence(input: { organisationId: 1, validFrom: "2025-01-01T00:00:00Z", validTo: $t, purposes: [CREDIT_APPLICATION], grants: [] }) { id } }',
    },
    {
      name: 'submitRecords(records.receivedAt)',
      key: 'demo-furnisher-clearing-house',
      query: `mutation($t: DateTime) { submitRecords(records: [{ kind: transactionMonth, sourceRecordId: "FUZZ-DT-1", nationalId: "${ordinary}", receivedAt: $t,
        content: { month: "2025-05", transactionCount: 1, inflowFen: 1, outflowFen: 1 } }]) { counts { accepted } } }`,
    },
  ];

  it('a DateTime outside 0001-01-01..9999-12-31 (UTC) is refused in every argument and input field that takes one', async () => {
    const before = await storedState();
    for (const { name, key, query } of dateTimeArguments) {
      for (const value of outOfRange) {
        const res = await t.gql(query, { t: value }, key);
        expectBadInput(res, `${name} = ${value}`);
        expect(res.body.errors[0].message).toMatch(/outside the range the exchange keeps/);
      }
    }
    expect(await storedState()).toEqual(before);
    expect(await db().select().from(recordTables.transactionMonth).where(like(recordTables.transactionMonth.sourceRecordId, 'FUZZ-DT-%'))).toEqual([]);
  });

  it('the first and last storable instants are accepted', async () => {
    for (const [from, to] of [
      ['0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z'],
      ['0001-01-01T01:00:00+01:00', '9999-12-31T22:59:59-01:00'],
    ]) {
      const res = await t.gql('query($from: DateTime, $to: DateTime) { verifyAccessLog(from: $from, to: $to) { __typename } }', { from, to }, 'demo-regulator');
      expect(res.body.errors, `${from} .. ${to}`).toBeUndefined();
    }
  });

  it('the same instant written into the query itself is refused before it runs, not as a server error', async () => {
    const res = await t.gql('{ corrections(since: "0000-01-01T00:00:00Z") { edges { cursor } } }');
    expect(res.status).toBe(400);
    // A literal is checked while the query is validated: Apollo names that step's code.
    expect(codes(res.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.body.errors[0].message).toMatch(/outside the range the exchange keeps/);
  });

  // Discrepancies are keyed by bigserial, the others by serial (int4).
  const idArguments: { argument: string; key: string; query: string; bigserial?: boolean }[] = [
    { argument: 'licenceId', key: 'demo-regulator', query: 'mutation($id: ID!) { setLicenceGrants(licenceId: $id, grants: []) { id } }' },
    { argument: 'licenceId', key: 'demo-regulator', query: 'mutation($id: ID!) { suspendLicence(licenceId: $id, reason: "fuzzing the id") { id } }' },
    { argument: 'licenceId', key: 'demo-regulator', query: 'mutation($id: ID!) { reinstateLicence(licenceId: $id, reason: "fuzzing the id") { id } }' },
    { argument: 'licenceId', key: 'demo-regulator', query: 'mutation($id: ID!) { revokeLicence(licenceId: $id, reason: "fuzzing the id") { id } }' },
    { argument: 'apiKeyId', key: 'demo-regulator', query: 'mutation($id: ID!) { revokeApiKey(apiKeyId: $id, reason: "fuzzing the id") { id } }' },
    { argument: 'consentId', key: 'demo-subject', query: 'mutation($id: ID!) { revokeConsent(consentId: $id) { id } }' },
    { argument: 'id', key: 'demo-regulator', query: 'mutation($id: ID!) { resolveDiscrepancy(id: $id, resolution: "fuzzing the id") { id } }', bigserial: true },
    { argument: 'discrepancyId', key: 'demo-regulator', query: 'mutation($id: ID!) { releaseQuarantine(discrepancyId: $id, reason: "fuzzing the id") { id } }', bigserial: true },
  ];

  it('an id that is not a positive whole number in range is refused naming its argument, and nothing changes', async () => {
    const before = await storedState();
    for (const { argument, key, query, bigserial } of idArguments) {
      // Past int4 is out of range for a serial key; a bigserial one takes it (and finds nothing).
      for (const id of ['abc', '1.5', '-1', '0', '1e3', '0x10', ' 1', '', '99999999999999999999', ...(bigserial ? [] : ['2147483648'])]) {
        const res = await t.gql(query, { id }, key);
        expectBadInput(res, `${argument} = ${JSON.stringify(id)}`);
        expect(res.body.errors[0].extensions.argument).toBe(argument);
        expect(res.body.errors[0].message).toMatch(new RegExp(`"${argument}" must be a positive whole number id`));
      }
    }
    expect(await storedState()).toEqual(before);
  });

  describe('_entities', () => {
    const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id ownsProperty } } }';
    const entities = async (representations: unknown[], extra: Record<string, string> = {}) => {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          authorization: 'Bearer demo-partner',
          'x-exchange-purpose': 'TENANCY',
          'x-exchange-case-reference': 'FUZZ-ENT-1',
          ...extra,
        },
        body: JSON.stringify({ query: ENTITIES, variables: { r: representations } }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };

    it('a representation that is not a Person with a string id is refused as BAD_USER_INPUT naming it', async () => {
      const [known] = await db().select({ id: persons.id }).from(persons).limit(1);
      const cases: [unknown, RegExp][] = [
        [{ __typename: 'Nope', id: known!.id }, /representations\[1\]: "__typename" must be Person/],
        [{ __typename: 'Licence', id: known!.id }, /representations\[1\]: "__typename" must be Person/],
        [{ __typename: 'Query', id: known!.id }, /representations\[1\]: "__typename" must be Person/],
        [{ id: known!.id }, /representations\[1\]: "__typename" must be Person/],
        [{ __typename: 'Person', id: 5 }, /representations\[1\]: "id" must be a string/],
        [{ __typename: 'Person', id: { id: known!.id } }, /representations\[1\]: "id" must be a string/],
        [{ __typename: 'Person' }, /representations\[1\]: "id" must be a string/],
        ['Person', /representations\[1\] must be an object/],
        [[known!.id], /representations\[1\] must be an object/],
      ];
      for (const [representation, message] of cases) {
        const res = await entities([{ __typename: 'Person', id: known!.id }, representation]);
        expectBadInput(res, JSON.stringify(representation));
        expect(res.body.errors[0].message).toMatch(message);
        expect(res.body.errors[0].extensions.argument).toBe('representations');
        expect(res.body.data?._entities ?? null).toBeNull();
      }
    });

    it('an x-exchange-as-of header outside the storable range is refused as BAD_USER_INPUT', async () => {
      const [known] = await db().select({ id: persons.id }).from(persons).limit(1);
      for (const asOf of ['0000-06-01T00:00:00Z', '+010000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z']) {
        const res = await entities([{ __typename: 'Person', id: known!.id }], { 'x-exchange-as-of': asOf });
        expectBadInput(res, asOf);
        expect(res.body.errors[0].message).toMatch(/x-exchange-as-of/);
      }
    });
  });
});
