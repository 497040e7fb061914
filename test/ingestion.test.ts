import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createExchangeServer } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { composeNationalId } from '../src/records/identity/national-id.js';
import { recordKinds, recordTables } from '../src/records/index.js';
import { persons, sources } from '../src/server/tables.js';
import { discrepancies } from '../src/furnishing/cross-checks/discrepancy.tables.js';
import { contentHash } from '../src/db/content-hash.js';
import { validateFurnishedRecord } from '../src/furnishing/record-schemas.js';
import { ingestRecords } from '../src/furnishing/ingestion.service.js';
import { rowsOf, type Db } from '../src/db/client.js';

let t: TestServer;
beforeAll(async () => {
  // Small batches and four lanes, so that a load of a few thousand lines commits several batches in every lane.
  t = await startTestServer({ ingestion: { batchSize: 200, lanes: 4 } });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const key = (source: string) => `demo-furnisher-${source}`;

/** A valid national ID number for test person n (a Beijing birth region, varied birthdays). */
const personId = (n: number) => composeNationalId('110105', `1980-01-${String(1 + (n % 28)).padStart(2, '0')}`, 100 + 2 * Math.floor(n / 28) + 1);

const transaction = (ref: string, n: number, over: Record<string, unknown> = {}) => ({
  kind: 'transaction',
  sourceRecordId: ref,
  nationalId: personId(n % 40),
  receivedAt: '2025-06-01T08:00:00Z',
  content: {
    occurredAt: `2025-05-${String(1 + (n % 28)).padStart(2, '0')}T10:15:00Z`,
    amountFen: 1_000 + n,
    direction: n % 3 === 0 ? 'INFLOW' : 'OUTFLOW',
    channel: 'ALIPAY',
    merchantCategory: '餐饮',
    counterparty: null,
    ...over,
  },
});

const monthAggregate = (ref: string, n: number) => ({
  kind: 'transactionMonth',
  sourceRecordId: ref,
  nationalId: personId(n % 40),
  content: { month: '2025-05', transactionCount: n, inflowFen: 10 * n, outflowFen: 7 * n },
});

const court = (ref: string, status: string, over: Record<string, unknown> = {}) => ({
  kind: 'court',
  sourceRecordId: ref,
  nationalId: personId(7),
  content: {
    caseNumber: `(2025)京0105民初${ref}号`,
    court: '北京市朝阳区人民法院',
    filedOn: '2025-01-05',
    role: 'DEFENDANT',
    status,
    judgmentOn: ['JUDGMENT', 'SATISFIED', 'OVERTURNED'].includes(status) ? '2025-04-01' : null,
    judgmentAmountFen: ['JUDGMENT', 'SATISFIED', 'OVERTURNED'].includes(status) ? 1_234_500 : null,
    judgmentDebtor: false,
    ...over,
  },
});

const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

async function ingest(lines: unknown[], apiKey: string | null = key('clearing-house'), url = t.url) {
  const res = await fetch(`${url}/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body: ndjson(lines),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Every stored version whose source record id starts with `prefix`, in a stable order. */
async function snapshot(prefix: string) {
  const rows: Record<string, unknown>[] = [];
  for (const kind of recordKinds) {
    const table = recordTables[kind];
    const found = await db().select().from(table).where(like(table.sourceRecordId, `${prefix}%`)).orderBy(asc(table.id));
    rows.push(...found.map((r) => ({ kind, ...r })));
  }
  return rows;
}

async function personCount() {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(persons);
  return Number(row!.n);
}

async function sourceId(code: string) {
  const [row] = await db().select({ id: sources.id }).from(sources).where(eq(sources.code, code));
  return row!.id;
}

describe('POST /ingest', () => {
  it('is idempotent: the same file twice leaves the database as after one run', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => (i % 10 === 0 ? monthAggregate(`IDEM-M${i}`, i) : transaction(`IDEM-${i}`, i)));
    const peopleBefore = await personCount();
    const first = await ingest(lines);
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ received: 300, accepted: 300, created: 300, versioned: 0, unchanged: 0, rejected: 0 });
    const afterFirst = await snapshot('IDEM-');
    const peopleAfterFirst = await personCount();
    expect(afterFirst).toHaveLength(300);
    expect(peopleAfterFirst - peopleBefore).toBe(40);
    // Records from their authority start VERIFIED, open, with the hash of their content.
    expect(afterFirst.every((r) => r.verification === 'VERIFIED' && r.supersededAt === null)).toBe(true);

    const second = await ingest(lines);
    expect(second.body.counts).toEqual({ received: 300, accepted: 300, created: 0, versioned: 0, unchanged: 300, rejected: 0 });
    expect(await snapshot('IDEM-')).toEqual(afterFirst);
    expect(await personCount()).toBe(peopleAfterFirst);
  });

  it('a file that replays each record\u2019s history, run twice, leaves the database as after one run', async () => {
    // Three versions per record, each with the instant the source received it, and a court
    // case moving FILED -> PENDING -> JUDGMENT: the rerun replays older versions first.
    const at = (v: number) => `2025-0${v}-01T08:00:00Z`;
    const lines = [1, 2, 3].flatMap((v) => [
      ...Array.from({ length: 50 }, (_, i) => ({ ...transaction(`HIST-${i}`, i, { amountFen: 1000 * v + i }), receivedAt: at(v) })),
    ]);
    const courtLines = (['FILED', 'PENDING', 'JUDGMENT'] as const).map((status, v) => ({ ...court('HISTC-1', status), receivedAt: at(v + 1) }));
    const first = await ingest(lines);
    expect(first.body.counts).toMatchObject({ accepted: 150, created: 50, versioned: 100, rejected: 0 });
    const firstCourt = await ingest(courtLines, key('court-system'));
    expect(firstCourt.body.counts).toMatchObject({ accepted: 3, created: 1, versioned: 2, rejected: 0 });
    const before = [...(await snapshot('HIST-')), ...(await snapshot('HISTC-'))];
    expect(before).toHaveLength(153);

    const second = await ingest(lines);
    expect(second.body.counts).toEqual({ received: 150, accepted: 150, created: 0, versioned: 0, unchanged: 150, rejected: 0 });
    const secondCourt = await ingest(courtLines, key('court-system'));
    expect(secondCourt.body.counts).toEqual({ received: 3, accepted: 3, created: 0, versioned: 0, unchanged: 3, rejected: 0 });
    expect([...(await snapshot('HIST-')), ...(await snapshot('HISTC-'))]).toEqual(before);

    // The same old content received again at a new instant is a real change back: a version.
    const revert = await ingest([{ ...transaction('HIST-0', 0, { amountFen: 1000 }), receivedAt: '2025-07-01T08:00:00Z' }]);
    expect(revert.body.counts).toMatchObject({ versioned: 1 });
  });

  it('versions a changed record and closes the previous version at the same instant', async () => {
    const original = transaction('VER-1', 5);
    const changed = transaction('VER-1', 5, { amountFen: 99_999 });
    expect((await ingest([original])).body.counts.created).toBe(1);
    expect((await ingest([changed])).body.counts.versioned).toBe(1);
    expect((await ingest([changed])).body.counts.unchanged).toBe(1);
    const rows = await snapshot('VER-');
    expect(rows.map((r) => r.amountFen)).toEqual([1_005, 99_999]);
    expect(rows[0]!.supersededAt).toEqual(rows[1]!.recordedAt);
    expect(rows[1]!.supersededAt).toBeNull();
    expect(rows[0]!.contentHash).not.toBe(rows[1]!.contentHash);
  });

  it('writes a load in parallel lanes and still keeps every record\u2019s versions in file order', async () => {
    // Four versions of 300 records, interleaved: with batches of 200 every lane commits many
    // batches, and a record's later versions arrive while its earlier ones are being written.
    const lines = [1, 2, 3, 4].flatMap((v) => Array.from({ length: 300 }, (_, i) => transaction(`LANE-${i}`, i, { amountFen: 10_000 * v + i })));
    const { body } = await ingest(lines);
    expect(body.counts).toEqual({ received: 1200, accepted: 1200, created: 300, versioned: 900, unchanged: 0, rejected: 0 });
    const rows = await snapshot('LANE-');
    expect(rows).toHaveLength(1200);
    const byRecord = new Map<string, typeof rows>();
    for (const r of rows) byRecord.set(r.sourceRecordId as string, [...(byRecord.get(r.sourceRecordId as string) ?? []), r]);
    expect(byRecord.size).toBe(300);
    for (const [ref, versions] of byRecord) {
      const i = Number(ref.slice('LANE-'.length));
      versions.sort((a, b) => (a.recordedAt as Date).getTime() - (b.recordedAt as Date).getTime());
      expect(versions.map((r) => r.amountFen)).toEqual([10_000 + i, 20_000 + i, 30_000 + i, 40_000 + i]);
      expect(versions.filter((r) => r.supersededAt === null)).toHaveLength(1);
      for (let k = 0; k < 3; k++) expect(versions[k]!.supersededAt).toEqual(versions[k + 1]!.recordedAt);
    }
  });

  it('two loads of the same file at once store each record once', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => transaction(`RACE-${i}`, i));
    const [a, b] = await Promise.all([ingest(lines), ingest(lines)]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.counts.created + b.body.counts.created).toBe(1500);
    expect(a.body.counts.unchanged + b.body.counts.unchanged).toBe(1500);
    const rows = await snapshot('RACE-');
    expect(rows).toHaveLength(1500);
    expect(new Set(rows.map((r) => r.sourceRecordId)).size).toBe(1500);
  });

  it('runs a batch again when the database picks it as a deadlock victim, and gives up on other errors', async () => {
    // The database's own deadlock error (40P01) on a batch's first attempt: the batch rolls
    // back whole, so running it again stores each record once.
    const failing = (code: string, times: number) => {
      let left = times;
      return new Proxy(db(), {
        get(target, prop, receiver) {
          if (prop !== 'transaction') return Reflect.get(target, prop, receiver);
          return async (work: (tx: unknown) => Promise<unknown>) =>
            target.transaction(async (tx) => {
              const result = await work(tx);
              if (left-- > 0) throw Object.assign(new Error(`simulated ${code}`), { code });
              return result;
            });
        },
      }) as Db;
    };
    const furnisher = { sourceId: await sourceId('clearing-house'), sourceKind: 'CLEARING_HOUSE' as const };
    const lines = Array.from({ length: 30 }, (_, i) => transaction(`DEADLOCK-${i}`, i));
    const report = await ingestRecords(failing('40P01', 1), furnisher, lines, { crossChecks: false, lanes: 1 });
    expect(report.counts).toMatchObject({ accepted: 30, created: 30, rejected: 0 });
    const rows = await snapshot('DEADLOCK-');
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.sourceRecordId)).size).toBe(30);

    const other = Array.from({ length: 5 }, (_, i) => transaction(`NOTRETRIED-${i}`, i));
    await expect(ingestRecords(failing('23514', 1), furnisher, other, { crossChecks: false, lanes: 1 })).rejects.toThrow('simulated 23514');
    expect(await snapshot('NOTRETRIED-')).toEqual([]);
  });

  it('refreshes the planner statistics of the tables a long load writes', async () => {
    const lines = Array.from({ length: 6000 }, (_, i) => transaction(`STAT-${i}`, i));
    expect((await ingest(lines)).body.counts.created).toBe(6000);
    const [row] = rowsOf(await db().execute(sql`select reltuples::float8 as n from pg_class where relname = 'payment_transactions'`));
    // Never analyzed, reltuples stays -1 (or 0); the load analyzed it once it had written 5,000 rows.
    expect(Number(row!.n)).toBeGreaterThanOrEqual(5000);
  });

  it('reports each invalid line with its number and reason, and stores exactly the valid ones', async () => {
    const lines = [
      transaction('VAL-1', 1),
      transaction('VAL-2', 2, { amountFen: 12.5 }),
      transaction('VAL-3', 3, { amountFen: '1200' }),
      { ...transaction('VAL-4', 4), nationalId: '110105194912310020' },
      '{"kind": "transaction", "sourceRecordId": ',
      '',
      transaction('VAL-7', 7),
      { ...transaction('VAL-8', 8), kind: 'horoscope' },
      transaction('VAL-9', 9, { occurredAt: '2025-02-30T10:00:00Z' }),
      transaction('VAL-10', 10, { direction: 'SIDEWAYS' }),
      transaction('VAL-11', 11, { amount: 5 }),
      transaction('VAL-12', 12),
      transaction('VAL-13', 13, { amountFen: 2 ** 53 }),
      transaction('VAL-14', 14, { occurredAt: '2025-05-01 10:00' }),
    ];
    const { status, body } = await ingest(lines);
    expect(status).toBe(200);
    expect(body.counts).toEqual({ received: 13, accepted: 3, created: 3, versioned: 0, unchanged: 0, rejected: 10 });
    expect(body.rejected).toEqual([
      { line: 2, field: 'content.amountFen', reason: 'must be a whole number of fen (no fractions)' },
      { line: 3, field: 'content.amountFen', reason: 'must be an integer amount in fen (a JSON number, not a string)' },
      { line: 4, field: 'nationalId', reason: 'the check digit of the national ID number does not match (ISO 7064 MOD 11-2)' },
      { line: 5, reason: expect.stringMatching(/^line is not valid JSON/) },
      { line: 8, field: 'kind', reason: expect.stringMatching(/^must be one of identity, driverLicence, .*, court, publicRecord, applicationIdentity$/) },
      { line: 9, field: 'content.occurredAt', reason: 'is not a real instant' },
      { line: 10, field: 'content.direction', reason: 'must be one of INFLOW, OUTFLOW' },
      { line: 11, field: 'content.amount', reason: 'is not a field of this record' },
      { line: 13, field: 'content.amountFen', reason: 'is too large to be exact' },
      { line: 14, field: 'content.occurredAt', reason: "must be an ISO 8601 instant with its offset, e.g. '2025-03-01T08:30:00Z'" },
    ]);
    const stored = await snapshot('VAL-');
    expect(stored.map((r) => r.sourceRecordId).sort()).toEqual(['VAL-1', 'VAL-12', 'VAL-7']);
  });

  it('refuses text that is not valid Unicode and stores the rest of the batch', async () => {
    const lines = [transaction('UNI-1', 1, { merchantCategory: 'caf\u00e9 \ud83d\ude00' }), transaction('UNI-2', 2, { counterparty: 'half \ud83d pair' }), transaction('UNI-3', 3)];
    const { body } = await ingest(lines);
    expect(body.counts).toMatchObject({ accepted: 2, rejected: 1 });
    expect(body.rejected).toEqual([{ line: 2, field: 'content.counterparty', reason: 'must be valid Unicode text (it holds half of a surrogate pair)' }]);
    const stored = await snapshot('UNI-');
    expect(stored.map((r) => r.sourceRecordId).sort()).toEqual(['UNI-1', 'UNI-3']);
    expect(stored.find((r) => r.sourceRecordId === 'UNI-1')!.merchantCategory).toBe('caf\u00e9 \ud83d\ude00');
  });

  it('keeps reading after malformed lines: every good line is stored once, every bad one reported', async () => {
    const lines: unknown[] = [];
    const bad: number[] = [];
    for (let i = 1; i <= 700; i++) {
      if (i % 7 === 0) {
        lines.push(i % 2 === 0 ? `{"garbage": ${i}` : '\u0000\u0001not json');
        bad.push(i);
      } else lines.push(transaction(`MAL-${i}`, i));
    }
    const { body } = await ingest(lines);
    expect(body.counts.accepted).toBe(700 - bad.length);
    expect(body.rejected.map((r: { line: number }) => r.line)).toEqual(bad);
    const stored = await snapshot('MAL-');
    expect(stored).toHaveLength(700 - bad.length);
    expect(new Set(stored.map((r) => r.sourceRecordId)).size).toBe(stored.length);
  });

  it('accepts records only for kinds the furnisher\u2019s source may furnish', async () => {
    const { body } = await ingest([court('AUTH-1', 'FILED'), transaction('AUTH-2', 2)], key('traffic-authority'));
    expect(body.counts).toMatchObject({ accepted: 0, rejected: 2 });
    expect(body.rejected[0]).toEqual({ line: 1, field: 'kind', reason: 'a TRAFFIC_AUTHORITY source may not furnish court records (only COURT)' });
    expect(body.rejected[1]).toEqual({ line: 2, field: 'kind', reason: 'a TRAFFIC_AUTHORITY source may not furnish transaction records (only CLEARING_HOUSE)' });
    const debtor = await ingest([court('AUTH-3', 'JUDGMENT', { judgmentDebtor: true })], key('partner-app'));
    expect(debtor.body.rejected).toEqual([
      { line: 1, field: 'content.judgmentDebtor', reason: "only a court's own record may list a person as a judgment debtor" },
    ]);
    expect(await snapshot('AUTH-')).toEqual([]);
  });

  it('refuses to move a source record id to another person', async () => {
    expect((await ingest([transaction('MOVE-1', 1)])).body.counts.created).toBe(1);
    const { body } = await ingest([{ ...transaction('MOVE-1', 1), nationalId: personId(2) }]);
    expect(body.rejected).toEqual([
      { line: 1, field: 'nationalId', reason: 'record MOVE-1 is on file for another person: a source record id cannot move to a different national ID' },
    ]);
    const rows = await snapshot('MOVE-');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.supersededAt).toBeNull();
  });

  it('starts records from a non-authoritative channel UNVERIFIED', async () => {
    const claim = {
      kind: 'education',
      sourceRecordId: 'UNV-1',
      nationalId: personId(3),
      content: { institution: '浙江大学', level: 'MASTER', field: '金融学', graduatedOn: '2018-06-30', certificateNumber: '103351201802001234' },
    };
    expect((await ingest([claim], key('partner-app'))).body.counts.created).toBe(1);
    const [row] = await snapshot('UNV-');
    expect(row).toMatchObject({ verification: 'UNVERIFIED', issuerConfirmed: false, sourceId: await sourceId('partner-app') });
  });

  it('cross-checks what each load changed: a claim turns VERIFIED when the registry agrees, and a phone is matched from either side', async () => {
    const claimant = personId(31);
    const other = personId(33);
    const identity = (name: string, phone: string, nationalId = claimant) => ({ nationalId, name, birthDate: '1980-01-04', gender: 'M', phone, address: '北京市朝阳区建国路1号' });
    const degree = { institution: '北京大学', level: 'BACHELOR', field: '经济学', graduatedOn: '2002-07-01', certificateNumber: '100011200205000031' };
    // An app declares an identity and a degree; later the registries furnish theirs, identical.
    const claims = await ingest(
      [
        { kind: 'identity', sourceRecordId: 'XC-PA-ID', nationalId: claimant, content: identity('赵明', '13911112222') },
        { kind: 'education', sourceRecordId: 'XC-PA-EDU', nationalId: claimant, content: degree },
      ],
      key('partner-app'),
    );
    expect(claims.body.counts.created).toBe(2);
    expect((await snapshot('XC-PA-')).map((r) => r.verification)).toEqual(['UNVERIFIED', 'UNVERIFIED']);
    await ingest([{ kind: 'identity', sourceRecordId: 'XC-REG-ID', nationalId: claimant, content: identity('赵明', '13911112222') }], key('identity-registry'));
    // The degree has no registry record yet: it stays UNVERIFIED until the education registry's load.
    expect((await snapshot('XC-PA-')).filter((r) => r.supersededAt === null).map((r) => `${r.kind}:${r.verification}`)).toEqual(['identity:VERIFIED', 'education:UNVERIFIED']);
    await ingest([{ kind: 'education', sourceRecordId: 'XC-REG-EDU', nationalId: claimant, content: degree }], key('education-registry'));
    expect((await snapshot('XC-PA-')).filter((r) => r.supersededAt === null).map((r) => `${r.kind}:${r.verification}`)).toEqual(['identity:VERIFIED', 'education:VERIFIED']);

    // A job names a referee phone; afterwards the registry gives another person that phone as their own.
    const job = { employer: '北京星河科技有限公司', occupation: '会计', startedOn: '2015-03-01', referees: [{ name: '钱伟', relation: '同事', phone: '13622223333' }] };
    await ingest([{ kind: 'employment', sourceRecordId: 'XC-JOB', nationalId: claimant, content: job }], key('employer-network'));
    await ingest([{ kind: 'identity', sourceRecordId: 'XC-REG-OTHER', nationalId: other, content: identity('钱伟', '13622223333', other) }], key('identity-registry'));
    const [claimantRow] = await db().select({ id: persons.id }).from(persons).where(eq(persons.nationalId, claimant));
    const [otherRow] = await db().select({ id: persons.id }).from(persons).where(eq(persons.nationalId, other));
    const found = await db().select().from(discrepancies).where(and(eq(discrepancies.personId, claimantRow!.id), eq(discrepancies.kind, 'SHARED_CONTACT')));
    expect(found).toHaveLength(1);
    expect(found[0]!.details).toMatchObject({ phone: '13622223333', usedAs: 'REFEREE', alsoFoundAs: 'SUBJECT', otherPersonId: otherRow!.id });
    expect(found[0]!.records.map((r) => `${r.kind}:${r.sourceRecordId}`)).toEqual(['employment:XC-JOB', 'identity:XC-REG-OTHER']);
  });

  it('refuses callers that are not furnishers, with JSON errors', async () => {
    const scorer = await ingest([transaction('REF-1', 1)], 'demo-scorer-full');
    expect(scorer.status).toBe(403);
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const nobody = await ingest([transaction('REF-2', 1)], null);
    expect(nobody.status).toBe(401);
    expect(nobody.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const wrong = await ingest([transaction('REF-3', 1)], 'not-a-key');
    expect(wrong.status).toBe(401);
    expect(await snapshot('REF-')).toEqual([]);
  });
});

/** National IDs no other test uses: a person for one of them exists only if a line created it. */
const freshPerson = (n: number) => personId(1000 + n);

async function peopleNamed(nationalIds: string[]) {
  const [row] = await db().select({ n: sql<number>`count(*)::int` }).from(persons).where(inArray(persons.nationalId, nationalIds));
  return Number(row!.n);
}

describe('bad lines are refused and store nothing, not even a person', () => {
  const prototypeNames = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

  it('refuses content fields named after Object.prototype members as unknown fields', async () => {
    // Written as text: an object literal would not carry "__proto__" as a field.
    const lines = prototypeNames.map((name, i) =>
      JSON.stringify({ ...transaction(`PROTO-${i}`, 0), nationalId: freshPerson(i) }).replace('"content":{', `"content":{"${name}":{"x":1},`),
    );
    const referee = JSON.stringify({
      kind: 'employment',
      sourceRecordId: 'PROTO-REF',
      nationalId: freshPerson(20),
      content: { employer: '北京星河科技有限公司', occupation: '会计', startedOn: '2015-03-01', referees: [{ name: '钱伟', relation: '同事', phone: '13622223333' }] },
    }).replace('"relation"', '"__proto__":"x","relation"');
    const { body } = await ingest([...lines, transaction('PROTO-OK', 1)]);
    const employer = await ingest([referee], key('employer-network'));
    expect(body.rejected).toEqual(prototypeNames.map((name, i) => ({ line: i + 1, field: `content.${name}`, reason: 'is not a field of this record' })));
    expect(body.counts).toMatchObject({ accepted: 1, rejected: prototypeNames.length });
    expect(employer.body.rejected).toEqual([{ line: 1, field: 'content.referees[0].__proto__', reason: 'is not a field of this record' }]);
    expect((await snapshot('PROTO-')).map((r) => r.sourceRecordId)).toEqual(['PROTO-OK']);
    expect(await peopleNamed([...prototypeNames.map((_, i) => freshPerson(i)), freshPerson(20)])).toBe(0);
  });

  it('rejects a line whose bytes are not valid UTF-8, instead of storing U+FFFD, and stores the lines around it', async () => {
    const good = (ref: string) => Buffer.from(JSON.stringify(transaction(ref, 1)) + '\n');
    // Each bad line is valid JSON apart from its bytes: a stray byte, an overlong '/', half of a
    // surrogate pair written as UTF-8, a character cut short.
    const badBytes = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xbd]];
    const bad = badBytes.map((bytes, i) => {
      const [head, tail] = JSON.stringify({ ...transaction(`UTF8-BAD-${i}`, 1, { merchantCategory: 'MARK' }), nationalId: freshPerson(30 + i) }).split('MARK');
      return Buffer.concat([Buffer.from(head!), Buffer.from(bytes), Buffer.from(tail! + '\n')]);
    });
    const body = Buffer.concat([good('UTF8-OK-1'), ...bad, good('UTF8-OK-2')]);
    const res = await fetch(`${t.url}/ingest`, { method: 'POST', headers: { authorization: `Bearer ${key('clearing-house')}`, 'content-type': 'application/x-ndjson' }, body });
    const report = (await res.json()) as any;
    expect(report.counts).toMatchObject({ received: 6, accepted: 2, rejected: 4 });
    expect(report.rejected).toEqual(badBytes.map((_, i) => ({ line: i + 2, reason: 'line is not valid UTF-8 text' })));
    expect((await snapshot('UTF8-')).map((r) => r.sourceRecordId).sort()).toEqual(['UTF8-OK-1', 'UTF8-OK-2']);
    expect(await peopleNamed(badBytes.map((_, i) => freshPerson(30 + i)))).toBe(0);
  });

  it('a record refused because its id is on file for another person does not create the person it names', async () => {
    expect((await ingest([transaction('NOPERSON-1', 1)])).body.counts.created).toBe(1);
    const newcomer = freshPerson(40);
    const { body } = await ingest([{ ...transaction('NOPERSON-1', 1), nationalId: newcomer }, transaction('NOPERSON-2', 2)]);
    expect(body.rejected).toEqual([
      { line: 1, field: 'nationalId', reason: 'record NOPERSON-1 is on file for another person: a source record id cannot move to a different national ID' },
    ]);
    expect(body.counts).toMatchObject({ accepted: 1, created: 1, rejected: 1 });
    expect(await peopleNamed([newcomer])).toBe(0);
    // The same through GraphQL, in a batch that also creates a person.
    const other = freshPerson(41);
    const res = await t.gql(
      `mutation($records: [FurnishedRecordInput!]!) { submitRecords(records: $records) { counts { accepted rejected } rejected { line field } } }`,
      { records: [{ ...transaction('NOPERSON-1', 1), nationalId: newcomer }, { ...transaction('NOPERSON-3', 3), nationalId: other }] },
      key('clearing-house'),
    );
    expect(res.body.data.submitRecords).toEqual({ counts: { accepted: 1, rejected: 1 }, rejected: [{ line: 1, field: 'nationalId' }] });
    expect(await peopleNamed([newcomer])).toBe(0);
    expect(await peopleNamed([other])).toBe(1);
  });
});

describe('court feed', () => {
  it('moves a case forward, refuses illegal transitions, and lets only a judgment list a debtor', async () => {
    const { body } = await ingest(
      [
        court('CT-1', 'FILED'),
        court('CT-1', 'PENDING'),
        court('CT-1', 'JUDGMENT'),
        court('CT-1', 'JUDGMENT', { judgmentDebtor: true }),
        court('CT-1', 'SATISFIED'),
        court('CT-1', 'PENDING'),
        court('CT-2', 'FILED'),
        court('CT-2', 'DISMISSED'),
        court('CT-2', 'JUDGMENT'),
        court('CT-3', 'PENDING', { judgmentDebtor: true }),
        court('CT-4', 'JUDGMENT'),
        court('CT-4', 'OVERTURNED'),
      ],
      key('court-system'),
    );
    expect(body.counts).toMatchObject({ received: 12, created: 3, versioned: 6, rejected: 3 });
    expect(body.rejected).toEqual([
      { line: 6, field: 'content.status', reason: 'a court case cannot move from SATISFIED to PENDING (from SATISFIED it may move to SATISFIED, OVERTURNED)' },
      { line: 9, field: 'content.status', reason: 'a court case cannot move from DISMISSED to JUDGMENT (from DISMISSED it may move to DISMISSED)' },
      {
        line: 10,
        field: 'content.judgmentDebtor',
        reason: 'may be true only on a JUDGMENT (a person fails to perform a judgment that stands)',
      },
    ]);
    const rows = await snapshot('CT-');
    const history = (ref: string) => rows.filter((r) => r.sourceRecordId === ref).map((r) => [r.status, r.judgmentDebtor]);
    expect(history('CT-1')).toEqual([
      ['FILED', false],
      ['PENDING', false],
      ['JUDGMENT', false],
      ['JUDGMENT', true],
      ['SATISFIED', false],
    ]);
    expect(history('CT-2')).toEqual([
      ['FILED', false],
      ['DISMISSED', false],
    ]);
    expect(history('CT-3')).toEqual([]);
    // Each version was recorded after the one it closed: history shows when.
    const ct1 = rows.filter((r) => r.sourceRecordId === 'CT-1');
    for (let i = 1; i < ct1.length; i++) expect(ct1[i - 1]!.supersededAt).toEqual(ct1[i]!.recordedAt);
    expect(ct1.at(-1)!.supersededAt).toBeNull();
  });
});

describe('submitRecords mutation', () => {
  const mutation = `mutation Submit($records: [FurnishedRecordInput!]!) {
    submitRecords(records: $records) {
      counts { received accepted created versioned unchanged rejected }
      accepted { line kind sourceRecordId outcome }
      rejected { line field reason }
    }
  }`;

  it('stores the valid records of a batch and reports the rest', async () => {
    const records = [transaction('GQL-1', 1), transaction('GQL-2', 2, { amountFen: -5 }), monthAggregate('GQL-3', 3)];
    const res = await t.gql(mutation, { records }, key('clearing-house'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.submitRecords).toEqual({
      counts: { received: 3, accepted: 2, created: 2, versioned: 0, unchanged: 0, rejected: 1 },
      accepted: [
        { line: 1, kind: 'transaction', sourceRecordId: 'GQL-1', outcome: 'CREATED' },
        { line: 3, kind: 'transactionMonth', sourceRecordId: 'GQL-3', outcome: 'CREATED' },
      ],
      rejected: [{ line: 2, field: 'content.amountFen', reason: 'must be at least 1' }],
    });
    const again = await t.gql(mutation, { records: [records[0]] }, key('clearing-house'));
    expect(again.body.data.submitRecords.accepted[0].outcome).toBe('UNCHANGED');
    expect((await snapshot('GQL-')).map((r) => r.sourceRecordId)).toEqual(['GQL-1', 'GQL-3']);
  });

  it('refuses content fields named after Object.prototype members, from variables and from the query text', async () => {
    // Parsed from text, "__proto__" is an own field, as it is in the body the server parses.
    const records = ['constructor', 'toString', '__proto__'].map((name, i) =>
      JSON.parse(JSON.stringify({ ...transaction(`GQLPROTO-${i}`, i), nationalId: freshPerson(50 + i) }).replace('"content":{', `"content":{"${name}":1,`)),
    );
    const res = await t.gql(mutation, { records }, key('clearing-house'));
    expect(res.body.data.submitRecords.rejected).toEqual([
      { line: 1, field: 'content.constructor', reason: 'is not a field of this record' },
      { line: 2, field: 'content.toString', reason: 'is not a field of this record' },
      { line: 3, field: 'content.__proto__', reason: 'is not a field of this record' },
    ]);
    const literal = await t.gql(
      `mutation { submitRecords(records: [{ kind: transactionMonth, sourceRecordId: "GQLPROTO-L", nationalId: "${freshPerson(53)}",
        content: { month: "2025-05", transactionCount: 1, inflowFen: 1, outflowFen: 1, constructor: 1 } }]) { rejected { line field reason } } }`,
      {},
      key('clearing-house'),
    );
    expect(literal.body.data.submitRecords.rejected).toEqual([{ line: 1, field: 'content.constructor', reason: 'is not a field of this record' }]);
    expect(await snapshot('GQLPROTO-')).toEqual([]);
    expect(await peopleNamed([50, 51, 52, 53].map(freshPerson))).toBe(0);
  });

  it('refuses more than 500 records with BAD_USER_INPUT and stores none of them', async () => {
    // Minimal records keep the request under the GraphQL body limit: the count is what is refused.
    const records = Array.from({ length: 501 }, (_, i) => ({ kind: 'transaction', sourceRecordId: `BIG-${i}`, nationalId: personId(1), content: {} }));
    const res = await t.gql(mutation, { records }, key('clearing-house'));
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toMatch(/At most 500 records/);
    expect(await snapshot('BIG-')).toEqual([]);
  });

  it('is for furnishers only', async () => {
    const res = await t.gql(mutation, { records: [transaction('GQLX-1', 1)] }, 'demo-scorer-full');
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await snapshot('GQLX-')).toEqual([]);
  });
});

describe('interrupted bulk loads', () => {
  const bigFile = (prefix: string, n: number) =>
    ndjson(Array.from({ length: n }, (_, i) => (i % 25 === 0 ? monthAggregate(`${prefix}M${i}`, i) : transaction(`${prefix}${i}`, i))));

  /** The database a clean single run of `file` leaves: one open version per record, its content. */
  async function expectCleanRun(prefix: string, file: string) {
    const expected = file
      .trim()
      .split('\n')
      .map((line) => validateFurnishedRecord(JSON.parse(line)))
      .map((v) => (v.ok ? v.record : null))
      .filter((r) => r !== null);
    const rows = await snapshot(prefix);
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r.supersededAt === null)).toBe(true);
    const byRef = new Map(rows.map((r) => [r.sourceRecordId, r]));
    expect(byRef.size).toBe(expected.length);
    for (const record of expected) expect(byRef.get(record.sourceRecordId)?.contentHash).toBe(contentHash(record.content));
    const people = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(persons)
      .where(inArray(persons.nationalId, [...new Set(expected.map((r) => r.nationalId))]));
    expect(Number(people[0]!.n)).toBe(new Set(expected.map((r) => r.nationalId)).size);
  }

  /** Streams the first `fraction` of the file, waits until a batch committed, then kills the socket. */
  async function interruptedLoad(url: string, file: string, fraction: number, prefix: string) {
    const target = new URL('/ingest', url);
    const req = http.request(target, {
      method: 'POST',
      headers: { authorization: `Bearer ${key('clearing-house')}`, 'content-type': 'application/x-ndjson' },
    });
    req.on('error', () => undefined);
    req.write(file.slice(0, Math.floor(file.length * fraction)));
    const deadline = Date.now() + 30_000;
    while ((await snapshot(prefix)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    // Let the server notice and finish the batch it was writing.
    let last = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      const n = (await snapshot(prefix)).length;
      if (n === last) return n;
      last = n;
    }
  }

  it('a load killed mid-stream and rerun leaves no duplicates and loses nothing', async () => {
    const file = bigFile('INT-', 3000);
    const partial = await interruptedLoad(t.url, file, 0.6, 'INT-');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(3000);
    const rerun = await fetch(`${t.url}/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key('clearing-house')}` },
      body: file,
    }).then((r) => r.json() as Promise<any>);
    expect(rerun.counts).toEqual({ received: 3000, accepted: 3000, created: 3000 - partial, versioned: 0, unchanged: partial, rejected: 0 });
    await expectCleanRun('INT-', file);
  });

  it('a server restarted after a partial load, then the file rerun, ends as one clean run', async () => {
    const file = bigFile('RST-', 2000);
    // A first server process over the same database, closed after the partial load.
    const first = await createExchangeServer({ database: t.testDb.database, logger: createLogger('silent'), ingestion: { batchSize: 200 } });
    const server: http.Server = await new Promise((resolve) => {
      const s = first.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const partial = await interruptedLoad(url, file, 0.7, 'RST-');
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await first.stop();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(2000);

    const rerun = await fetch(`${t.url}/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key('clearing-house')}` },
      body: file,
    }).then((r) => r.json() as Promise<any>);
    expect(rerun.counts).toMatchObject({ accepted: 2000, created: 2000 - partial, unchanged: partial });
    await expectCleanRun('RST-', file);
    const clearingHouse = await sourceId('clearing-house');
    const [dupes] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(recordTables.transaction)
      .where(and(eq(recordTables.transaction.sourceId, clearingHouse), like(recordTables.transaction.sourceRecordId, 'RST-%')));
    expect(Number(dupes!.n)).toBe(2000 - 80);
  });
});
