import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, getTableName, sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { contentHash } from '../db/content-hash.js';
import { rowsOf } from '../db/client.js';
import { consents, grants, licences, organisations, paymentTransactions, persons, principals } from '../server/tables.js';
import { authenticate } from '../access/principal.js';
import { categories, type Category } from '../access/catalogue.js';
import { parseNationalId } from '../records/identity/national-id.js';
import { recordKinds, recordTables, type RecordKind } from '../records/index.js';
import { CRITERIA_BURST_START, REFERENCE_NOW, demoPeople, generatePeople, type GeneratedPerson } from './generator.js';
import { demoFurnisherKeys, demoKeys, demoOrganisationNames } from './demo-principals.js';
import { isSeeded, seedDatabase, type SeedSummary } from './seed.js';
import { demoSources } from './sources.js';
import { regionByCode } from '../records/shared/seeding/zh-data.js';
import { demoConsentManager } from './demo-consent-manager.js';

const DAY = 86_400_000;
const people = (n: number, seed = 42, transactionsPerPerson?: number) => [...generatePeople({ people: n, seed, transactionsPerPerson })];
const planted = (list: GeneratedPerson[], name: keyof typeof demoPeople) => list.find((p) => p.demo === name)!;
const rows = async <T = Record<string, unknown>>(query: Promise<unknown>): Promise<T[]> => rowsOf<T>(await query);
const open = <T extends { supersededAt: Date | null }>(records: T[]) => records.filter((r) => r.supersededAt === null);

describe('the generator', () => {
  const sample = people(300);

  it('gives the same data for the same seed, different data for another seed', () => {
    const again = people(300);
    expect(JSON.stringify(again)).toBe(JSON.stringify(sample));
    const other = people(300, 43);
    expect(JSON.stringify(other.slice(6))).not.toBe(JSON.stringify(sample.slice(6)));
    // The planted demo people do not depend on the seed, and person i not on how many are made.
    expect(JSON.stringify(other.slice(0, 6))).toBe(JSON.stringify(sample.slice(0, 6)));
    expect(JSON.stringify(people(40))).toBe(JSON.stringify(sample.slice(0, 40)));
  });

  it('makes valid, unique national IDs whose region, birth date and sex match the person', () => {
    const ids = sample.map((p) => p.nationalId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(sample.map((p) => p.id)).size).toBe(sample.length);
    for (const p of sample) {
      const parsed = parseNationalId(p.nationalId, REFERENCE_NOW);
      expect(parsed, p.nationalId).toMatchObject({ ok: true, birthDate: p.birthDate, sex: p.gender });
      expect(regionByCode.has(p.nationalId.slice(0, 6))).toBe(true);
      expect(p.birthDate >= '1955-01-01' && p.birthDate <= '2004-12-31').toBe(true);
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
    }
  });

  it('hard-codes valid national IDs for the planted demo people, first in every data set', () => {
    expect(people(1).map((p) => p.demo)).toEqual(Object.keys(demoPeople));
    for (const [name, person] of Object.entries(demoPeople)) {
      const p = planted(sample, name as keyof typeof demoPeople);
      const parsed = parseNationalId(person.nationalId, REFERENCE_NOW);
      expect(parsed, name).toMatchObject({ ok: true, birthDate: p.birthDate, sex: p.gender });
      expect(p.nationalId).toBe(person.nationalId);
      expect(p.name).toBe(person.name);
    }
  });

  it('closes every version chain: one open version per record, each closed at the next one', () => {
    for (const p of sample) {
      for (const kind of recordKinds) {
        const byRecord = new Map<string, Array<{ recordedAt: Date; supersededAt: Date | null }>>();
        for (const r of p.records[kind]) {
          const key = `${r.source}/${r.sourceRecordId}`;
          byRecord.set(key, [...(byRecord.get(key) ?? []), r]);
          expect(r.recordedAt.getTime()).toBeLessThanOrEqual(REFERENCE_NOW.getTime());
          expect(r.receivedAt.getTime()).toBeLessThanOrEqual(r.recordedAt.getTime());
          expect(r.contentHash).toBe(contentHash(r.content));
        }
        for (const [key, versions] of byRecord) {
          expect(open(versions), key).toHaveLength(1);
          versions.forEach((v, i) => {
            const next = versions[i + 1];
            expect(v.supersededAt?.getTime() ?? null, key).toBe(next ? next.recordedAt.getTime() : null);
          });
        }
      }
    }
  });

  it('marks records from the authoritative source VERIFIED and the rest UNVERIFIED', () => {
    const all = sample.flatMap((p) => recordKinds.flatMap((k) => p.records[k].map((r) => ({ kind: k, ...r }))));
    expect(all.filter((r) => r.source === 'partner-app').every((r) => r.verification === 'UNVERIFIED')).toBe(true);
    expect(all.filter((r) => r.kind === 'education' && r.source === 'employer-network').every((r) => r.verification === 'UNVERIFIED')).toBe(true);
    expect(all.filter((r) => r.source === 'identity-registry').every((r) => r.verification === 'VERIFIED')).toBe(true);
    expect(all.filter((r) => r.kind === 'court').every((r) => r.source === 'court-system' && r.verification === 'VERIFIED')).toBe(true);
    const registryDegrees = all.filter((r) => r.kind === 'education' && r.source === 'education-registry');
    expect(registryDegrees.every((r) => r.verification === 'VERIFIED' && (r.content as { issuerConfirmed: boolean }).issuerConfirmed)).toBe(true);
  });

  it('makes realistic shares of each kind of record', () => {
    const random = sample.filter((p) => p.demo === null);
    const share = (kind: RecordKind) => random.filter((p) => p.records[kind].length > 0).length / random.length;
    expect(share('identity')).toBe(1);
    expect(share('driverLicence')).toBeGreaterThan(0.45);
    expect(share('driverLicence')).toBeLessThan(0.75);
    expect(share('property')).toBeGreaterThan(0.25);
    expect(share('property')).toBeLessThan(0.55);
    expect(share('vehicle')).toBeGreaterThan(0.2);
    expect(share('vehicle')).toBeLessThan(0.5);
    expect(share('employment')).toBe(1);
    expect(share('creditAccount')).toBe(1);
    expect(share('court')).toBeLessThan(0.15);
    const multiVersion = sample.flatMap((p) => p.records.creditAccount).filter((r) => r.supersededAt !== null);
    expect(multiVersion.length).toBeGreaterThan(0);
  });

  it('computes the monthly aggregates from the transactions, over the last six months', () => {
    const [p] = people(8, 42, 30).slice(7);
    expect(p!.records.transaction).toHaveLength(30);
    const months = new Map<string, { n: number; inflow: number; outflow: number }>();
    for (const { content: t } of p!.records.transaction) {
      expect(Number.isInteger(t.amountFen) && t.amountFen > 0).toBe(true);
      expect(t.occurredAt.getTime()).toBeGreaterThanOrEqual(Date.UTC(2026, 4, 1));
      expect(t.occurredAt.getTime()).toBeLessThan(REFERENCE_NOW.getTime());
      const m = months.get(t.occurredAt.toISOString().slice(0, 7)) ?? { n: 0, inflow: 0, outflow: 0 };
      m.n++;
      if (t.direction === 'INFLOW') m.inflow += t.amountFen;
      else m.outflow += t.amountFen;
      months.set(t.occurredAt.toISOString().slice(0, 7), m);
    }
    expect(p!.records.transactionMonth.map((r) => r.content.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    for (const { content: agg } of p!.records.transactionMonth) {
      const m = months.get(agg.month) ?? { n: 0, inflow: 0, outflow: 0 };
      expect(agg).toEqual({ month: agg.month, transactionCount: m.n, inflowFen: m.inflow, outflowFen: m.outflow });
    }
  });

  describe('planted cases', () => {
    it('ordinary: every kind of record, an address change history, no court records', () => {
      const p = planted(sample, 'ordinary');
      for (const kind of recordKinds.filter((k) => k !== 'court')) expect(p.records[kind].length, kind).toBeGreaterThan(0);
      expect(p.records.court).toEqual([]);
      const registry = p.records.identity.filter((r) => r.source === 'identity-registry');
      expect(new Set(registry.map((r) => r.content.address)).size).toBeGreaterThan(1);
      expect(open(registry)[0]!.content.address).toBe(p.address);
      expect(open(p.records.property)).toHaveLength(1);
      expect(open(p.records.vehicle)).toHaveLength(1);
      expect(open(p.records.creditAccount)).toHaveLength(2);
      expect(open(p.records.employment).every((r) => r.content.referees.length > 0)).toBe(true);
      expect(p.records.identity.every((r) => r.verification === 'VERIFIED')).toBe(true);
    });

    it('suedNotJudged: a defendant in a PENDING lawsuit, with no judgment', () => {
      const p = planted(sample, 'suedNotJudged');
      const cases = open(p.records.court);
      expect(cases).toHaveLength(1);
      expect(cases[0]!.content).toMatchObject({ status: 'PENDING', role: 'DEFENDANT', judgmentDebtor: false, judgmentOn: null, judgmentAmountFen: null });
      expect(p.records.court.some((r) => r.content.status === 'JUDGMENT' || r.content.judgmentDebtor)).toBe(false);
      expect(p.records.education.some((r) => r.content.graduatedOn === null)).toBe(true);
    });

    it('judgmentDebtor: a JUDGMENT he failed to perform, an older SATISFIED case and a DISMISSED one', () => {
      const p = planted(sample, 'judgmentDebtor');
      const cases = open(p.records.court).map((r) => r.content);
      const judgment = cases.find((c) => c.status === 'JUDGMENT')!;
      expect(judgment).toMatchObject({ role: 'DEFENDANT', judgmentDebtor: true });
      expect(Number.isInteger(judgment.judgmentAmountFen) && judgment.judgmentAmountFen! > 0).toBe(true);
      expect(cases.find((c) => c.status === 'SATISFIED')).toMatchObject({ judgmentDebtor: false });
      expect(cases.find((c) => c.status === 'DISMISSED')).toMatchObject({ judgmentDebtor: false, judgmentAmountFen: null });
      // The judgment's history runs FILED -> PENDING -> JUDGMENT -> listed as a judgment debtor.
      const history = p.records.court.filter((r) => r.content.caseNumber === judgment.caseNumber).map((r) => r.content.status);
      expect(history).toEqual(['FILED', 'PENDING', 'JUDGMENT', 'JUDGMENT']);
    });

    it('propertyMismatch: a certificate whose owner differs from the identity registry', () => {
      const p = planted(sample, 'propertyMismatch');
      const identity = open(p.records.identity.filter((r) => r.source === 'identity-registry'))[0]!.content;
      const certificates = open(p.records.property).map((r) => r.content);
      const mismatched = certificates.filter((c) => c.ownerName !== identity.name || c.ownerNationalId !== identity.nationalId);
      expect(mismatched).toHaveLength(1);
      expect(certificates.length).toBe(2);
    });

    it('degreeNonAuthoritative: a degree claimed only through the employer network', () => {
      const p = planted(sample, 'degreeNonAuthoritative');
      expect(p.records.education.length).toBeGreaterThan(0);
      for (const r of p.records.education) {
        expect(r.source).toBe('employer-network');
        expect(r.verification).toBe('UNVERIFIED');
        expect(r.content.issuerConfirmed).toBe(false);
      }
    });

    it('criteriaBurst: phone, address, certificate, degree, occupation and referees changed within one day', () => {
      const p = planted(sample, 'criteriaBurst');
      const from = CRITERIA_BURST_START;
      // Its changes span 7 h 20 min, within the day before the data set's clock (whose month starts then).
      expect(from).toBeGreaterThanOrEqual(REFERENCE_NOW.getTime() - DAY);
      const inBurst = recordKinds.flatMap((k) =>
        p.records[k].filter((r) => r.recordedAt.getTime() >= from && r.recordedAt.getTime() < from + DAY / 3).map((r) => ({ kind: k, ...r })),
      );
      expect(new Set(inBurst.map((r) => r.kind))).toEqual(new Set(['identity', 'property', 'education', 'employment']));
      expect(inBurst.length).toBeGreaterThanOrEqual(6);
      expect(inBurst.every((r) => r.source === 'partner-app' && r.verification === 'UNVERIFIED')).toBe(true);
      const identity = p.records.identity.filter((r) => r.source === 'partner-app').map((r) => r.content);
      expect(new Set(identity.map((c) => c.phone)).size).toBe(2);
      expect(new Set(identity.map((c) => c.address)).size).toBe(2);
      const declaredJob = p.records.employment.filter((r) => r.source === 'partner-app').map((r) => r.content);
      expect(new Set(declaredJob.map((c) => c.occupation)).size).toBe(2);
      expect(new Set(declaredJob.map((c) => JSON.stringify(c.referees))).size).toBe(2);
    });
  });
});

describe('seeding a database', () => {
  let t: TestDatabase;
  let summary: SeedSummary;

  beforeAll(async () => {
    t = await createTestDatabase();
    expect(await isSeeded(t.database.db)).toBe(false);
    summary = await seedDatabase(t.database.db, { people: 30, seed: 42, demo: true });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('stores the people and their records', async () => {
    const db = t.database.db;
    expect(await isSeeded(db)).toBe(true);
    const [{ n }] = (await rows<{ n: number }>(db.execute(sql`select count(*)::int as n from persons`))) as [{ n: number }];
    expect(n).toBe(30);
    expect(summary.people).toBe(30);
    const [ordinary] = await db.select().from(persons).where(eq(persons.nationalId, demoPeople.ordinary.nationalId));
    expect(ordinary!.id).toBe(summary.demoPersonIds.ordinary);
    for (const kind of recordKinds) {
      // Besides the seeded versions, the cross-checks' status changes (the same content, another status).
      const [count] = await rows<{ n: number; seeded: number }>(
        db.execute(sql`select count(*)::int as n, count(*) filter (where previous is distinct from content_hash)::int as seeded from (
          select content_hash, lag(content_hash) over (partition by source_id, source_record_id order by recorded_at, id) as previous
          from ${recordTables[kind]}) v`),
      );
      expect(count!.seeded, kind).toBe(summary.records[kind]);
      expect(count!.n, kind).toBeGreaterThan(0);
    }
    expect(summary.discrepancies).toBeGreaterThanOrEqual(4);
  });

  it('closes version chains in the tables: one open version per record, each closed at the next', async () => {
    const db = t.database.db;
    for (const kind of recordKinds) {
      const table = sql.identifier(getTableName(recordTables[kind]));
      const openCounts = await rows(
        db.execute(sql`select source_id, source_record_id from ${table} group by 1, 2 having count(*) filter (where superseded_at is null) <> 1`),
      );
      expect(openCounts, kind).toEqual([]);
      const broken = await rows(db.execute(sql`select id from (
          select id, superseded_at, lead(recorded_at) over (partition by source_id, source_record_id order by recorded_at) as next
          from ${table}) v
        where superseded_at is distinct from next`));
      expect(broken, kind).toEqual([]);
    }
  });

  it('keeps money in integer fen', async () => {
    const db = t.database.db;
    const txs = await db.select({ amountFen: paymentTransactions.amountFen }).from(paymentTransactions);
    expect(txs.every((r) => typeof r.amountFen === 'number' && Number.isInteger(r.amountFen) && r.amountFen > 0)).toBe(true);
    const credit = await db.select().from(recordTables.creditAccount);
    for (const a of credit) {
      expect(Number.isInteger(a.limitFen) && Number.isInteger(a.balanceFen)).toBe(true);
      expect(a.repaymentHistory.every((m) => Number.isInteger(m.balanceFen))).toBe(true);
      expect(a.repaymentHistory.length).toBeGreaterThanOrEqual(6);
      expect(a.repaymentHistory.length).toBeLessThanOrEqual(12);
    }
    const property = await db.select({ v: recordTables.property.valueFen }).from(recordTables.property);
    expect(property.every((r) => Number.isInteger(r.v))).toBe(true);
    const court = await db.select({ v: recordTables.court.judgmentAmountFen }).from(recordTables.court);
    expect(court.every((r) => r.v === null || Number.isInteger(r.v))).toBe(true);
  });

  it('moves the id sequences past the seeded rows', async () => {
    const db = t.database.db;
    const [row] = await db
      .insert(paymentTransactions)
      .values({
        personId: summary.demoPersonIds.ordinary,
        sourceId: 1,
        sourceRecordId: 'TEST-AFTER-SEED',
        receivedAt: new Date(),
        contentHash: 'x',
        occurredAt: new Date(),
        amountFen: 100,
        direction: 'OUTFLOW',
        channel: 'ALIPAY',
      })
      .returning({ id: paymentTransactions.id });
    expect(row!.id).toBe(summary.records.transaction + 1);
    await db.delete(paymentTransactions).where(eq(paymentTransactions.id, row!.id));
  });

  it('refuses to seed a database that already holds people', async () => {
    await expect(seedDatabase(t.database.db, { people: 6, seed: 1, demo: false })).rejects.toThrow(/already holds people/);
  });

  it('creates demo principals whose keys authenticate, stored only as hashes', async () => {
    const db = t.database.db;
    const kinds = {
      scorerFull: 'SCORER',
      scorerCoarse: 'SCORER',
      scorerSuspended: 'SCORER',
      regulator: 'REGULATOR',
      partner: 'PARTNER',
      subject: 'SUBJECT',
    } as const;
    for (const [role, key] of Object.entries(demoKeys)) {
      const principal = await authenticate(db, key);
      expect(principal, key).not.toBeNull();
      expect(principal!.kind).toBe(kinds[role as keyof typeof kinds]);
    }
    expect((await authenticate(db, demoKeys.subject))!.personId).toBe(summary.demoPersonIds.ordinary);
    expect((await authenticate(db, demoKeys.scorerFull))!.organisationName).toBe(demoOrganisationNames.scorerFull);
    for (const source of demoSources) {
      const principal = await authenticate(db, demoFurnisherKeys[source.code]);
      expect(principal, source.code).toMatchObject({ kind: 'FURNISHER' });
      expect(principal!.sourceId).toEqual(expect.any(Number));
    }
    expect(await authenticate(db, demoConsentManager.apiKey)).toMatchObject({ kind: 'CONSENT_MANAGER', organisationName: demoConsentManager.name });
    expect(await authenticate(db, 'demo-nobody')).toBeNull();
    const stored = await rows<{ key_hash: string }>(db.execute(sql`select key_hash from api_keys`));
    // The role keys, one per source, and the demo consent manager's.
    expect(stored.length).toBe(6 + demoSources.length + 1);
    expect(stored.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash))).toBe(true);
    const all = await db.select({ isDemo: principals.isDemo }).from(principals);
    expect(all.every((p) => p.isDemo)).toBe(true);
  });

  it('licenses the scorers and the partner as the demo needs', async () => {
    const db = t.database.db;
    const licenceOf = async (name: string) => {
      const [row] = await db
        .select({ id: licences.id, status: licences.status, purposes: licences.purposes, validFrom: licences.validFrom, validTo: licences.validTo })
        .from(licences)
        .innerJoin(organisations, eq(organisations.id, licences.organisationId))
        .where(eq(organisations.name, name));
      const granted = await db.select({ category: grants.category, precision: grants.precision }).from(grants).where(eq(grants.licenceId, row!.id));
      return { ...row!, grants: Object.fromEntries(granted.map((g) => [g.category, g.precision])) };
    };
    const finest = Object.fromEntries((Object.keys(categories) as Category[]).map((c) => [c, categories[c].at(-1)]));
    const full = await licenceOf(demoOrganisationNames.scorerFull);
    expect(full.status).toBe('ACTIVE');
    expect(full.grants).toEqual(finest);
    expect(full.purposes).not.toContain('REGULATORY_OVERSIGHT');
    expect(full.purposes).not.toContain('SELF_ACCESS');
    expect(full.purposes).toContain('CREDIT_APPLICATION');
    expect(full.validFrom.getTime()).toBeLessThan(Date.now());
    expect(full.validTo.getTime()).toBeGreaterThan(Date.now());
    expect((await licenceOf(demoOrganisationNames.scorerCoarse)).grants).toEqual({
      identity: 'BASIC',
      property: 'FLAG',
      vehicles: 'FLAG',
      transactions: 'AGGREGATE',
      court: 'JUDGMENTS_ONLY',
      credit: 'FULL',
      publicRecords: 'FLAG',
    });
    const suspended = await licenceOf(demoOrganisationNames.scorerSuspended);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.grants).toEqual(finest);
    const partner = await licenceOf(demoOrganisationNames.partner);
    expect(partner.purposes.sort()).toEqual(['DEPOSIT_WAIVER', 'TENANCY']);
    expect(partner.grants).toEqual({ identity: 'BASIC', property: 'SUMMARY', court: 'JUDGMENTS_ONLY', transactions: 'AGGREGATE' });
  });

  it('records consents for every person, except suedNotJudged towards the coarse scorer', async () => {
    const db = t.database.db;
    const [coarse] = await db.select().from(organisations).where(eq(organisations.name, demoOrganisationNames.scorerCoarse));
    const all = await db.select().from(consents);
    expect(all).toHaveLength(30 * 4 - 1);
    const none = await db
      .select()
      .from(consents)
      .where(and(eq(consents.personId, summary.demoPersonIds.suedNotJudged), eq(consents.organisationId, coarse!.id)));
    expect(none).toEqual([]);
    for (const c of all) {
      expect(c.startsAt.getTime()).toBeLessThan(Date.now());
      expect(c.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(c.maxUses).toBe(1_000_000);
      expect(c.lookbackDays).toBe(1825);
      expect(c.revokedAt).toBeNull();
    }
  });

  it('stores the same rows for the same seed', async () => {
    const other = await createTestDatabase();
    try {
      await seedDatabase(other.database.db, { people: 30, seed: 42, demo: true });
      for (const table of ['persons', ...recordKinds.map((k) => getTableName(recordTables[k]))]) {
        const dump = (db: TestDatabase) =>
          db.database.db.execute(sql`select md5(string_agg(t::text, '|' order by t::text)) as digest from ${sql.identifier(table)} t`);
        const [mine] = await rows(dump(t));
        const [theirs] = await rows(dump(other));
        // The row added and deleted above moved one sequence, never the stored rows.
        expect(theirs, table).toEqual(mine);
      }
    } finally {
      await other.drop();
    }
  });
});
