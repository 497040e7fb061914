import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { like } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/generator.js';
import { persons } from '../src/server/tables.js';
import { recordTables } from '../src/records/index.js';
import { retentionConfig } from '../src/records/shared/retention.config.js';

/**
 * Public records (tax arrears, administrative penalties, enforcement orders), the kind added
 * through the registry: furnished through /ingest, served under their own grant category
 * (FLAG and FULL), retained like judgments, and in the demo.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const table = recordTables.publicRecord;
const ORDINARY = demoPeople.ordinary.nationalId;
const DEBTOR = demoPeople.judgmentDebtor.nationalId;

const ingest = async (lines: unknown[], source: string) => {
  const res = await fetch(`${t.url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer demo-furnisher-${source}` },
    body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n',
  });
  return { status: res.status, body: (await res.json()) as any };
};

const line = (ref: string, content: Record<string, unknown>, nationalId: string = ORDINARY) => ({
  kind: 'publicRecord',
  sourceRecordId: ref,
  nationalId,
  content: {
    recordType: 'TAX_ARREARS',
    authority: '国家税务总局北京市朝阳区税务局',
    referenceNumber: `京朝税欠〔2026〕${ref}号`,
    amountFen: 880_000,
    imposedOn: '2026-05-01',
    status: 'OUTSTANDING',
    ...content,
  },
});

const read = (key: string, nationalId: string, selection: string, purpose = 'CREDIT_APPLICATION') =>
  t.gql(`query($id: String!) { person(nationalId: $id, purpose: ${purpose}, caseReference: "PR-1") { ${selection} } }`, { id: nationalId }, key);

describe('public records in the demo', () => {
  const FULL = 'hasOutstandingPublicRecord publicRecords { recordType status amountFen settledOn verification provenance { source { code } } }';

  it('serves the planted settled arrears and outstanding penalty in full, and the flag to a coarse licence', async () => {
    const ordinary = (await read('demo-scorer-full', ORDINARY, FULL)).body.data.person;
    expect(ordinary.hasOutstandingPublicRecord).toBe(false);
    expect(ordinary.publicRecords).toEqual([
      { recordType: 'TAX_ARREARS', status: 'SETTLED', amountFen: 1_248_000, settledOn: '2024-09-10', verification: 'VERIFIED', provenance: { source: { code: 'tax-authority' } } },
    ]);
    const debtor = (await read('demo-scorer-full', DEBTOR, FULL)).body.data.person;
    expect(debtor.hasOutstandingPublicRecord).toBe(true);
    expect(debtor.publicRecords.map((r: any) => `${r.recordType}:${r.status}`)).toEqual(['ADMINISTRATIVE_PENALTY:OUTSTANDING']);

    const coarse = await read('demo-scorer-coarse', DEBTOR, FULL);
    expect(coarse.body.data.person.hasOutstandingPublicRecord).toBe(true);
    expect(coarse.body.data.person.publicRecords).toBeNull();
    const denied = coarse.body.errors.find((e: any) => e.path.join('.') === 'person.publicRecords');
    expect(denied.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_GRANTED' });
    // The partner holds no publicRecords grant at all: not even the flag.
    const partner = await read('demo-partner', DEBTOR, 'hasOutstandingPublicRecord', 'TENANCY');
    expect(partner.body.data.person.hasOutstandingPublicRecord).toBeNull();
    expect(partner.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists the category in the grant catalogue with its two precisions', async () => {
    const res = await t.gql('{ grantCatalogue { category precisions } }', {}, 'demo-regulator');
    expect(res.body.data.grantCatalogue).toContainEqual(expect.objectContaining({ category: 'publicRecords', precisions: ['FLAG', 'FULL'] }));
  });
});

describe('furnishing public records through /ingest', () => {
  it('stores the tax authority’s arrears and the courts’ enforcement orders as VERIFIED', async () => {
    const tax = await ingest([line('TST-T1', {})], 'tax-authority');
    expect(tax.status).toBe(200);
    expect(tax.body.counts).toMatchObject({ created: 1, rejected: 0 });
    const court = await ingest([line('TST-E1', { recordType: 'ENFORCEMENT', authority: '北京市朝阳区人民法院', status: 'OUTSTANDING' })], 'court-system');
    expect(court.body.counts).toMatchObject({ created: 1, rejected: 0 });
    const rows = await db().select().from(table).where(like(table.sourceRecordId, 'TST-%'));
    expect(rows.map((r) => [r.sourceRecordId, r.verification]).sort()).toEqual([['TST-E1', 'VERIFIED'], ['TST-T1', 'VERIFIED']]);
    const flag = (await read('demo-scorer-coarse', ORDINARY, 'hasOutstandingPublicRecord')).body.data.person;
    expect(flag.hasOutstandingPublicRecord).toBe(true);
  });

  it('refuses a record from the wrong authority and bad content, line by line, storing nothing of them', async () => {
    const before = await db().select().from(table);
    const personsBefore = await db().select().from(persons);
    const res = await ingest(
      [
        line('TST-X1', { recordType: 'ENFORCEMENT' }), // only the courts issue enforcement orders
        line('TST-X2', { status: 'SETTLED' }), // settled without a date
        line('TST-X3', { settledOn: '2026-06-01' }), // a date while outstanding
        line('TST-X4', { amountFen: 12.5 }),
        line('TST-X5', { recordType: 'PARKING_FINE' }),
        line('TST-X6', { status: 'SETTLED', settledOn: '2026-04-01' }), // settled before imposed
        line('TST-X7', {}, '110105198805170315'), // bad check digit
      ],
      'tax-authority',
    );
    expect(res.body.counts).toMatchObject({ created: 0, rejected: 7 });
    expect(res.body.rejected.map((r: any) => r.field)).toEqual([
      'content.recordType',
      'content.settledOn',
      'content.settledOn',
      'content.amountFen',
      'content.recordType',
      'content.settledOn',
      'nationalId',
    ]);
    expect(await db().select().from(table)).toEqual(before);
    expect(await db().select().from(persons)).toEqual(personsBefore);
  });
});

describe('retention', () => {
  it('serves a settled record for the retention period after settlement, a revoked one never; regulators see both', async () => {
    const SEL = 'publicRecords { referenceNumber status }';
    // Revoked by the authority: no longer served, whatever its dates.
    const revoked = await ingest([line('TST-T1', { status: 'REVOKED' })], 'tax-authority');
    expect(revoked.body.counts).toMatchObject({ versioned: 1 });
    const refs = async (key: string, purpose = 'CREDIT_APPLICATION') =>
      (await read(key, ORDINARY, SEL, purpose)).body.data.person.publicRecords.map((r: any) => r.referenceNumber);
    expect(await refs('demo-scorer-full')).not.toContain('京朝税欠〔2026〕TST-T1号');
    expect(await refs('demo-regulator', 'REGULATORY_OVERSIGHT')).toContain('京朝税欠〔2026〕TST-T1号');

    // Settled 2024-09-10: served with five years' retention, gone with one.
    expect(await refs('demo-scorer-full')).toContain('京朝税欠〔2024〕0417号');
    const years = retentionConfig.negativeRecordYears;
    try {
      retentionConfig.negativeRecordYears = 1;
      expect(await refs('demo-scorer-full')).not.toContain('京朝税欠〔2024〕0417号');
      expect(await refs('demo-regulator', 'REGULATORY_OVERSIGHT')).toContain('京朝税欠〔2024〕0417号');
    } finally {
      retentionConfig.negativeRecordYears = years;
    }
  });
});
