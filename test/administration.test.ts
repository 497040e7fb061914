import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { organisations, oversightEvents, principals, sources, apiKeys } from '../src/server/tables.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { bootstrapRegulator } from '../src/administration/administration.service.js';

let t: TestServer;
const db = () => t.testDb.database.db;
const REGULATOR = 'demo-regulator';

const REGISTER_SOURCE = `mutation($input: RegisterSourceInput!) { registerSource(input: $input) { id code kind authoritativeFor mayFurnish } }`;
const REGISTER_ORG = `mutation($input: RegisterOrganisationInput!) { registerOrganisation(input: $input) { id kind name registrationNumber sourceId } }`;
const REGISTER_PRINCIPAL = `mutation($input: RegisterPrincipalInput!) { registerPrincipal(input: $input) { id kind name organisationId } }`;
const ISSUE_KEY = `mutation($p: Int!, $label: String!) { issueApiKey(principalId: $p, label: $label) { id key } }`;

const codes = (r: { body: { errors?: { extensions: { code: string } }[] } }) => (r.body.errors ?? []).map((e) => e.extensions.code);
const counts = async () => ({
  organisations: (await db().select({ n: count() }).from(organisations))[0]!.n,
  principals: (await db().select({ n: count() }).from(principals))[0]!.n,
  sources: (await db().select({ n: count() }).from(sources))[0]!.n,
  events: (await db().select({ n: count() }).from(oversightEvents))[0]!.n,
});

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

describe('registration by the regulator', () => {
  it('registers a source, its furnisher organisation and principal, and a key that can furnish', async () => {
    const regulatorId = (await db().select({ id: principals.id }).from(principals).where(eq(principals.kind, 'REGULATOR')))[0]?.id;
    const source = await t.gql(REGISTER_SOURCE, { input: { code: 'hz-land-registry', name: '杭州市不动产登记中心', kind: 'PROPERTY_REGISTRY', authoritativeFor: ['property'] } }, REGULATOR);
    expect(source.body.errors).toBeUndefined();
    expect(source.body.data.registerSource).toMatchObject({ code: 'hz-land-registry', kind: 'PROPERTY_REGISTRY', authoritativeFor: ['property'] });
    const sourceId = Number(source.body.data.registerSource.id);

    const org = await t.gql(REGISTER_ORG, { input: { kind: 'FURNISHER', name: '杭州市不动产登记中心', registrationNumber: '12330100MB0H12345X', sourceId } }, REGULATOR);
    expect(org.body.data.registerOrganisation).toMatchObject({ kind: 'FURNISHER', registrationNumber: '12330100MB0H12345X', sourceId });
    const orgId = Number(org.body.data.registerOrganisation.id);

    const principal = await t.gql(REGISTER_PRINCIPAL, { input: { kind: 'FURNISHER', name: 'Land registry uploader', organisationId: orgId } }, REGULATOR);
    expect(principal.body.data.registerPrincipal).toMatchObject({ kind: 'FURNISHER', organisationId: orgId });
    const principalId = Number(principal.body.data.registerPrincipal.id);

    const key = await t.gql(ISSUE_KEY, { p: principalId, label: 'uploader' }, REGULATOR);
    const secret = key.body.data.issueApiKey.key as string;
    const me = await t.gql('{ me { kind organisationName } }', {}, secret);
    expect(me.body.data.me).toEqual({ kind: 'FURNISHER', organisationName: '杭州市不动产登记中心' });

    // Every change is an oversight event naming the regulator who made it.
    const events = await db().select().from(oversightEvents).where(eq(oversightEvents.actorPrincipalId, regulatorId ?? -1));
    const actions = events.map((e) => `${e.action}:${e.targetId}`);
    expect(actions).toEqual(
      expect.arrayContaining([`SOURCE_REGISTERED:${sourceId}`, `ORGANISATION_REGISTERED:${orgId}`, `PRINCIPAL_REGISTERED:${principalId}`, `API_KEY_ISSUED:${key.body.data.issueApiKey.id}`]),
    );
    expect(events.find((e) => e.action === 'SOURCE_REGISTERED')!.details).toMatchObject({ via: 'api', code: 'hz-land-registry' });
  });

  it('registers a scorer organisation and principal, and a subject bound to a person on file', async () => {
    const org = await t.gql(REGISTER_ORG, { input: { kind: 'SCORER', name: 'Qiantang Consumer Credit', registrationNumber: '91330100MA2CX0001K' } }, REGULATOR);
    const orgId = Number(org.body.data.registerOrganisation.id);
    const scorer = await t.gql(REGISTER_PRINCIPAL, { input: { kind: 'SCORER', name: 'Qiantang scoring service', organisationId: orgId } }, REGULATOR);
    expect(scorer.body.data.registerPrincipal.kind).toBe('SCORER');

    const subject = await t.gql(REGISTER_PRINCIPAL, { input: { kind: 'SUBJECT', name: 'A person', nationalId: demoPeople.judgmentDebtor.nationalId } }, REGULATOR);
    expect(subject.body.errors).toBeUndefined();
    const row = (await db().select().from(principals).where(eq(principals.id, Number(subject.body.data.registerPrincipal.id))))[0]!;
    expect(row.kind).toBe('SUBJECT');
    expect(row.personId).toMatch(/^[0-9a-f-]{36}$/);
    const event = (await db().select().from(oversightEvents).where(eq(oversightEvents.targetId, String(row.id)))).find((e) => e.action === 'PRINCIPAL_REGISTERED')!;
    // The event names the person by id, never by national ID number.
    expect(event.details).toMatchObject({ personId: row.personId, via: 'api' });
    expect(JSON.stringify(event.details)).not.toContain(demoPeople.judgmentDebtor.nationalId);
    // One subject principal per person: a second key goes to the same principal.
    const again = await t.gql(REGISTER_PRINCIPAL, { input: { kind: 'SUBJECT', name: 'Again', nationalId: demoPeople.judgmentDebtor.nationalId } }, REGULATOR);
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses bad input with BAD_USER_INPUT or NOT_FOUND and stores nothing', async () => {
    const before = await counts();
    const regulatorOrg = (await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'REGULATOR')))[0]!.id;
    const refusals: [string, Record<string, unknown>, string][] = [
      [REGISTER_SOURCE, { input: { code: 'Bad Code!', name: 'x', kind: 'COURT' } }, 'BAD_USER_INPUT'],
      [REGISTER_SOURCE, { input: { code: 'identity-registry', name: 'again', kind: 'IDENTITY_REGISTRY' } }, 'BAD_USER_INPUT'],
      // The authority matrix decides: an employer is not authoritative for identity.
      [REGISTER_SOURCE, { input: { code: 'acme-hr', name: 'Acme HR', kind: 'EMPLOYER', authoritativeFor: ['identity'] } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'FURNISHER', name: 'No source', registrationNumber: 'R-1' } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'FURNISHER', name: 'Ghost source', registrationNumber: 'R-2', sourceId: 999999 } }, 'NOT_FOUND'],
      [REGISTER_ORG, { input: { kind: 'SCORER', name: 'Has a source', registrationNumber: 'R-3', sourceId: 1 } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'SUBJECT', name: 'A person', registrationNumber: 'R-4' } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'CONSENT_MANAGER', name: 'A consent manager', registrationNumber: 'R-7' } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'SCORER', name: 'Qiantang Consumer Credit', registrationNumber: 'R-5' } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'SCORER', name: 'Another name', registrationNumber: '91330100MA2CX0001K' } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'SCORER', name: '   ', registrationNumber: 'R-6' } }, 'BAD_USER_INPUT'],
      [REGISTER_ORG, { input: { kind: 'SCORER', name: 'Bad number', registrationNumber: "1; drop table x'" } }, 'BAD_USER_INPUT'],
      [REGISTER_PRINCIPAL, { input: { kind: 'SCORER', name: 'No organisation' } }, 'BAD_USER_INPUT'],
      [REGISTER_PRINCIPAL, { input: { kind: 'SCORER', name: 'Wrong kind', organisationId: regulatorOrg } }, 'BAD_USER_INPUT'],
      [REGISTER_PRINCIPAL, { input: { kind: 'SCORER', name: 'Nowhere', organisationId: 999999 } }, 'NOT_FOUND'],
      [REGISTER_PRINCIPAL, { input: { kind: 'SUBJECT', name: 'Bad id', nationalId: '110105198805170315' } }, 'BAD_USER_INPUT'],
      [REGISTER_PRINCIPAL, { input: { kind: 'SUBJECT', name: 'Unknown person', nationalId: '11010519491231002X' } }, 'NOT_FOUND'],
      [REGISTER_PRINCIPAL, { input: { kind: 'SUBJECT', name: 'With org', nationalId: demoPeople.ordinary.nationalId, organisationId: 1 } }, 'BAD_USER_INPUT'],
    ];
    for (const [query, variables, code] of refusals) {
      const res = await t.gql(query, variables, REGULATOR);
      expect({ variables, codes: codes(res) }).toEqual({ variables, codes: [code] });
    }
    expect(await counts()).toEqual(before);
  });

  it('is the regulator’s alone', async () => {
    const before = await counts();
    for (const key of ['demo-scorer-full', 'demo-partner', 'demo-subject', 'demo-furnisher-court-system']) {
      const res = await t.gql(REGISTER_ORG, { input: { kind: 'SCORER', name: `By ${key}`, registrationNumber: 'X-1' } }, key);
      expect(codes(res)).toEqual(['FORBIDDEN']);
    }
    expect(codes(await t.gql(REGISTER_ORG, { input: { kind: 'SCORER', name: 'Anon', registrationNumber: 'X-2' } }, null))).toEqual(['UNAUTHENTICATED']);
    expect(await counts()).toEqual(before);
  });

  it('bootstrap is refused once a regulator exists, and changes nothing', async () => {
    const before = await counts();
    const keys = (await db().select({ n: count() }).from(apiKeys))[0]!.n;
    await expect(bootstrapRegulator(db(), { organisationName: 'Second Authority', registrationNumber: 'B-1', principalName: 'Second' })).rejects.toThrow(/A regulator already exists/);
    expect(await counts()).toEqual(before);
    expect((await db().select({ n: count() }).from(apiKeys))[0]!.n).toBe(keys);
  });
});
