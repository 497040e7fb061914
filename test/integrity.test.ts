import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { generatePeople, type GeneratedPerson } from '../src/seed/generator.js';
import { admitGenerated, RefusedSeedRecord } from '../src/seed/furnishing.js';
import { composeNationalId } from '../src/records/identity/national-id.js';
import { recordTables, type RecordKind } from '../src/records/index.js';
import { persons } from '../src/server/tables.js';
import { consents } from '../src/access/access.tables.js';
import { apiKeys, principals } from '../src/access/access.tables.js';
import { hashApiKey } from '../src/access/principal.js';
import { discrepancies } from '../src/furnishing/cross-checks/discrepancy.tables.js';

/**
 * Integrity a scorer and a newcomer can see: the demo furnished through the same checks as
 * real data; conflicts reaching the record's status; degrees matched by person and
 * institution; lenders' application identities cross-checked; findings shown to the subject.
 */

/** A fresh person nobody seeded: Hangzhou, born 1990, sequence 300 + n. */
const fresh = (n: number) => composeNationalId('330106', '1990-04-21', 300 + 2 * n + 1);

let t: TestServer;
const db = () => t.testDb.database.db;

const ingest = async (source: string, lines: unknown[]) => {
  const res = await fetch(`${t.url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer demo-furnisher-${source}` },
    body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
  });
  const body = (await res.json()) as any;
  expect(res.status).toBe(200);
  return body;
};

const identityLine = (nationalId: string, content: Record<string, unknown> = {}) => ({
  kind: 'identity',
  sourceRecordId: `ID-${nationalId}`,
  nationalId,
  content: { name: '王小明', birthDate: '1990-04-21', gender: 'M', address: '浙江省杭州市西湖区文三路90号', phone: '13905710042', ...content },
});
const jobLine = (nationalId: string, employer = '杭州云帆科技有限公司') => ({
  kind: 'employment',
  sourceRecordId: `EMP-${nationalId}`,
  nationalId,
  content: { employer, occupation: '测试工程师', startedOn: '2019-07-01', endedOn: null },
});
const applicationLine = (nationalId: string, ref: string, declared: Record<string, unknown> = {}) => ({
  kind: 'applicationIdentity',
  sourceRecordId: ref,
  nationalId,
  content: {
    applicationReference: ref,
    appliedOn: '2026-09-02',
    name: '王小明',
    birthDate: '1990-04-21',
    phone: '13905710042',
    address: '浙江省杭州市西湖区文三路90号',
    employer: '杭州云帆科技有限公司',
    ...declared,
  },
});

const personIdOf = async (nationalId: string) => (await db().select().from(persons).where(eq(persons.nationalId, nationalId)))[0]!.id;

/** The full scorer's consent for a fresh person, as the subject would grant it (copied from a demo person's). */
async function consentToFullScorer(nationalId: string) {
  const org = (await t.gql('{ me { organisationId } }', {}, 'demo-scorer-full')).body.data.me.organisationId;
  const ordinary = await personIdOf(demoPeople.ordinary.nationalId);
  const [template] = await db().select().from(consents).where(and(eq(consents.personId, ordinary), eq(consents.organisationId, org)));
  const { id: _id, ...row } = template!;
  await db().insert(consents).values({ ...row, personId: await personIdOf(nationalId), useCount: 0 });
}

const asScorer = (nationalId: string, selection: string) =>
  t.gql(`query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "INT-16") { ${selection} } }`, { id: nationalId }, 'demo-scorer-full');
const asRegulator = (nationalId: string, selection: string) =>
  t.gql(`query($id: String!) { person(nationalId: $id, purpose: REGULATORY_OVERSIGHT) { ${selection} } }`, { id: nationalId }, 'demo-regulator');

const findingsOf = async (nationalId: string, kind: string) =>
  db().select().from(discrepancies).where(and(eq(discrepancies.personId, await personIdOf(nationalId)), eq(discrepancies.kind, kind)));

const rowsOf = async (kind: RecordKind, sourceRecordId: string) => {
  const table = recordTables[kind];
  return (await db().select().from(table).where(eq(table.sourceRecordId, sourceRecordId))) as unknown as Record<string, any>[];
};

describe('the demo, furnished through the real pipeline', () => {
  let demo: TestServer;
  beforeAll(async () => {
    demo = await startTestServer({ crossChecks: true });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('shows the regulator the planted discrepancies on first start', async () => {
    const { body } = await demo.gql('{ discrepancies(first: 100, filter: { status: OPEN }) { edges { node { personId kind details } } } }', {}, 'demo-regulator');
    const found = body.data.discrepancies.edges.map((e: any) => e.node);
    const rows = await demo.testDb.database.db.select().from(persons);
    const nameOf = new Map(rows.map((r) => [r.id, Object.entries(demoPeople).find(([, p]) => p.nationalId === r.nationalId)?.[0]]));
    const planted = found.filter((f: any) => nameOf.get(f.personId)).map((f: any) => `${nameOf.get(f.personId)}:${f.kind}`);
    expect(planted).toEqual(
      expect.arrayContaining([
        'propertyMismatch:PROPERTY_OWNER_MISMATCH',
        'degreeNonAuthoritative:DEGREE_NOT_CONFIRMED',
        'criteriaBurst:CRITERIA_BURST',
        'ordinary:IDENTITY_MISMATCH',
      ]),
    );
    const application = found.find((f: any) => nameOf.get(f.personId) === 'ordinary' && f.kind === 'IDENTITY_MISMATCH');
    expect(application.details.fields).toEqual(['birthDate', 'phone', 'address', 'employer']);
  });

  it('serves a scorer the mismatched certificate as CONFLICTING and the burst as held back', async () => {
    const read = (id: string, selection: string) =>
      demo.gql(`query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "DEMO") { ${selection} } }`, { id }, 'demo-scorer-full');
    const liu = (await read(demoPeople.propertyMismatch.nationalId, 'properties { ownerName verification } verificationSummary { conflicting openDiscrepancyKinds }')).body.data.person;
    expect(liu.properties.find((p: any) => p.ownerName === '刘方').verification).toBe('CONFLICTING');
    expect(liu.properties.find((p: any) => p.ownerName === '刘芳').verification).toBe('VERIFIED');
    expect(liu.verificationSummary.conflicting).toBe(1);
    expect(liu.verificationSummary.openDiscrepancyKinds).toContain('PROPERTY_OWNER_MISMATCH');

    const zhou = (await read(demoPeople.criteriaBurst.nationalId, 'heldBack { quarantined byCategory { category count } }')).body.data.person;
    expect(zhou.heldBack.quarantined).toBe(4);
    expect(zhou.heldBack.byCategory.map((c: any) => c.category)).toEqual(['education', 'employment', 'identity', 'property']);
  });

  it('refuses to load a generated record ingestion would refuse', () => {
    const [person] = generatePeople({ people: 1, seed: 42 }) as unknown as GeneratedPerson[];
    expect(() => admitGenerated(person!)).not.toThrow();
    // A bank stating a person's identity record: the authority matrix refuses it.
    const identity = { ...person!.records.identity[0]!, source: 'bank-lender' as const };
    const wrongSource = { ...person!, records: { ...person!.records, identity: [identity] } } as unknown as GeneratedPerson;
    expect(() => admitGenerated(wrongSource)).toThrow(RefusedSeedRecord);
    expect(() => admitGenerated(wrongSource)).toThrow(/may not furnish identity/);
    // A degree without its certificate number: the kind's validator refuses it.
    const degree = person!.records.education[0] ?? { source: 'education-registry', sourceRecordId: 'EDU-X', content: { institution: '浙江大学', level: 'BACHELOR', field: '数学', graduatedOn: '2012-06-30', issuerConfirmed: true } };
    const invalid = { ...person!, records: { ...person!.records, education: [{ ...degree, content: { ...degree.content, certificateNumber: undefined } }] } } as unknown as GeneratedPerson;
    expect(() => admitGenerated(invalid)).toThrow(/certificateNumber/);
  });
});

describe('through /ingest, on fresh people', () => {
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves a registry certificate whose owner disagrees with the identity registry as CONFLICTING, and VERIFIED again once corrected', async () => {
    const id = fresh(1);
    await ingest('identity-registry', [identityLine(id)]);
    const certificate = (ownerName: string) => ({
      kind: 'property',
      sourceRecordId: `PR-${id}`,
      nationalId: id,
      content: { certificateNumber: '浙(2024)杭州市不动产权第0123456号', address: '浙江省杭州市西湖区文三路90号', valueFen: 350_000_000, ownerNationalId: id, ownerName, status: 'ACTIVE' },
    });
    await ingest('property-registry', [certificate('王晓明')]);
    await consentToFullScorer(id);
    const selection = 'properties { ownerName verification } verificationSummary { verified conflicting openDiscrepancyKinds }';
    const before = (await asScorer(id, selection)).body.data.person;
    expect(before.properties).toEqual([{ ownerName: '王晓明', verification: 'CONFLICTING' }]);
    expect(before.verificationSummary).toMatchObject({ conflicting: 1, openDiscrepancyKinds: ['PROPERTY_OWNER_MISMATCH'] });

    await ingest('property-registry', [certificate('王小明')]);
    const after = (await asScorer(id, selection)).body.data.person;
    expect(after.properties).toEqual([{ ownerName: '王小明', verification: 'VERIFIED' }]);
    expect(after.verificationSummary.conflicting).toBe(0);
  });

  it('matches a degree with the registry’s degrees from the same institution and flags the level and date that disagree', async () => {
    const id = fresh(2);
    const degree = (ref: string, content: Record<string, unknown>) => ({
      kind: 'education',
      sourceRecordId: ref,
      nationalId: id,
      content: { institution: '浙江大学', level: 'BACHELOR', field: '金融学', graduatedOn: '2012-06-30', certificateNumber: '103351201205001234', issuerConfirmed: true, ...content },
    });
    await ingest('identity-registry', [identityLine(id)]);
    await ingest('education-registry', [degree(`EDU-${id}`, {})]);
    // The employer states a master's from the same university, under a certificate number of its own.
    await ingest('employer-network', [
      degree(`EMP-EDU-${id}`, { level: 'MASTER', graduatedOn: '2015-06-30', certificateNumber: '103351201505009999', issuerConfirmed: false }),
      // A degree from an institution the registry holds nothing of stays unconfirmed, not conflicting.
      degree(`EMP-EDU2-${id}`, { institution: '复旦大学', certificateNumber: '102461201205000001', issuerConfirmed: false }),
    ]);
    const claims = (await asRegulator(id, 'education { institution level verification }')).body.data.person.education;
    expect(claims.find((e: any) => e.level === 'MASTER').verification).toBe('CONFLICTING');
    expect(claims.find((e: any) => e.institution === '复旦大学').verification).toBe('UNVERIFIED');
    const findings = await findingsOf(id, 'DEGREE_NOT_CONFIRMED');
    const conflict = findings.find((f) => f.records.length === 2)!;
    expect(conflict.details).toEqual({ fields: ['level', 'graduatedOn'] });
    expect(conflict.records.map((r) => r.sourceRecordId)).toEqual([`EMP-EDU-${id}`, `EDU-${id}`]);
  });

  it('cross-checks the identity a lender’s applicant declared against the registry and the employer network', async () => {
    const id = fresh(3);
    await ingest('identity-registry', [identityLine(id)]);
    await ingest('employer-network', [jobLine(id)]);
    const truthful = await ingest('bank-lender', [applicationLine(id, `BK-APP-${id}`)]);
    expect(truthful.counts.created).toBe(1);
    const fake = await ingest('p2p-lender', [applicationLine(id, `P2P-APP-${id}`, { birthDate: '1991-04-21', phone: '17000000001', employer: '深圳市鑫汇达贸易有限公司' })]);
    expect(fake.counts.created).toBe(1);
    await consentToFullScorer(id);
    const p = (await asScorer(id, 'applicationIdentities { applicationReference phone verification provenance { source { code } } } verificationSummary { conflicting openDiscrepancyKinds }')).body.data.person;
    const byRef = Object.fromEntries(p.applicationIdentities.map((a: any) => [a.applicationReference, a]));
    expect(byRef[`BK-APP-${id}`].verification).toBe('VERIFIED');
    expect(byRef[`P2P-APP-${id}`]).toMatchObject({ verification: 'CONFLICTING', provenance: { source: { code: 'p2p-lender' } } });
    expect(p.verificationSummary.openDiscrepancyKinds).toEqual(['IDENTITY_MISMATCH']);
    const [mismatch, ...more] = await findingsOf(id, 'IDENTITY_MISMATCH');
    expect(more).toHaveLength(0);
    expect(mismatch!.details).toEqual({ fields: ['birthDate', 'phone', 'employer'] });
    expect(mismatch!.records.map((r) => r.kind)).toEqual(['applicationIdentity', 'identity', 'employment']);
  });

  it('takes the phone the registry held on the day of the application as agreeing, and not one it took on later', async () => {
    const id = fresh(6);
    const registry = (phone: string, receivedAt: string) => ({ ...identityLine(id, { phone }), receivedAt });
    await ingest('identity-registry', [registry('13905710042', '2025-01-10T02:00:00Z')]);
    // The applicant's phone then: the registry has recorded a new one since.
    await ingest('identity-registry', [registry('13905719999', '2026-10-01T02:00:00Z')]);
    const earlier = applicationLine(id, `BK-OLD-${id}`, { phone: '13905710042', appliedOn: '2025-06-01' });
    // Declared after the change, the old phone is no longer the person's.
    const later = applicationLine(id, `P2P-NEW-${id}`, { phone: '13905710042', appliedOn: '2099-01-01' });
    await ingest('bank-lender', [earlier]);
    await ingest('p2p-lender', [{ ...later, content: { ...later.content, appliedOn: new Date().toISOString().slice(0, 10) } }]);
    const status = async (ref: string) => (await rowsOf('applicationIdentity', ref)).find((r) => r.supersededAt === null)!.verification;
    expect(await status(`BK-OLD-${id}`)).toBe('VERIFIED');
    expect(await status(`P2P-NEW-${id}`)).toBe('CONFLICTING');
    const [mismatch, ...more] = await findingsOf(id, 'IDENTITY_MISMATCH');
    expect(more).toHaveLength(0);
    expect(mismatch!.records.map((r) => r.sourceRecordId)).toEqual([`P2P-NEW-${id}`, `ID-${id}`]);
  });

  it('refuses application identities from sources other than lenders, or inconsistent ones, storing nothing', async () => {
    const id = fresh(4);
    await ingest('identity-registry', [identityLine(id)]);
    const fromApp = await ingest('partner-app', [applicationLine(id, `PA-APP-${id}`)]);
    expect(fromApp.counts).toMatchObject({ accepted: 0, rejected: 1 });
    expect(fromApp.rejected[0]).toMatchObject({ line: 1, field: 'kind' });
    const inconsistent = await ingest('p2p-lender', [applicationLine(id, `P2P-BAD-${id}`, { birthDate: '2027-01-01' }), applicationLine(id, `P2P-BAD2-${id}`, { phone: 'call me' })]);
    expect(inconsistent.counts).toMatchObject({ accepted: 0, rejected: 2 });
    expect(inconsistent.rejected.map((r: any) => r.field)).toEqual(['content.birthDate', 'content.phone']);
    for (const ref of [`PA-APP-${id}`, `P2P-BAD-${id}`, `P2P-BAD2-${id}`]) expect(await rowsOf('applicationIdentity', ref)).toHaveLength(0);
  });

  it('shows the subject the open findings about their own records, who said what, and lets them dispute from there', async () => {
    const id = fresh(5);
    await ingest('identity-registry', [identityLine(id)]);
    await ingest('p2p-lender', [applicationLine(id, `P2P-APP-${id}`, { phone: '17000000002' })]);
    const personId = await personIdOf(id);
    const [principal] = await db().insert(principals).values({ kind: 'SUBJECT', name: 'Subject of issue 16', personId, createdAt: new Date() }).returning({ id: principals.id });
    await db().insert(apiKeys).values({ principalId: principal!.id, keyHash: hashApiKey('subject-16-key'), label: 'test subject', createdAt: new Date() });

    const { body } = await t.gql(
      '{ me { findings { id kind summary fields statements { recordKind recordId verification source { code } values { field value } } } } }',
      {},
      'subject-16-key',
    );
    expect(body.errors).toBeUndefined();
    const [finding, ...others] = body.data.me.findings;
    expect(others).toHaveLength(0);
    expect(finding).toMatchObject({ kind: 'IDENTITY_MISMATCH', fields: ['phone'] });
    expect(finding.statements.map((s: any) => [s.source.code, s.verification, s.values])).toEqual([
      ['p2p-lender', 'CONFLICTING', [{ field: 'phone', value: '17000000002' }]],
      ['identity-registry', 'VERIFIED', [{ field: 'phone', value: '13905710042' }]],
    ]);

    const application = finding.statements[0];
    const disputed = await t.gql(
      'mutation($kind: FurnishedRecordKind!, $id: ID!) { disputeRecord(recordKind: $kind, recordId: $id, reason: "I never applied to this platform") { status recordKind } }',
      { kind: application.recordKind, id: application.recordId },
      'subject-16-key',
    );
    expect(disputed.body.data.disputeRecord).toEqual({ status: 'OPEN', recordKind: 'applicationIdentity' });

    // Another subject hears nothing of it; a scorer is refused the field.
    const other = await t.gql('{ me { findings { id } } }', {}, 'demo-subject');
    expect(other.body.data.me.findings.map((f: any) => f.id)).not.toContain(finding.id);
    const scorer = await t.gql('{ me { findings { id } } }', {}, 'demo-scorer-full');
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
