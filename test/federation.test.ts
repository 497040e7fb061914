import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { persons } from '../src/server/tables.js';
import { accessLog } from '../src/audit/access-log.tables.js';
import { buildRuleTree } from '../src/access/access.rules.js';
import { buildExchangeSubgraph, printExchangeSubgraph } from '../src/server/schema.js';
import { federationRules } from '../src/federation/federation.rules.js';
import { buildRentalData, type RentalData } from '../examples/partner/rentals.js';
import { buildPartnerSubgraph, partnerTypeDefs } from '../examples/partner/partner.subgraph.js';
import { lookUpApplicants } from '../examples/partner/applicants.js';
import { startPartnerGateway, startSubgraph } from '../examples/partner/gateway.js';

const committedSdl = readFileSync(new URL('../schema/subgraph.graphql', import.meta.url), 'utf8');

let t: TestServer;
let partner: { url: string; stop: () => Promise<void> };
let gateway: { url: string; stop: () => Promise<void> };
let rentals: RentalData;
let idOf: Map<string, string>;
let allIds: string[];

beforeAll(async () => {
  // No timed checkpoint signing: its statements would land inside the counted requests.
  t = await startTestServer({ people: 60, transparency: { checkpointSeconds: 0, checkpointEvery: 1_000_000 } });
  const rows = await t.testDb.database.db.select({ id: persons.id, nationalId: persons.nationalId }).from(persons);
  idOf = new Map(rows.map((r) => [r.nationalId, r.id]));
  allIds = rows.map((r) => r.id);
  // The platform learns its applicants' ids from the exchange, as examples/partner/main.ts does.
  const applicants = await lookUpApplicants(`${t.url}/graphql`, 'demo-partner', Object.values(demoPeople).map((p) => p.nationalId), 'ONBOARDING');
  rentals = buildRentalData(applicants);
  partner = await startSubgraph(buildPartnerSubgraph(rentals));
  gateway = await startPartnerGateway({
    exchange: { name: 'exchange', url: `${t.url}/graphql`, sdl: committedSdl },
    partner: { name: 'rentals', url: partner.url, sdl: partnerTypeDefs },
  });
});
afterAll(async () => {
  await gateway?.stop();
  await partner?.stop();
  await t?.close();
});

const codes = (body: any) => (body.errors ?? []).map((e: any) => e.extensions?.code);
const errorAt = (body: any, path: string) => (body.errors ?? []).find((e: any) => (e.path ?? []).join('.') === path);

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const declared = (key: string, purpose: string | null, caseReference: string | null = 'LEASE-2026-0001', extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...(purpose ? { 'x-exchange-purpose': purpose } : {}),
  ...(caseReference ? { 'x-exchange-case-reference': caseReference } : {}),
  ...extra,
});

const FIELDS = `
  id
  identity { name birthYear address }
  ownsProperty
  propertySummary { count totalValueFen }
  properties { certificateNumber }
  transactionSummaries { month transactionCount }
  transactions(first: 3) { edges { node { amountFen } } }
  courtRecords { status }
  judgmentDebtor
`;

const ENTITIES = `query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${FIELDS} } } }`;
const PERSON = `query Person($id: String!, $purpose: Purpose!, $case: String) { person(nationalId: $id, purpose: $purpose, caseReference: $case) { ${FIELDS} } }`;

const entities = (ids: string[], headers: Record<string, string>) =>
  post(`${t.url}/graphql`, ENTITIES, { r: ids.map((id) => ({ __typename: 'Person', id })) }, headers);

/** What `person` answers for the same selection: the yardstick for `_entities`. */
const person = (key: string, nationalId: string, purpose: string, caseReference = 'LEASE-2026-0001') =>
  t.gql(PERSON, { id: nationalId, purpose, case: caseReference }, key);

/** Errors without their paths (they differ between `person` and `_entities.0`) or dev stack traces. */
const refusals = (body: any) =>
  (body.errors ?? [])
    .map((e: any) => ({ message: e.message, code: e.extensions.code, field: (e.path ?? []).slice(2).join('.') }))
    .sort((a: any, b: any) => a.field.localeCompare(b.field));

describe('the exchange as a federation subgraph', () => {
  it('composes with the partner subgraph without errors, Person joining both', () => {
    const result = composeServices([
      { name: 'exchange', url: 'http://exchange/graphql', typeDefs: parse(committedSdl) },
      { name: 'rentals', url: 'http://rentals/graphql', typeDefs: parse(partnerTypeDefs) },
    ]);
    expect(result.errors).toBeUndefined();
    const person = /type Person\s[^{]*\{([^}]*)\}/.exec(result.supergraphSdl!)![1]!;
    expect(person).toMatch(/tenancies: \[Tenancy!\]!/);
    expect(person).toMatch(/propertySummary: AssetSummary/);
  });

  it('matches schema/subgraph.graphql, and a router introspecting _service composes the same supergraph (run npm run schema:print after a deliberate change)', async () => {
    expect(await printExchangeSubgraph()).toBe(committedSdl);
    const res = await t.gql('{ _service { sdl } }', {}, 'demo-partner');
    const supergraphFrom = (sdl: string) => composeServices([{ name: 'exchange', url: 'http://exchange/graphql', typeDefs: parse(sdl) }]).supergraphSdl;
    expect(supergraphFrom(res.body.data._service.sdl)).toBe(supergraphFrom(committedSdl));
    // Keyed by the stable id only: the national ID number never becomes a key.
    expect(committedSdl).toMatch(/type Person\s+@key\(fields: "id"\)/);
  });

  it("has an explicit permission rule for every field, federation's included", async () => {
    const subgraph = await buildExchangeSubgraph();
    const tree = buildRuleTree(subgraph, federationRules);
    expect(Object.keys(tree.Query!)).toEqual(expect.arrayContaining(['person', '_entities', '_service']));
    expect(Object.keys(tree._Service!)).toEqual(['sdl']);
    // Without the federation rules the build refuses to start rather than fall back.
    expect(() => buildRuleTree(subgraph)).toThrow(/Query\._entities/);
  });
});

describe('the example supergraph (partner subgraph + gateway + exchange)', () => {
  const FEDERATED = `query Applications {
    tenancyApplications {
      id listing monthlyRentFen
      applicant {
        id
        tenancies { id address monthlyRentFen rentPaidOnTime }
        identity { name birthYear }
        nationalId
        ownsProperty
        propertySummary { count totalValueFen }
        properties { certificateNumber }
        transactions(first: 3) { edges { node { amountFen } } }
        transactionSummaries { month }
      }
    }
  }`;

  it('joins tenancy records with the coarse profile the partner licence grants, and denies the rest', async () => {
    const res = await post(gateway.url, FEDERATED, {}, declared('demo-partner', 'TENANCY'));
    expect(res.status).toBe(200);
    const apps = res.body.data.tenancyApplications as any[];
    expect(apps).toHaveLength(rentals.applications.length);

    const ordinaryId = idOf.get(demoPeople.ordinary.nationalId)!;
    const i = apps.findIndex((a) => a.applicant.id === ordinaryId);
    const ordinary = apps[i].applicant;
    // Partner data, from the rental platform's subgraph.
    expect(ordinary.tenancies.map((x: any) => x.id)).toEqual(rentals.tenancies.filter((x) => x.personId === ordinaryId).map((x) => x.id));
    // Exchange data, through _entities, at the partner's coarse precision.
    expect(ordinary.identity).toEqual({ name: demoPeople.ordinary.name, birthYear: 1988 });
    expect(ordinary.ownsProperty).toBe(true);
    expect(ordinary.propertySummary.count).toBe(1);
    expect(Number(ordinary.propertySummary.totalValueFen)).toBeGreaterThan(0);
    expect(ordinary.transactionSummaries.length).toBeGreaterThan(0);
    // Not granted: raw certificates, raw transactions and the national ID number.
    expect(ordinary.properties).toBeNull();
    expect(ordinary.transactions).toBeNull();
    expect(ordinary.nationalId).toBeNull();
    for (const field of ['properties', 'transactions', 'nationalId']) {
      const error = errorAt(res.body, `tenancyApplications.${i}.applicant.${field}`);
      expect(error?.extensions.code, field).toBe('FORBIDDEN');
    }
    // Every applicant has a tenancy list (possibly empty) whatever the exchange says.
    for (const a of apps) expect(Array.isArray(a.applicant.tenancies)).toBe(true);
  });

  it('without the purpose header, the exchange answers no profile field and says why; partner fields still answer', async () => {
    const res = await post(gateway.url, FEDERATED, {}, declared('demo-partner', null));
    const apps = res.body.data.tenancyApplications as any[];
    expect(apps.length).toBeGreaterThan(0);
    for (const a of apps) {
      expect(a.applicant.identity).toBeNull();
      expect(a.applicant.ownsProperty).toBeNull();
      expect(Array.isArray(a.applicant.tenancies)).toBe(true);
    }
    expect(codes(res.body)).toContain('BAD_USER_INPUT');
    expect(res.body.errors.map((e: any) => e.message).join(' ')).toMatch(/x-exchange-purpose/);
  });
});

describe('_entities at the exchange: the same gate as person', () => {
  const ordinary = () => idOf.get(demoPeople.ordinary.nationalId)!;

  it('granted: a full licence gets raw facts, exactly as through person', async () => {
    const viaEntities = await entities([ordinary()], declared('demo-scorer-full', 'CREDIT_APPLICATION'));
    const viaPerson = await person('demo-scorer-full', demoPeople.ordinary.nationalId, 'CREDIT_APPLICATION');
    expect(viaEntities.body.errors).toBeUndefined();
    const p = viaEntities.body.data._entities[0];
    expect(p.properties.length).toBeGreaterThan(0);
    expect(p.identity.address).toEqual(expect.any(String));
    expect(p.transactions.edges).toHaveLength(3);
    expect(p).toEqual(viaPerson.body.data.person);
  });

  it('coarse: the partner licence gets the flag and summary views, and the same refusals as through person', async () => {
    for (const who of [demoPeople.ordinary, demoPeople.judgmentDebtor, demoPeople.suedNotJudged]) {
      const viaEntities = await entities([idOf.get(who.nationalId)!], declared('demo-partner', 'TENANCY'));
      const viaPerson = await person('demo-partner', who.nationalId, 'TENANCY');
      const p = viaEntities.body.data._entities[0];
      expect(p).toEqual(viaPerson.body.data.person);
      expect(p.properties).toBeNull();
      expect(p.transactions).toBeNull();
      expect(p.identity.address).toBeNull();
      expect(p.propertySummary).not.toBeNull();
      expect(refusals(viaEntities.body)).toEqual(refusals({ errors: viaPerson.body.errors.map((e: any) => ({ ...e, path: ['_', ...e.path] })) }));
      expect(errorAt(viaEntities.body, '_entities.0.properties').extensions.code).toBe('FORBIDDEN');
    }
  });

  it('denied: nothing comes through _entities that person would refuse, with the same error', async () => {
    const furnisher = 'demo-furnisher-property-registry';
    const cases: [key: string, purpose: string, nationalId: string, code: string][] = [
      ['demo-scorer-coarse', 'CREDIT_APPLICATION', demoPeople.suedNotJudged.nationalId, 'CONSENT_REQUIRED'], // never consented
      ['demo-scorer-suspended', 'CREDIT_APPLICATION', demoPeople.ordinary.nationalId, 'LICENCE_INACTIVE'],
      ['demo-partner', 'CREDIT_APPLICATION', demoPeople.ordinary.nationalId, 'FORBIDDEN'], // purpose not licensed
      [furnisher, 'TENANCY', demoPeople.ordinary.nationalId, 'FORBIDDEN'], // role
    ];
    for (const [key, purpose, nationalId, code] of cases) {
      const viaEntities = await entities([idOf.get(nationalId)!], declared(key, purpose));
      const viaPerson = await person(key, nationalId, purpose);
      expect(viaPerson.body.data?.person ?? null, key).toBeNull();
      expect(viaEntities.body.data?._entities?.[0] ?? null, key).toBeNull();
      expect(codes(viaEntities.body), key).toEqual([code]);
      expect(codes(viaEntities.body)).toEqual(codes(viaPerson.body));
      expect(viaEntities.body.errors[0].message).toBe(viaPerson.body.errors[0].message);
    }
  });

  it('an unknown or malformed id is refused exactly like a person without consent', async () => {
    const res = await entities([randomUUID(), 'not-a-uuid', idOf.get(demoPeople.ordinary.nationalId)!], declared('demo-scorer-coarse', 'CREDIT_APPLICATION'));
    const noConsent = await entities([idOf.get(demoPeople.suedNotJudged.nationalId)!], declared('demo-scorer-coarse', 'CREDIT_APPLICATION'));
    const [unknown, malformed, known] = res.body.data._entities;
    expect(unknown).toBeNull();
    expect(malformed).toBeNull();
    expect(known.ownsProperty).toBe(true);
    const message = noConsent.body.errors[0].message;
    expect(errorAt(res.body, '_entities.0')).toMatchObject({ message, extensions: { code: 'CONSENT_REQUIRED' } });
    expect(errorAt(res.body, '_entities.1')).toMatchObject({ message, extensions: { code: 'CONSENT_REQUIRED' } });
  });

  it('no purpose: the request is refused before any person is looked up, with a clear message, and logged', async () => {
    for (const [purpose, pattern] of [
      [null, /declares its purpose in the x-exchange-purpose header/],
      ['TENANCY, CREDIT_APPLICATION', /Unknown purpose in the x-exchange-purpose header/],
    ] as const) {
      const requestId = `fed-nopurpose-${randomUUID()}`;
      const seen: string[] = [];
      t.testDb.database.traceStatements((q) => seen.push(q));
      const res = await entities([idOf.get(demoPeople.ordinary.nationalId)!], declared('demo-partner', purpose, 'LEASE-1', { 'x-request-id': requestId }));
      t.testDb.database.traceStatements(null);
      expect(res.body.data).toBeNull();
      expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors[0].message).toMatch(pattern);
      // Authentication and the log entry only: no person, consent or record was read.
      expect(seen.filter((q) => /from "(persons|consents|\w+_records)"/.test(q))).toEqual([]);
      const logged = await t.testDb.database.db.select().from(accessLog).where(eq(accessLog.requestId, requestId));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ outcome: 'REFUSED', reason: 'BAD_USER_INPUT', subjectId: null, disclosed: [], denied: ['Query._entities'] });
    }
  });

  it('a scorer must still declare its case: without x-exchange-case-reference every entity is refused', async () => {
    const res = await entities([idOf.get(demoPeople.ordinary.nationalId)!], declared('demo-partner', 'TENANCY', null));
    expect(res.body.data._entities).toEqual([null]);
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors[0].message).toMatch(/caseReference/);
  });

  it('logged: one access-log entry per person reached, with the coordinates disclosed and denied', async () => {
    const requestId = `fed-log-${randomUUID()}`;
    const caseReference = `LEASE-${randomUUID().slice(0, 8)}`;
    const reached = [demoPeople.ordinary, demoPeople.judgmentDebtor].map((p) => idOf.get(p.nationalId)!);
    const refused = randomUUID();
    const res = await entities([...reached, refused], declared('demo-partner', 'TENANCY', caseReference, { 'x-request-id': requestId }));
    expect(res.body.data._entities.filter(Boolean)).toHaveLength(2);

    const logged = await t.testDb.database.db.select().from(accessLog).where(eq(accessLog.requestId, requestId));
    const disclosedTo = logged.filter((e) => e.outcome === 'DISCLOSED');
    expect(disclosedTo.map((e) => e.subjectId).sort()).toEqual([...reached].sort());
    for (const e of disclosedTo) {
      expect(e).toMatchObject({ purpose: 'TENANCY', caseReference, operationName: 'Entities' });
      expect(e.consentId).toEqual(expect.any(Number));
      expect(e.disclosed).toEqual(expect.arrayContaining(['Person.identity', 'Person.ownsProperty', 'Person.propertySummary', 'Person.transactionSummaries']));
      expect(e.denied).toEqual(expect.arrayContaining(['Person.properties', 'Person.transactions', 'IdentityRecord.address']));
    }
    // The unknown id is logged as a refusal too, without a subject.
    expect(logged.filter((e) => e.outcome === 'REFUSED')).toEqual([
      expect.objectContaining({ subjectId: null, reason: 'CONSENT_REQUIRED', purpose: 'TENANCY', caseReference }),
    ]);
  });

  it('the gateway path is logged at the exchange under the partner, with the declared case', async () => {
    const caseReference = `LEASE-GW-${randomUUID().slice(0, 8)}`;
    await post(gateway.url, '{ tenancyApplications(first: 2) { applicant { ownsProperty } } }', {}, declared('demo-partner', 'TENANCY', caseReference));
    const logged = await t.testDb.database.db.select().from(accessLog).where(eq(accessLog.caseReference, caseReference));
    expect(logged).toHaveLength(2);
    for (const e of logged) expect(e).toMatchObject({ outcome: 'DISCLOSED', purpose: 'TENANCY', disclosed: expect.arrayContaining(['Person.ownsProperty']) });
  });
});

describe('_entities batching', () => {
  /** The statements a request issues, by the table they read first (for a readable diff). */
  async function statementsOf(ids: string[]) {
    const seen: string[] = [];
    t.testDb.database.traceStatements((q) => seen.push(/from "(\w+)"/.exec(q)?.[1] ?? q.slice(0, 30)));
    const res = await entities(ids, declared('demo-partner', 'TENANCY'));
    t.testDb.database.traceStatements(null);
    expect(res.body.data._entities.every(Boolean)).toBe(true);
    return seen.sort();
  }

  it('50 representations cost the exchange the SQL statements of the query shape, the same as 1', async () => {
    const fifty = allIds.slice(0, 50);
    expect(fifty).toHaveLength(50);
    // As in batching.test.ts: a person without court cases skips the nested statements, so
    // the bound is, table by table, the most any single person needs.
    const bound = new Map<string, number>();
    for (const id of fifty) {
      const tally = new Map<string, number>();
      for (const table of await statementsOf([id])) tally.set(table, (tally.get(table) ?? 0) + 1);
      for (const [table, n] of tally) bound.set(table, Math.max(bound.get(table) ?? 0, n));
    }
    const expected = [...bound].flatMap(([table, n]) => Array<string>(n).fill(table)).sort();
    expect(await statementsOf(fifty)).toEqual(expected);
    expect(expected.length).toBeLessThan(25);
  });

  it('more representations than one batch allows are refused, not split', async () => {
    const res = await entities(Array.from({ length: 101 }, () => randomUUID()), declared('demo-partner', 'TENANCY'));
    expect(res.body.data._entities.every((e: unknown) => e === null)).toBe(true);
    expect(new Set(codes(res.body))).toEqual(new Set(['BAD_USER_INPUT']));
  });
});
