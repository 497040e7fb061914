import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { CRITERIA_BURST_START } from '../src/seed/planted.js';
import { persons, sources } from '../src/server/tables.js';
import { recordTables, type RecordKind } from '../src/records/index.js';
import { appendVersion } from '../src/records/shared/append-version.js';
import { discrepancies } from '../src/furnishing/cross-checks/discrepancy.tables.js';
import { oversightEvents } from '../src/audit/oversight.tables.js';
import { crossCheckPersons, scopeOfChange } from '../src/furnishing/cross-checks/cross-check.service.js';
import { contentOf } from '../src/furnishing/cross-checks/restatus.js';

let t: TestServer;
let ids: Record<keyof typeof demoPeople, string>;
let sourceId: Record<string, number>;
const db = () => t.testDb.database.db;
const HOUR = 3_600_000;
/** Just after the planted burst of `criteriaBurst` (its last change is 7 h 20 min in). */
const afterBurst = new Date(CRITERIA_BURST_START + 8 * HOUR);

beforeAll(async () => {
  t = await startTestServer();
  const rows = await db().select().from(persons);
  ids = Object.fromEntries(
    Object.entries(demoPeople).map(([name, p]) => [name, rows.find((r) => r.nationalId === p.nationalId)!.id]),
  ) as typeof ids;
  sourceId = Object.fromEntries((await db().select().from(sources)).map((s) => [s.code, s.id]));
});
afterAll(async () => {
  await t?.close();
});

const openRows = async (kind: RecordKind, personId: string) => {
  const table = recordTables[kind];
  return (await db().select().from(table).where(and(eq(table.personId, personId), isNull(table.supersededAt)))) as unknown as Array<
    Record<string, any>
  >;
};
const findingsOf = (personId: string, kind?: string) =>
  db()
    .select()
    .from(discrepancies)
    .where(and(eq(discrepancies.personId, personId), kind ? eq(discrepancies.kind, kind) : undefined));
const countOf = async (table: any) => (await db().select({ n: count() }).from(table))[0]!.n;

const profile = (fields: string) =>
  `query($id: String!, $p: Purpose!, $c: String) { person(nationalId: $id, purpose: $p, caseReference: $c) { ${fields} } }`;
const asScorer = (key: string, nationalId: string, fields: string) => t.gql(profile(fields), { id: nationalId, p: 'ACCOUNT_REVIEW', c: 'REVIEW-7' }, key);
const asRegulator = (nationalId: string, fields: string) => t.gql(profile(fields), { id: nationalId, p: 'REGULATORY_OVERSIGHT' }, 'demo-regulator');

describe('cross-checks against the authoritative sources', () => {
  it('finds a property certificate whose owner name differs from the identity registry', async () => {
    await crossCheckPersons(db(), [ids.propertyMismatch], new Date());
    const [finding, ...more] = await findingsOf(ids.propertyMismatch, 'PROPERTY_OWNER_MISMATCH');
    expect(more).toHaveLength(0);
    expect(finding!.status).toBe('OPEN');
    expect(finding!.details).toMatchObject({ fields: ['ownerName'], onCertificate: { ownerName: '刘方' }, inIdentityRegistry: { name: '刘芳' } });
    expect(finding!.records.map((r) => r.kind)).toEqual(['property', 'identity']);
  });

  it('finds a degree the education registry never confirmed, and leaves it UNVERIFIED', async () => {
    await crossCheckPersons(db(), [ids.degreeNonAuthoritative], new Date());
    const findings = await findingsOf(ids.degreeNonAuthoritative, 'DEGREE_NOT_CONFIRMED');
    expect(findings).toHaveLength(1);
    const [degree] = await openRows('education', ids.degreeNonAuthoritative);
    expect(degree!.verification).toBe('UNVERIFIED');
    expect(findings[0]!.records[0]).toMatchObject({ kind: 'education', sourceRecordId: degree!.sourceRecordId });
  });

  it('turns a record from another channel VERIFIED when the authority agrees and CONFLICTING when it disagrees, by appending a version', async () => {
    // The employer states a degree the education registry holds, word for word.
    const [registryDegree] = (await openRows('education', ids.ordinary)).filter((r) => r.sourceId === sourceId['education-registry']);
    const base = { personId: ids.ordinary, sourceId: sourceId['employer-network']!, receivedAt: new Date() };
    const agreeing = await appendVersion(db(), 'education', { ...base, sourceRecordId: 'EMP-EDU-CHECK', content: contentOf(registryDegree!) });
    // An app declares the same identity with another name.
    const [registryId] = (await openRows('identity', ids.suedNotJudged)).filter((r) => r.sourceId === sourceId['identity-registry']);
    await appendVersion(db(), 'identity', {
      personId: ids.suedNotJudged,
      sourceId: sourceId['partner-app']!,
      sourceRecordId: 'PA-ID-CHECK',
      receivedAt: new Date(),
      content: { ...contentOf(registryId!), name: '陈小雨' },
    });
    const checkedAt = new Date();
    await crossCheckPersons(db(), [ids.ordinary, ids.suedNotJudged], checkedAt);

    const table = recordTables.education;
    const versions = await db().select().from(table).where(eq(table.sourceRecordId, 'EMP-EDU-CHECK')).orderBy(table.id);
    expect(versions.map((v) => v.verification)).toEqual(['UNVERIFIED', 'VERIFIED']);
    expect(versions[0]!.id).toBe(agreeing.id);
    expect(versions[0]!.supersededAt?.toISOString()).toBe(checkedAt.toISOString());
    expect(versions[1]!.contentHash).toBe(versions[0]!.contentHash);
    expect(versions[1]!.institution).toBe(registryDegree!.institution);

    const claim = (await openRows('identity', ids.suedNotJudged)).find((r) => r.sourceRecordId === 'PA-ID-CHECK');
    expect(claim!.verification).toBe('CONFLICTING');
    const [mismatch] = await findingsOf(ids.suedNotJudged, 'IDENTITY_MISMATCH');
    expect(mismatch!.details).toEqual({ fields: ['name'] });

    // As of just before the check, the record was still UNVERIFIED: the status change has a time.
    const before = await asRegulator(demoPeople.ordinary.nationalId, `education { institution verification provenance { sourceRecordId } }`);
    const now = before.body.data.person.education.find((e: any) => e.provenance.sourceRecordId === 'EMP-EDU-CHECK');
    expect(now.verification).toBe('VERIFIED');
    const past = await t.gql(
      `query($id: String!, $at: DateTime) { person(nationalId: $id, purpose: REGULATORY_OVERSIGHT, asOf: $at) { education { verification provenance { sourceRecordId } } } }`,
      { id: demoPeople.ordinary.nationalId, at: new Date(checkedAt.getTime() - 1).toISOString() },
      'demo-regulator',
    );
    expect(past.body.data.person.education.find((e: any) => e.provenance.sourceRecordId === 'EMP-EDU-CHECK').verification).toBe('UNVERIFIED');
  });

  it('finds a referee phone that is another person’s own phone, but not colleagues sharing an employer’s switchboard', async () => {
    const [ordinaryId] = (await openRows('identity', ids.ordinary)).filter((r) => r.sourceId === sourceId['identity-registry']);
    const job = {
      employer: '深圳启航贸易有限公司',
      occupation: '销售',
      startedOn: '2024-01-02',
      endedOn: null,
      employerPhone: '0755-88886666',
      referees: [{ name: '王强', relation: 'FRIEND', phone: ordinaryId!.phone }],
    };
    await appendVersion(db(), 'employment', { personId: ids.judgmentDebtor, sourceId: sourceId['partner-app']!, sourceRecordId: 'PA-EMP-SHARED', receivedAt: new Date(), content: job });
    // A colleague of `ordinary`: same employer, same switchboard number.
    const [ordinaryJob] = (await openRows('employment', ids.ordinary)).filter((r) => r.endedOn === null);
    await appendVersion(db(), 'employment', {
      personId: ids.propertyMismatch,
      sourceId: sourceId['employer-network']!,
      sourceRecordId: 'EMP-COLLEAGUE',
      receivedAt: new Date(),
      content: { ...job, employer: ordinaryJob!.employer, employerPhone: ordinaryJob!.employerPhone, referees: [] },
    });
    await crossCheckPersons(db(), [ids.judgmentDebtor, ids.propertyMismatch], new Date());
    const [shared, ...more] = await findingsOf(ids.judgmentDebtor, 'SHARED_CONTACT');
    expect(more).toHaveLength(0);
    expect(shared!.details).toMatchObject({ phone: ordinaryId!.phone, usedAs: 'REFEREE', alsoFoundAs: 'SUBJECT', otherPersonId: ids.ordinary });
    expect(shared!.records.map((r) => r.kind)).toEqual(['employment', 'identity']);
    expect(await findingsOf(ids.propertyMismatch, 'SHARED_CONTACT')).toHaveLength(0);
  });

  it('is idempotent: running again creates no finding and no version', async () => {
    const everyone = Object.values(ids);
    await crossCheckPersons(db(), everyone, new Date());
    const before = { findings: await countOf(discrepancies), identity: await countOf(recordTables.identity), education: await countOf(recordTables.education) };
    await crossCheckPersons(db(), everyone, new Date());
    await crossCheckPersons(db(), everyone, new Date());
    expect({ findings: await countOf(discrepancies), identity: await countOf(recordTables.identity), education: await countOf(recordTables.education) }).toEqual(before);
  });
});

describe('the score-reset pattern', () => {
  const burstFields = `properties { certificateNumber verification } education { institution verification }
    employment { occupation verification } identityRecords { phone verification }
    heldBack { quarantined byCategory { category count } }`;

  it('needs enough categories within the window', async () => {
    await crossCheckPersons(db(), [ids.criteriaBurst], afterBurst, { burstWindowHours: 24, burstMinCategories: 7 });
    await crossCheckPersons(db(), [ids.criteriaBurst], new Date(CRITERIA_BURST_START + 60 * 24 * HOUR), { burstWindowHours: 24, burstMinCategories: 4 });
    expect(await findingsOf(ids.criteriaBurst, 'CRITERIA_BURST')).toHaveLength(0);
    const scorer = await asScorer('demo-scorer-full', demoPeople.criteriaBurst.nationalId, 'heldBack { quarantined }');
    expect(scorer.body.data.person.heldBack.quarantined).toBe(0);
  });

  it('quarantines the changed records: scorers see that facts are held back, regulators see the facts', async () => {
    await crossCheckPersons(db(), [ids.criteriaBurst], afterBurst);
    const [burst, ...more] = await findingsOf(ids.criteriaBurst, 'CRITERIA_BURST');
    expect(more).toHaveLength(0);
    expect(burst!.details.categories).toEqual(['contact', 'education', 'occupation', 'property', 'referees']);
    const held = burst!.records.map((r) => `${r.kind}:${r.sourceRecordId}`).sort();
    expect(held).toHaveLength(4); // the app's identity, certificate, degree and employment records
    const appProperty = (await openRows('property', ids.criteriaBurst)).find((r) => r.sourceId === sourceId['partner-app'])!;
    expect(appProperty.verification).toBe('QUARANTINED');

    const scorer = await asScorer('demo-scorer-full', demoPeople.criteriaBurst.nationalId, burstFields + ' ownsProperty');
    const p = scorer.body.data.person;
    expect(p.properties).toEqual([]);
    expect(p.ownsProperty).toBe(false);
    expect(p.education.map((e: any) => e.institution)).not.toContain('浙江大学');
    expect(p.employment.every((e: any) => e.verification !== 'QUARANTINED')).toBe(true);
    expect(p.identityRecords).toHaveLength(1);
    expect(p.heldBack).toEqual({
      quarantined: 4,
      byCategory: [
        { category: 'education', count: 1 },
        { category: 'employment', count: 1 },
        { category: 'identity', count: 1 },
        { category: 'property', count: 1 },
      ],
    });
    // A coarse licence hears only of categories it is granted.
    const coarse = await asScorer('demo-scorer-coarse', demoPeople.criteriaBurst.nationalId, 'ownsProperty heldBack { quarantined byCategory { category } }');
    expect(coarse.body.data.person.ownsProperty).toBe(false);
    expect(coarse.body.data.person.heldBack.byCategory.map((c: any) => c.category)).toEqual(['identity', 'property']);

    const regulator = await asRegulator(demoPeople.criteriaBurst.nationalId, burstFields);
    expect(regulator.body.data.person.properties).toEqual([{ certificateNumber: appProperty.certificateNumber, verification: 'QUARANTINED' }]);
    expect(regulator.body.data.person.identityRecords.map((r: any) => r.verification).sort()).toEqual(['QUARANTINED', 'VERIFIED']);
  });

  it('shows a scorer with the verification SUMMARY grant the counts and open finding kinds; a coarse licence is refused that field', async () => {
    const full = await asScorer('demo-scorer-full', demoPeople.criteriaBurst.nationalId, 'verificationSummary { quarantined disputed openDiscrepancyKinds }');
    expect(full.body.data.person.verificationSummary).toMatchObject({ quarantined: 4, disputed: 0 });
    expect(full.body.data.person.verificationSummary.openDiscrepancyKinds).toContain('CRITERIA_BURST');
    const coarse = await asScorer('demo-scorer-coarse', demoPeople.criteriaBurst.nationalId, 'id verificationSummary { quarantined }');
    expect(coarse.body.data.person).toEqual({ id: ids.criteriaBurst, verificationSummary: null });
    expect(coarse.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('serves a held change again once its authoritative source confirms it', async () => {
    const appProperty = (await openRows('property', ids.criteriaBurst)).find((r) => r.sourceId === sourceId['partner-app'])!;
    await appendVersion(db(), 'property', {
      personId: ids.criteriaBurst,
      sourceId: sourceId['property-registry']!,
      sourceRecordId: 'PR-CONFIRMS',
      receivedAt: new Date(),
      verification: 'VERIFIED',
      content: contentOf(appProperty),
    });
    // Checked as a load of another kind would ask (a degree from the education registry): the
    // person's open burst brings in every kind, so the confirmed certificate leaves quarantine.
    const scope = new Map([[ids.criteriaBurst, scopeOfChange('education', 'EDUCATION_REGISTRY')]]);
    await crossCheckPersons(db(), [ids.criteriaBurst], new Date(), undefined, scope);
    const now = (await openRows('property', ids.criteriaBurst)).find((r) => r.sourceRecordId === appProperty.sourceRecordId)!;
    expect(now.verification).toBe('VERIFIED');
    const [burst] = await findingsOf(ids.criteriaBurst, 'CRITERIA_BURST');
    expect(burst!.status).toBe('OPEN'); // the other changes still wait
    const scorer = await asScorer('demo-scorer-full', demoPeople.criteriaBurst.nationalId, 'heldBack { quarantined } properties { certificateNumber }');
    expect(scorer.body.data.person.heldBack.quarantined).toBe(3);
    expect(scorer.body.data.person.properties).toHaveLength(2);
  });

  it('lets a regulator release the quarantine, logged as an oversight event, and keeps it released', async () => {
    const [burst] = await findingsOf(ids.criteriaBurst, 'CRITERIA_BURST');
    const events = await countOf(oversightEvents);
    const bad = await t.gql(`mutation { releaseQuarantine(discrepancyId: "${burst!.id}", reason: "  ") { id } }`, {}, 'demo-regulator');
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const forbidden = await t.gql(`mutation { releaseQuarantine(discrepancyId: "${burst!.id}", reason: "ok") { id } }`, {}, 'demo-scorer-full');
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await countOf(oversightEvents)).toBe(events);
    expect((await findingsOf(ids.criteriaBurst, 'CRITERIA_BURST'))[0]!.status).toBe('OPEN');

    const res = await t.gql(
      `mutation { releaseQuarantine(discrepancyId: "${burst!.id}", reason: "The subject confirmed the changes in person") { status resolution } }`,
      {},
      'demo-regulator',
    );
    expect(res.body.data.releaseQuarantine).toEqual({ status: 'RELEASED', resolution: 'The subject confirmed the changes in person' });
    const [event] = await db().select().from(oversightEvents).where(eq(oversightEvents.action, 'RELEASE_QUARANTINE'));
    expect(event).toMatchObject({ targetKind: 'DISCREPANCY', targetId: String(burst!.id) });

    const scorer = await asScorer('demo-scorer-full', demoPeople.criteriaBurst.nationalId, 'heldBack { quarantined } education { institution verification } employment { occupation verification }');
    const p = scorer.body.data.person;
    expect(p.heldBack.quarantined).toBe(0);
    expect(p.education.find((e: any) => e.institution === '浙江大学').verification).toBe('UNVERIFIED');
    // The app's occupation disagrees with the employer's own record.
    expect(p.employment.find((e: any) => e.occupation === '财务经理').verification).toBe('CONFLICTING');

    // Re-running the check over the same burst does not quarantine it again.
    await crossCheckPersons(db(), [ids.criteriaBurst], afterBurst);
    expect((await findingsOf(ids.criteriaBurst, 'CRITERIA_BURST')).map((d) => d.status)).toEqual(['RELEASED']);
    expect((await openRows('education', ids.criteriaBurst)).some((r) => r.verification === 'QUARANTINED')).toBe(false);
  });
});

describe('regulators review discrepancies', () => {
  const LIST = `query($f: DiscrepancyFilter, $first: Int, $after: String) {
    discrepancies(filter: $f, first: $first, after: $after) {
      edges { node { id kind status personId records { recordKind sourceRecordId } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it('lists with filters and pages through the connection', async () => {
    const all = await t.gql(LIST, { first: 100 }, 'demo-regulator');
    const nodes = all.body.data.discrepancies.edges.map((e: any) => e.node);
    expect(nodes.length).toBe(await countOf(discrepancies));
    const byPerson = await t.gql(LIST, { f: { personId: ids.propertyMismatch, kind: 'PROPERTY_OWNER_MISMATCH', status: 'OPEN' } }, 'demo-regulator');
    expect(byPerson.body.data.discrepancies.edges).toHaveLength(1);
    expect(byPerson.body.data.discrepancies.edges[0].node.records[0].recordKind).toBe('property');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await t.gql(LIST, { first: 2, after }, 'demo-regulator');
      seen.push(...page.body.data.discrepancies.edges.map((e: any) => e.node.id));
      after = page.body.data.discrepancies.pageInfo.hasNextPage ? page.body.data.discrepancies.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(nodes.map((n: any) => n.id));
    const scorer = await t.gql(LIST, {}, 'demo-scorer-full');
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('resolves a finding once, with a reason, and refuses bad input without changing anything', async () => {
    const [finding] = await findingsOf(ids.propertyMismatch, 'PROPERTY_OWNER_MISMATCH');
    const RESOLVE = `mutation($id: ID!, $r: String!) { resolveDiscrepancy(id: $id, resolution: $r) { id status resolution resolvedAt } }`;
    const events = await countOf(oversightEvents);
    const empty = await t.gql(RESOLVE, { id: String(finding!.id), r: '' }, 'demo-regulator');
    expect(empty.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await t.gql(RESOLVE, { id: '999999', r: 'x' }, 'demo-regulator');
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const notABurst = await t.gql(`mutation { releaseQuarantine(discrepancyId: "${finding!.id}", reason: "x") { id } }`, {}, 'demo-regulator');
    expect(notABurst.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await countOf(oversightEvents)).toBe(events);
    expect((await findingsOf(ids.propertyMismatch, 'PROPERTY_OWNER_MISMATCH'))[0]!.status).toBe('OPEN');

    const ok = await t.gql(RESOLVE, { id: String(finding!.id), r: 'The registry corrected the certificate by hand' }, 'demo-regulator');
    expect(ok.body.data.resolveDiscrepancy).toMatchObject({ status: 'RESOLVED', resolution: 'The registry corrected the certificate by hand' });
    expect(await countOf(oversightEvents)).toBe(events + 1);
    const again = await t.gql(RESOLVE, { id: String(finding!.id), r: 'again' }, 'demo-regulator');
    expect(again.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // A closed finding is not raised again while the records stay the same.
    await crossCheckPersons(db(), [ids.propertyMismatch], new Date());
    expect((await findingsOf(ids.propertyMismatch, 'PROPERTY_OWNER_MISMATCH')).map((d) => d.status)).toEqual(['RESOLVED']);
  });
});
