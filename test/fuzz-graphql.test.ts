import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inArray, like, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import {
  DeepJson,
  FUZZ_SEED,
  freshNationalId,
  fuzzRuns,
  graphqlRefusal,
  hostileString,
  hostileValue,
  invalidNationalId,
  prototypeNames,
  recordBreak,
  toJsonText,
  validRecordBody,
  withoutRateLimits,
  type FurnishedRecord,
} from './helpers/fuzz.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { persons } from '../src/server/tables.js';
import { consents, licences } from '../src/access/access.tables.js';
import { oversightEvents } from '../src/audit/oversight.tables.js';
import { recordTables } from '../src/records/index.js';

let t: TestServer;
beforeAll(async () => {
  t = await withoutRateLimits(() => startTestServer());
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

/** POSTs a request whose variables may hold DeepJson; the raw answer, whatever it is. */
async function post(query: string, variables: unknown, key: string) {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${key}` },
    body: toJsonText({ query, variables }),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { unparsed: text.slice(0, 300) };
  }
  return { status: res.status, body };
}

/** Whatever the caller sent: no 5xx, a JSON answer, and every error with a code that is not INTERNAL_SERVER_ERROR. */
function expectHandled(res: { status: number; body: any }, label: string) {
  const detail = `${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 600)}`;
  expect(res.status, detail).toBeLessThan(500);
  expect(res.body.unparsed, detail).toBeUndefined();
  for (const error of res.body.errors ?? []) {
    expect(typeof error.extensions?.code, detail).toBe('string');
    expect(error.extensions.code, detail).not.toBe('INTERNAL_SERVER_ERROR');
  }
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

  it('a person id that is not a UUID is refused naming its field, not handed to the database', async () => {
    for (const [field, query] of [
      ['filter.subjectId', 'query($id: ID) { accessLog(filter: { subjectId: $id }) { edges { cursor } } }'],
      ['filter.personId', 'query($id: ID) { discrepancies(filter: { personId: $id }) { edges { cursor } } }'],
    ] as const) {
      for (const id of ['abc', ' ', '1', '00000000-0000-0000-0000-00000000000g', `${randomUUID()}x`]) {
        const res = await t.gql(query, { id }, 'demo-regulator');
        expectBadInput(res, `${field} = ${JSON.stringify(id)}`);
        expect(res.body.errors[0].extensions.argument).toBe(field);
        expect(res.body.errors[0].message).toBe(`"${field}" is not a person id (a UUID)`);
      }
      const known = await t.gql(query, { id: randomUUID() }, 'demo-regulator');
      expect(known.body.errors).toBeUndefined();
    }
  });

  it('variables nested deeper than the call stack are answered as bad input, never as a server error', async () => {
    for (const deep of [new DeepJson(5_000, false), new DeepJson(20_000, true), new DeepJson(100_000, false)]) {
      const asInstant = await post(`query($t: DateTime) { person(nationalId: "${ordinary}", purpose: CREDIT_APPLICATION, caseReference: "FUZZ-1", asOf: $t) { id } }`, { t: deep }, 'demo-scorer-full');
      expect(asInstant.status, JSON.stringify(asInstant.body).slice(0, 300)).toBe(400);
      expect(codes(asInstant.body)).toEqual(['BAD_USER_INPUT']);
      const asContent = await post(
        'mutation($r: [FurnishedRecordInput!]!) { submitRecords(records: $r) { counts { accepted } rejected { field reason } } }',
        { r: [{ kind: 'transactionMonth', sourceRecordId: 'FUZZ-DEEP-1', nationalId: ordinary, content: { month: '2025-05', transactionCount: deep, inflowFen: 1, outflowFen: 1 } }] },
        'demo-furnisher-clearing-house',
      );
      expect(asContent.body.errors, JSON.stringify(asContent.body).slice(0, 300)).toBeUndefined();
      expect(asContent.body.data.submitRecords).toEqual({ counts: { accepted: 0 }, rejected: [{ field: 'content.transactionCount', reason: 'must be an integer from 0 to 10000000' }] });
    }
    // Deep or not, text no column stores is named by its path.
    const nul = await post(
      'mutation($r: [FurnishedRecordInput!]!) { submitRecords(records: $r) { counts { accepted } } }',
      { r: [{ kind: 'transaction', sourceRecordId: 'FUZZ-DEEP-2', nationalId: ordinary, content: { merchantCategory: ['ok', { a: 'x\u0000' }] } }] },
      'demo-furnisher-clearing-house',
    );
    expect(nul.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'r[0].content.merchantCategory[1].a' });
    expect(await db().select().from(recordTables.transactionMonth).where(like(recordTables.transactionMonth.sourceRecordId, 'FUZZ-DEEP-%'))).toEqual([]);
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

describe('GraphQL fuzz: hostile arguments never make a server error', () => {
  /**
   * An argument: values the exchange accepts, and values of its GraphQL type it should refuse.
   * A request fuzzes one argument and sends valid values for the rest: one fault at a time
   * gets past the checks of the others and reaches the resolvers and the database.
   */
  type Arg = { valid: fc.Arbitrary<unknown>; fuzz: fc.Arbitrary<unknown>; fields?: Record<string, Arg> };
  const arg = (valid: fc.Arbitrary<unknown>, fuzz: fc.Arbitrary<unknown>): Arg => ({ valid, fuzz });
  const text = fc.oneof({ arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 3 }, { arbitrary: hostileString, weight: 1 });
  const instant = arg(
    fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2025-01-01') }).map((d) => d.toISOString()),
    fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2999-01-01T00:00:00+14:00'), text),
  );
  const nationalId = arg(fc.constantFrom(...Object.values(demoPeople).map((p) => p.nationalId)), fc.oneof(invalidNationalId, text));
  const purpose = (valid: string) => arg(fc.constant(valid), fc.constantFrom('CREDIT_APPLICATION', 'ACCOUNT_REVIEW', 'TENANCY', 'EMPLOYMENT_SCREENING', 'COLLECTIONS', 'REGULATORY_OVERSIGHT', 'SELF_ACCESS'));
  const caseReference = arg(fc.constant('FUZZ-CASE-1'), text);
  const first = arg(fc.integer({ min: 0, max: 100 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
  const after = arg(fc.constant(undefined), fc.oneof(fc.json().map((j) => Buffer.from(j).toString('base64url')), text));
  const personId = arg(fc.uuid(), text);
  const reason = arg(fc.constant('fuzzing this argument'), text);
  const enumOf = (...values: string[]) => arg(fc.constantFrom(...values), text);
  // Ids no row has (a mutation must change nothing), and things that are no id at all.
  const absentId = arg(fc.integer({ min: 10_000_000, max: 2 ** 31 - 1 }).map(String), fc.oneof(text, fc.uuid(), fc.integer({ min: 2 ** 31, max: 2 ** 53 }).map(String)));
  /** A random 3 or "3" could name a demo key or licence: a fuzzed mutation never sends one. */
  const namesExistingRow = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^\s*\d+\s*$/.test(v))) && Number(v) < 10_000_000;
  /** An input object: some of its fields, valid; fuzzed, one field named after an Object.prototype member (each field is fuzzed on its own too). */
  const input = (fields: Record<string, Arg>): Arg => {
    const valid = fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, a.valid])), { requiredKeys: [] });
    const withPrototypeName = fc.tuple(valid, fc.constantFrom(...prototypeNames)).map(([rest, name]) => Object.defineProperty({ ...rest }, name, { value: 1, enumerable: true }));
    return { valid, fuzz: withPrototypeName, fields };
  };

  type Operation = { name: string; key: string; query: string; args: Record<string, Arg> };
  const operations: Operation[] = [
    {
      name: 'person',
      key: 'demo-scorer-full',
      query: `query($id: String!, $purpose: Purpose!, $case: String, $asOf: DateTime, $first: Int!, $after: String, $from: DateTime, $to: DateTime) {
        person(nationalId: $id, purpose: $purpose, caseReference: $case, asOf: $asOf) {
          id identity { name birthYear } ownsProperty courtRecords { status history { status } }
          transactions(first: $first, after: $after, from: $from, to: $to) { edges { cursor node { amountFen } } pageInfo { endCursor } } } }`,
      args: { id: nationalId, purpose: purpose('CREDIT_APPLICATION'), case: caseReference, asOf: instant, first, after, from: instant, to: instant },
    },
    {
      name: 'persons',
      key: 'demo-scorer-coarse',
      query: 'query($ids: [String!]!, $purpose: Purpose!, $case: String) { persons(nationalIds: $ids, purpose: $purpose, caseReference: $case) { id ownsProperty } }',
      args: { ids: arg(fc.array(nationalId.valid, { maxLength: 5 }), fc.array(fc.oneof(nationalId.valid, nationalId.fuzz), { maxLength: 120 })), purpose: purpose('CREDIT_APPLICATION'), case: caseReference },
    },
    { name: 'me.person', key: 'demo-subject', query: 'query($asOf: DateTime) { me { person(asOf: $asOf) { id identity { name } } } }', args: { asOf: instant } },
    {
      name: 'corrections',
      key: 'demo-scorer-full',
      query: 'query($since: DateTime!, $first: Int!, $after: String) { corrections(since: $since, first: $first, after: $after) { edges { cursor } } }',
      args: { since: instant, first, after },
    },
    {
      name: 'accessLog',
      key: 'demo-regulator',
      query: 'query($filter: AccessLogFilter, $first: Int!, $after: String) { accessLog(filter: $filter, first: $first, after: $after) { edges { cursor } } }',
      args: {
        filter: input({
          organisationId: first,
          licenceId: first,
          principalId: first,
          subjectId: personId,
          subjectNationalId: nationalId,
          purpose: purpose('CREDIT_APPLICATION'),
          from: instant,
          to: instant,
          deniedOnly: arg(fc.boolean(), fc.boolean()),
          disclosedField: arg(fc.constantFrom('Person.identity', 'Person.properties'), text),
        }),
        first,
        after,
      },
    },
    { name: 'verifyAccessLog', key: 'demo-regulator', query: 'query($from: DateTime, $to: DateTime) { verifyAccessLog(from: $from, to: $to) { __typename } }', args: { from: instant, to: instant } },
    {
      name: 'oversightStatistics',
      key: 'demo-regulator',
      query: 'query($from: DateTime!, $to: DateTime!) { oversightStatistics(from: $from, to: $to) { __typename } }',
      args: { from: instant, to: instant },
    },
    {
      name: 'discrepancies',
      key: 'demo-regulator',
      query: 'query($filter: DiscrepancyFilter, $first: Int!, $after: String) { discrepancies(filter: $filter, first: $first, after: $after) { edges { cursor } } }',
      args: { filter: input({ status: enumOf('OPEN', 'RESOLVED', 'RELEASED'), kind: enumOf('PROPERTY_OWNER_MISMATCH', 'SHARED_CONTACT', 'CRITERIA_BURST'), personId }), first, after },
    },
    {
      name: 'licences',
      key: 'demo-regulator',
      query: 'query($first: Int!, $after: String, $status: LicenceStatus) { licences(first: $first, after: $after, status: $status) { edges { cursor } } }',
      args: { first, after, status: enumOf('ACTIVE', 'SUSPENDED', 'REVOKED') },
    },
    { name: 'oversightEvents', key: 'demo-regulator', query: 'query($first: Int!, $after: String, $k: String) { oversightEvents(first: $first, after: $after, targetKind: $k) { edges { cursor } } }', args: { first, after, k: arg(fc.constantFrom('LICENCE', 'API_KEY', 'CONSENT'), text) } },
    { name: 'suspendLicence', key: 'demo-regulator', query: 'mutation($id: ID!, $reason: String!) { suspendLicence(licenceId: $id, reason: $reason) { id } }', args: { id: absentId, reason } },
    {
      name: 'setLicenceGrants',
      key: 'demo-regulator',
      query: 'mutation($id: ID!, $grants: [GrantInput!]!) { setLicenceGrants(licenceId: $id, grants: $grants) { id } }',
      args: { id: absentId, grants: arg(fc.constant([{ category: 'identity', precision: 'BASIC' }]), fc.array(input({ category: enumOf('identity', 'property'), precision: enumOf('BASIC', 'FLAG') }).fuzz, { maxLength: 3 })) },
    },
    { name: 'revokeApiKey', key: 'demo-regulator', query: 'mutation($id: ID!, $reason: String!) { revokeApiKey(apiKeyId: $id, reason: $reason) { id } }', args: { id: absentId, reason } },
    { name: 'revokeConsent', key: 'demo-subject', query: 'mutation($id: ID!) { revokeConsent(consentId: $id) { id } }', args: { id: absentId } },
    { name: 'resolveDiscrepancy', key: 'demo-regulator', query: 'mutation($id: ID!, $r: String!) { resolveDiscrepancy(id: $id, resolution: $r) { id } }', args: { id: absentId, r: reason } },
    {
      name: 'disputeRecord',
      key: 'demo-subject',
      query: 'mutation($kind: FurnishedRecordKind!, $id: ID!, $reason: String!) { disputeRecord(recordKind: $kind, recordId: $id, reason: $reason) { id } }',
      args: { kind: enumOf('identity', 'court', 'transaction'), id: absentId, reason },
    },
    {
      name: 'answerDispute',
      key: 'demo-furnisher-court-system',
      query: 'mutation($id: ID!, $answer: DisputeAnswer!, $c: JSONObject, $note: String) { answerDispute(disputeId: $id, answer: $answer, correction: $c, note: $note) { id } }',
      args: {
        id: absentId,
        answer: enumOf('CONFIRM', 'CORRECT', 'WITHDRAW'),
        c: arg(fc.constant({ status: 'DISMISSED' }), fc.dictionary(fc.oneof(fc.constantFrom(...prototypeNames), fc.string({ maxLength: 8 })), hostileValue, { maxKeys: 3 })),
        note: reason,
      },
    },
  ];

  /** The variables an operation declares non-null: always sent. */
  const requiredOf = (op: Operation) => [...op.query.matchAll(/\$(\w+):\s*[^,)$]*!/g)].map((m) => m[1]!);

  /** One argument under attack (or one field of an input object): every one gets its turn. */
  type Target = { op: Operation; variable: string; field?: string };
  const targets: Target[] = operations.flatMap((op) =>
    Object.entries(op.args).flatMap(([variable, a]) => [{ op, variable }, ...Object.keys(a.fields ?? {}).map((field) => ({ op, variable, field }))]),
  );

  /** Valid variables but the target's: a value of its type the exchange should refuse, or now and then anything at all. */
  function requestFor({ op, variable, field }: Target): fc.Arbitrary<Record<string, unknown>> {
    const valid = fc.record(Object.fromEntries(Object.entries(op.args).map(([k, a]) => [k, a.valid])), { requiredKeys: requiredOf(op) });
    const attacked = field ? op.args[variable]!.fields![field]! : op.args[variable]!;
    const fault = fc.oneof({ arbitrary: attacked.fuzz, weight: 3 }, { arbitrary: hostileValue, weight: 1 });
    const container = field ? op.args[variable]!.valid : fc.constant(null);
    return fc
      .tuple(valid, container, fault)
      .map(([variables, object, value]) => ({ ...variables, [variable]: field ? { ...(object as object), [field]: value } : value }))
      .filter((variables) => !(op.query.startsWith('mutation') && Object.values(variables).some(namesExistingRow)));
  }

  const label = ({ op, variable, field }: Target) => `${op.name}(${variable}${field ? `.${field}` : ''})`;

  it('arguments as variables: every answer is below 500 and every error has a code, none INTERNAL_SERVER_ERROR', async () => {
    const before = await storedState();
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(requestFor(target), async (variables) => {
          expectHandled(await post(target.op.query, variables, target.op.key), label(target));
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(6) },
      );
    }
    // Every fuzzed mutation named a row that does not exist, or was refused: nothing changed.
    expect(await storedState()).toEqual(before);
  });

  /** A value written as a GraphQL literal (object keys as they come, so some do not parse: that is fuzz too). */
  const literal = (v: unknown): string => {
    if (v instanceof DeepJson) return v.asObject ? `${'{a:'.repeat(v.depth)}1${'}'.repeat(v.depth)}` : `${'['.repeat(v.depth)}1${']'.repeat(v.depth)}`;
    if (typeof v === 'string') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
    if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${literal(x)}`).join(', ')}}`;
    return String(v);
  };

  it('arguments written into the query text: the same', async () => {
    for (const target of targets) {
      const { op } = target;
      await fc.assert(
        fc.asyncProperty(requestFor(target), async (variables) => {
          // Each $name in the operation replaced by the value's literal; an absent one by null.
          const body = op.query.replace(/^[^{]*/, '').replace(/\$(\w+)/g, (_, name: string) => literal(variables[name] ?? null));
          expectHandled(await post(`${op.query.startsWith('mutation') ? 'mutation ' : ''}${body}`, {}, op.key), `${label(target)} as literals`);
        }),
        { seed: FUZZ_SEED, numRuns: fuzzRuns(3) },
      );
    }
  });

  it('representations of _entities: the same', async () => {
    const [known] = await db().select({ id: persons.id }).from(persons).limit(1);
    /** Mostly the shape of a representation, otherwise anything. */
    const or = <T>(typed: fc.Arbitrary<T>) => fc.oneof({ arbitrary: typed, weight: 2 }, { arbitrary: hostileValue, weight: 1 });
    const representation = fc.oneof(
      fc.record({ __typename: or(fc.constantFrom('Person', 'Licence', 'Query', '_Service')), id: or(fc.oneof(fc.constant(known!.id), fc.uuid())) }, { requiredKeys: [] }),
      hostileValue,
    );
    await fc.assert(
      fc.asyncProperty(or(fc.array(representation, { maxLength: 6 })), async (representations) => {
        const res = await fetch(`${t.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: 'Bearer demo-partner', 'x-exchange-purpose': 'TENANCY', 'x-exchange-case-reference': 'FUZZ-ENT' },
          body: toJsonText({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id ownsProperty } } }', variables: { r: representations } }),
        });
        expectHandled({ status: res.status, body: await res.json() }, '_entities');
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(50) },
    );
  });

  it('submitRecords with random valid and broken records stores exactly the valid ones, once, and only their new persons', async () => {
    const SUBMIT = 'mutation($records: [FurnishedRecordInput!]!) { submitRecords(records: $records) { counts { received accepted created rejected } rejected { line field reason } } }';
    const item = fc.record({ body: validRecordBody, person: fc.nat(2), broken: fc.option(recordBreak, { freq: 2 }) });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 12 }), async (items) => {
        const r = ++run;
        const prefix = `FZG${r}-`;
        const people = [demoPeople.ordinary.nationalId, freshNationalId(1_000 + r, 1), freshNationalId(1_000 + r, 2)];
        const records: unknown[] = [];
        const valid: FurnishedRecord[] = [];
        const refusedLines: number[] = [];
        let wholeRequestRefused = false;
        items.forEach(({ body, person, broken }, i) => {
          const record: FurnishedRecord = { ...body, sourceRecordId: `${prefix}${i + 1}`, nationalId: people[person]! };
          if (!broken) {
            records.push(record);
            valid.push(record);
            return;
          }
          const value = broken.apply(record);
          records.push(value);
          if (graphqlRefusal(broken, value) === 'request') wholeRequestRefused = true;
          else refusedLines.push(i + 1);
        });
        const body = toJsonText({ query: SUBMIT, variables: { records } });
        // Beyond the body limit the request is refused before it is read.
        const tooLarge = Buffer.byteLength(body) > 256 * 1024;
        const res = await post(SUBMIT, { records }, 'demo-furnisher-clearing-house');
        expectHandled(res, 'submitRecords');
        const stored = new Set<string>();
        for (const table of [recordTables.transaction, recordTables.transactionMonth]) {
          const rows = await db().select({ id: table.sourceRecordId }).from(table).where(like(table.sourceRecordId, `${prefix}%`));
          for (const row of rows) stored.add(row.id);
        }
        const created = (await db().select({ n: persons.nationalId }).from(persons).where(inArray(persons.nationalId, people.slice(1)))).map((p) => p.n).sort();
        if (wholeRequestRefused || tooLarge) {
          expect(res.body.errors?.[0]?.extensions?.code, JSON.stringify(res.body).slice(0, 400)).toMatch(/^(BAD_USER_INPUT|QUERY_TOO_COMPLEX)$/);
          expect(stored.size).toBe(0);
          expect(created).toEqual([]);
          return;
        }
        expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
        const report = res.body.data.submitRecords;
        expect(report.rejected.map((x: { line: number }) => x.line)).toEqual(refusedLines);
        expect(report.counts).toEqual({ received: items.length, accepted: valid.length, created: valid.length, rejected: refusedLines.length });
        expect([...stored].sort()).toEqual(valid.map((v) => v.sourceRecordId).sort());
        expect(created).toEqual([...new Set(valid.map((v) => v.nationalId).filter((n) => n !== people[0]))].sort());
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(40) },
    );
  });
});
