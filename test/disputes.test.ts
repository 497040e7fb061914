import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { persons, sources } from '../src/server/tables.js';
import { recordTables } from '../src/records/index.js';
import { appendVersion } from '../src/records/shared/append-version.js';
import { disputes, recordEvents, recordStatements } from '../src/records/shared/record-events.tables.js';
import { withdrawRecord } from '../src/furnishing/disputes/dispute.service.js';
import { retentionConfig } from '../src/records/shared/retention.config.js';

let t: TestServer;
let ordinaryId: string;
let sourceId: Record<string, number>;
const db = () => t.testDb.database.db;
const countOf = async (table: any) => (await db().select({ n: count() }).from(table))[0]!.n;

beforeAll(async () => {
  t = await startTestServer();
  ordinaryId = (await db().select().from(persons).where(eq(persons.nationalId, demoPeople.ordinary.nationalId)))[0]!.id;
  sourceId = Object.fromEntries((await db().select().from(sources)).map((s) => [s.code, s.id]));
});
afterAll(async () => {
  await t?.close();
});

const ORDINARY = demoPeople.ordinary.nationalId;
const FIELDS = `
  creditAccounts { id lender balanceFen verification statement provenance { sourceRecordId } history { balanceFen verification } }
  properties { id certificateNumber verification withdrawnAt }
  vehicles { id plateNumber verification }
  identity { id name statement }
  ownsProperty ownsVehicle`;
const read = (key: string, nationalId: string = ORDINARY, fields = FIELDS) => {
  const purpose = key === 'demo-subject' ? 'SELF_ACCESS' : key === 'demo-regulator' ? 'REGULATORY_OVERSIGHT' : 'ACCOUNT_REVIEW';
  return t.gql(
    `query($id: String!, $p: Purpose!, $c: String) { person(nationalId: $id, purpose: $p, caseReference: $c) { ${fields} } }`,
    { id: nationalId, p: purpose, c: 'REVIEW-42' },
    key,
  );
};
const DISPUTE = `mutation($k: FurnishedRecordKind!, $id: ID!, $r: String!) {
  disputeRecord(recordKind: $k, recordId: $id, reason: $r) { id status reason openedAt deadlineAt overdue events { change recordId } }
}`;
const ANSWER = `mutation($id: ID!, $a: DisputeAnswer!, $c: JSONObject, $n: String) {
  answerDispute(disputeId: $id, answer: $a, correction: $c, note: $n) { id status answeredAt events { change recordId details } }
}`;
const OPEN = `{ openDisputes(first: 50) { edges { node { id recordKind sourceRecordId reason overdue deadlineAt } } } }`;
const CORRECTIONS = `query($since: DateTime!) { corrections(since: $since) { edges { node { change nationalId recordKind sourceRecordId recordId } } } }`;
const bank = 'demo-furnisher-bank-lender';

describe('disputes', () => {
  let since: string;
  let accounts: any[];

  beforeAll(async () => {
    // The full scorer received ordinary's accounts and properties before anything was disputed.
    const seen = await read('demo-scorer-full');
    expect(seen.body.errors).toBeUndefined();
    since = new Date().toISOString();
    accounts = (await read('demo-subject')).body.data.person.creditAccounts;
    expect(accounts.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses bad disputes clearly and stores nothing', async () => {
    const before = { disputes: await countOf(disputes), events: await countOf(recordEvents), versions: await countOf(recordTables.creditAccount) };
    const empty = await t.gql(DISPUTE, { k: 'creditAccount', id: accounts[0].id, r: '   ' }, 'demo-subject');
    expect(empty.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
    // Text PostgreSQL cannot store is refused as bad input, not left to fail as a server error.
    for (const r of ['wrong \u0000 amount', 'half \ud83d pair']) {
      const bad = await t.gql(DISPUTE, { k: 'creditAccount', id: accounts[0].id, r }, 'demo-subject');
      expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    const unknown = await t.gql(DISPUTE, { k: 'creditAccount', id: '987654321', r: 'not mine' }, 'demo-subject');
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
    // Someone else's record looks exactly like a missing one.
    const [other] = await db().select().from(recordTables.creditAccount).where(sql`${recordTables.creditAccount.personId} <> ${ordinaryId}`).limit(1);
    const foreign = await t.gql(DISPUTE, { k: 'creditAccount', id: String(other!.id), r: 'not mine' }, 'demo-subject');
    expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
    const scorer = await t.gql(DISPUTE, { k: 'creditAccount', id: accounts[0].id, r: 'x' }, 'demo-scorer-full');
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect({ disputes: await countOf(disputes), events: await countOf(recordEvents), versions: await countOf(recordTables.creditAccount) }).toEqual(before);
  });

  it('shows a disputed record as DISPUTED to everyone who sees it, and lists it for its furnisher only', async () => {
    const res = await t.gql(DISPUTE, { k: 'creditAccount', id: accounts[0].id, r: 'I repaid this loan in full in 2024' }, 'demo-subject');
    const d = res.body.data.disputeRecord;
    expect(d).toMatchObject({ status: 'OPEN', overdue: false, reason: 'I repaid this loan in full in 2024' });
    expect(Date.parse(d.deadlineAt) - Date.parse(d.openedAt)).toBe(30 * 86_400_000);
    expect(d.events.map((e: any) => e.change)).toEqual(['DISPUTED']);
    for (const key of ['demo-subject', 'demo-regulator', 'demo-scorer-full']) {
      const account = (await read(key)).body.data.person.creditAccounts.find((a: any) => a.lender === accounts[0].lender);
      expect(account.verification).toBe('DISPUTED');
      // The status change is a version of its own: the history keeps the earlier one.
      expect(account.history.map((h: any) => h.verification).slice(-2)).toEqual(['VERIFIED', 'DISPUTED']);
    }
    const again = await t.gql(DISPUTE, { k: 'creditAccount', id: accounts[0].id, r: 'again' }, 'demo-subject');
    expect(again.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const mine = (await t.gql(OPEN, {}, bank)).body.data.openDisputes.edges.map((e: any) => e.node);
    expect(mine).toEqual([expect.objectContaining({ id: d.id, recordKind: 'creditAccount', reason: 'I repaid this loan in full in 2024' })]);
    expect((await t.gql(OPEN, {}, 'demo-furnisher-p2p-lender')).body.data.openDisputes.edges).toEqual([]);
    expect((await t.gql(OPEN, {}, 'demo-scorer-full')).body.errors[0].extensions.code).toBe('FORBIDDEN');
    // Another source cannot answer it.
    const foreign = await t.gql(ANSWER, { id: d.id, a: 'CONFIRM' }, 'demo-furnisher-p2p-lender');
    expect(foreign.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('CONFIRM restores the record’s status; the dispute’s steps stay in history', async () => {
    const [open] = (await t.gql(OPEN, {}, bank)).body.data.openDisputes.edges;
    const res = await t.gql(ANSWER, { id: open.node.id, a: 'CONFIRM', n: 'Our ledger shows 2 missed payments' }, bank);
    expect(res.body.data.answerDispute.status).toBe('CONFIRMED');
    expect(res.body.data.answerDispute.events.map((e: any) => e.change)).toEqual(['DISPUTED', 'CONFIRMED']);
    const account = (await read('demo-scorer-full')).body.data.person.creditAccounts.find((a: any) => a.lender === accounts[0].lender);
    expect(account.verification).toBe('VERIFIED');
    expect(account.history.map((h: any) => h.verification).slice(-3)).toEqual(['VERIFIED', 'DISPUTED', 'VERIFIED']);
    const twice = await t.gql(ANSWER, { id: open.node.id, a: 'WITHDRAW' }, bank);
    expect(twice.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('CORRECT appends a corrected version; a bad correction is refused with nothing stored', async () => {
    const d = (await t.gql(DISPUTE, { k: 'creditAccount', id: accounts[1].id, r: 'The balance is wrong' }, 'demo-subject')).body.data.disputeRecord;
    const versions = await countOf(recordTables.creditAccount);
    const missing = await t.gql(ANSWER, { id: d.id, a: 'CORRECT' }, bank);
    expect(missing.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'correction' });
    const unknownField = await t.gql(ANSWER, { id: d.id, a: 'CORRECT', c: { balance: 0 } }, bank);
    expect(unknownField.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const invalid = await t.gql(ANSWER, { id: d.id, a: 'CORRECT', c: { balanceFen: 1.5 } }, bank);
    expect(invalid.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content.balanceFen' });
    expect(await countOf(recordTables.creditAccount)).toBe(versions);
    expect((await db().select().from(disputes).where(eq(disputes.id, Number(d.id))))[0]!.status).toBe('OPEN');

    const res = await t.gql(ANSWER, { id: d.id, a: 'CORRECT', c: { balanceFen: 0 } }, bank);
    expect(res.body.data.answerDispute.status).toBe('CORRECTED');
    const account = (await read('demo-scorer-full')).body.data.person.creditAccounts.find((a: any) => a.lender === accounts[1].lender);
    expect(account).toMatchObject({ balanceFen: 0, verification: 'VERIFIED' });
    expect(account.history.at(-2)).toMatchObject({ balanceFen: accounts[1].balanceFen, verification: 'DISPUTED' });
    expect(res.body.data.answerDispute.events.at(-1)).toMatchObject({ change: 'CORRECTED', recordId: account.id });
  });

  it('WITHDRAW stops the record being served to licensees; regulators and the subject still see it', async () => {
    const [property] = (await read('demo-subject')).body.data.person.properties;
    const d = (await t.gql(DISPUTE, { k: 'property', id: property.id, r: 'I sold this flat' }, 'demo-subject')).body.data.disputeRecord;
    const res = await t.gql(ANSWER, { id: d.id, a: 'WITHDRAW' }, 'demo-furnisher-property-registry');
    expect(res.body.data.answerDispute.events.map((e: any) => e.change)).toEqual(['DISPUTED', 'WITHDRAWN']);
    const scorer = (await read('demo-scorer-full')).body.data.person;
    expect(scorer.properties).toEqual([]);
    expect(scorer.ownsProperty).toBe(false);
    const regulator = (await read('demo-regulator')).body.data.person.properties;
    expect(regulator.map((p: any) => p.certificateNumber)).toEqual([property.certificateNumber]);
    // The regulator and the subject see that, and when, the source withdrew it.
    expect(Date.parse(regulator[0].withdrawnAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(property.withdrawnAt).toBeNull();
    const own = (await read('demo-subject')).body.data.person.properties;
    expect(own).toHaveLength(1);
    expect(own[0].withdrawnAt).toBe(regulator[0].withdrawnAt);
  });

  it('an unanswered dispute past its deadline suppresses the record from scorers until it is answered', async () => {
    const [vehicle] = (await read('demo-subject')).body.data.person.vehicles;
    const d = (await t.gql(DISPUTE, { k: 'vehicle', id: vehicle.id, r: 'Not my car' }, 'demo-subject')).body.data.disputeRecord;
    expect((await read('demo-scorer-full')).body.data.person.vehicles).toHaveLength(1);
    // Thirty-one days pass without an answer.
    await db().update(disputes).set({ openedAt: sql`opened_at - interval '31 days'`, deadlineAt: sql`deadline_at - interval '31 days'` }).where(eq(disputes.id, Number(d.id)));
    const scorer = (await read('demo-scorer-full')).body.data.person;
    expect(scorer.vehicles).toEqual([]);
    expect(scorer.ownsVehicle).toBe(false);
    expect((await read('demo-regulator')).body.data.person.vehicles).toHaveLength(1);
    const listed = (await t.gql(OPEN, {}, 'demo-furnisher-vehicle-registry')).body.data.openDisputes.edges.map((e: any) => e.node);
    expect(listed).toEqual([expect.objectContaining({ id: d.id, overdue: true })]);
    await t.gql(ANSWER, { id: d.id, a: 'CONFIRM' }, 'demo-furnisher-vehicle-registry');
    expect((await read('demo-scorer-full')).body.data.person.vehicles).toHaveLength(1);
  });

  it('lists correction notices for the organisations that received the records, and no one else', async () => {
    const notices = (await t.gql(CORRECTIONS, { since }, 'demo-scorer-full')).body.data.corrections.edges.map((e: any) => e.node);
    expect(notices.map((n: any) => `${n.recordKind}:${n.change}`)).toEqual([
      'creditAccount:DISPUTED',
      'creditAccount:DISPUTED',
      'creditAccount:CORRECTED',
      'property:DISPUTED',
      'property:WITHDRAWN',
      'vehicle:DISPUTED',
    ]);
    expect(notices.every((n: any) => n.nationalId === ORDINARY)).toBe(true);
    // The coarse scorer never read ordinary's profile in this file; the partner neither.
    expect((await t.gql(CORRECTIONS, { since }, 'demo-scorer-coarse')).body.data.corrections.edges).toEqual([]);
    expect((await t.gql(CORRECTIONS, { since: new Date().toISOString() }, 'demo-scorer-full')).body.data.corrections.edges).toEqual([]);
    expect((await t.gql(CORRECTIONS, { since }, 'demo-subject')).body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('a subject follows their disputes', () => {
  it('lists every dispute the subject filed, answered or not, with its steps; nobody else gets the list', async () => {
    const MINE = `{ me { disputes(first: 50) { edges { node { recordKind reason status events { change } } } } } }`;
    const mine = (await t.gql(MINE, {}, 'demo-subject')).body.data.me.disputes.edges.map((e: any) => e.node);
    // The disputes filed earlier in this file: the credit accounts, the property, the vehicle.
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine.every((d: any) => d.events[0].change === 'DISPUTED')).toBe(true);
    expect(mine.some((d: any) => d.status !== 'OPEN')).toBe(true);
    const scorer = await t.gql(MINE, {}, 'demo-scorer-full');
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('statements', () => {
  const ATTACH = `mutation($k: FurnishedRecordKind!, $id: ID!, $text: String!) { attachStatement(recordKind: $k, recordId: $id, text: $text) { text recordKind } }`;

  it('shows the subject’s statement beside the record to everyone who sees it; refuses a long one', async () => {
    const identity = (await read('demo-subject')).body.data.person.identity;
    const before = await countOf(recordStatements);
    const long = await t.gql(ATTACH, { k: 'identity', id: identity.id, text: 'x'.repeat(501) }, 'demo-subject');
    expect(long.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
    const scorer = await t.gql(ATTACH, { k: 'identity', id: identity.id, text: 'hi' }, 'demo-scorer-full');
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await countOf(recordStatements)).toBe(before);

    await t.gql(ATTACH, { k: 'identity', id: identity.id, text: 'My address changed in 2025.' }, 'demo-subject');
    await t.gql(ATTACH, { k: 'identity', id: identity.id, text: 'My address changed in September 2025.' }, 'demo-subject');
    for (const key of ['demo-subject', 'demo-regulator', 'demo-scorer-full']) {
      expect((await read(key)).body.data.person.identity.statement).toBe('My address changed in September 2025.');
    }
    expect((await read('demo-scorer-full')).body.data.person.creditAccounts.every((a: any) => a.statement === null)).toBe(true);
  });
});

describe('retention of negative records', () => {
  it('stops serving a default five years after the account closed; regulators still see it', async () => {
    const base = { personId: ordinaryId, sourceId: sourceId['bank-lender']!, receivedAt: new Date() };
    const account = (status: string, closedOn: string | null, lender: string) => ({
      lender,
      accountKind: 'BANK_LOAN',
      limitFen: 5_000_000,
      balanceFen: 0,
      status,
      daysPastDue: 0,
      openedOn: '2017-01-01',
      closedOn,
      repaymentHistory: [],
    });
    await appendVersion(db(), 'creditAccount', { ...base, sourceRecordId: 'OLD-DEFAULT', verification: 'VERIFIED', content: account('DEFAULTED', '2020-03-01', '旧银行') });
    await appendVersion(db(), 'creditAccount', { ...base, sourceRecordId: 'RECENT-DEFAULT', verification: 'VERIFIED', content: account('WRITTEN_OFF', '2023-03-01', '新银行') });
    const lenders = async (key: string) => (await read(key, ORDINARY, 'creditAccounts { lender }')).body.data.person.creditAccounts.map((a: any) => a.lender);
    expect(await lenders('demo-scorer-full')).not.toContain('旧银行');
    expect(await lenders('demo-scorer-full')).toContain('新银行');
    expect(await lenders('demo-regulator')).toEqual(expect.arrayContaining(['旧银行', '新银行']));
  });

  it('takes its period from configuration, and a withdrawal by the court removes a judgment at once', async () => {
    const debtor = demoPeople.judgmentDebtor.nationalId;
    const cases = async (key: string) => (await read(key, debtor, 'courtRecords { status } judgmentDebtor')).body.data.person;
    expect((await cases('demo-scorer-full')).courtRecords.map((c: any) => c.status)).toContain('SATISFIED');
    const years = retentionConfig.negativeRecordYears;
    try {
      retentionConfig.negativeRecordYears = 3; // satisfied in January 2023
      expect((await cases('demo-scorer-full')).courtRecords.map((c: any) => c.status)).not.toContain('SATISFIED');
      expect((await cases('demo-regulator')).courtRecords.map((c: any) => c.status)).toContain('SATISFIED');
    } finally {
      retentionConfig.negativeRecordYears = years;
    }
    expect((await cases('demo-scorer-full')).judgmentDebtor).toBe(true);
    const table = recordTables.court;
    const [judgment] = await db()
      .select()
      .from(table)
      .where(and(isNull(table.supersededAt), eq(table.judgmentDebtor, true)));
    await db().transaction((tx) =>
      withdrawRecord(tx, { personId: judgment!.personId, kind: 'court', sourceId: judgment!.sourceId, sourceRecordId: judgment!.sourceRecordId, actorPrincipalId: null, reason: 'Judgment set aside on retrial' }, new Date()),
    );
    expect((await cases('demo-scorer-full')).judgmentDebtor).toBe(false);
    expect((await cases('demo-regulator')).judgmentDebtor).toBe(true);
  });
});
