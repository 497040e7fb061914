import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inArray, like, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { FUZZ_SEED, freshNationalId, fuzzRuns, recordBreak, toJsonText, validRecordBody, withoutRateLimits, type Break, type FurnishedRecord, type RecordBody } from './helpers/fuzz.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { persons } from '../src/server/tables.js';
import { recordTables } from '../src/records/index.js';

let t: TestServer;
beforeAll(async () => {
  // Small batches and several lanes: a file of a few lines still spans batches, and a record's later lines wait for its first.
  t = await withoutRateLimits(() => startTestServer({ ingestion: { batchSize: 7, lanes: 3 } }));
  // A record on file for the demo person: a line that files its id under someone else is refused.
  const anchor = await ingest(Buffer.from(`${JSON.stringify(anchorRecord)}\n`));
  expect(anchor.body.counts).toMatchObject({ accepted: 1, rejected: 0 });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const anchorRecord = {
  kind: 'transaction',
  sourceRecordId: 'FZI-ANCHOR',
  nationalId: demoPeople.ordinary.nationalId,
  content: { occurredAt: '2025-05-01T10:00:00Z', amountFen: 100, direction: 'OUTFLOW', channel: 'ALIPAY' },
};

async function ingest(body: Buffer) {
  const res = await fetch(`${t.url}/ingest`, {
    method: 'POST',
    headers: { authorization: 'Bearer demo-furnisher-clearing-house', 'content-type': 'application/x-ndjson' },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Lines that are no record at all: bytes that are not UTF-8, text that is not JSON, JSON that is not an object, a line too long. */
type RawBreak = { name: string; bytes: (validLine: string) => Buffer };

const notUtf8 = fc.constantFrom([0xff], [0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe4, 0xbd], [0xf4, 0x90, 0x80, 0x80]);
const rawBreak: fc.Arbitrary<RawBreak> = fc.oneof(
  notUtf8.map((bad) => ({
    name: `bytes ${bad.map((b) => b.toString(16)).join(' ')} inside a string`,
    // Decoded with U+FFFD in their place, the line would be a valid record under another id.
    bytes: (line: string) => {
      const at = line.indexOf('"sourceRecordId":"') + '"sourceRecordId":"'.length;
      return Buffer.concat([Buffer.from(line.slice(0, at)), Buffer.from(bad), Buffer.from(line.slice(at))]);
    },
  })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => ({
    name: 'a valid line cut short',
    bytes: (line: string) => Buffer.from(line.slice(0, Math.max(1, Math.min(line.length - 1, Math.floor(f * line.length))))),
  })),
  fc.constantFrom('{"kind": ', 'nul', '\u0000\u0001', '[1,2', 'undefined', '1', '"record"', 'null', 'true', '[]', '[{}]', '{"a":1}{"b":2}').map((text) => ({
    name: `not a record: ${JSON.stringify(text)}`,
    bytes: () => Buffer.from(text),
  })),
  fc.constant({ name: 'a line longer than 1 MiB', bytes: (line: string) => Buffer.from(line.replace('"content":{', `"content":{"padding":"${'p'.repeat(1 << 20)}",`)) }),
);

/** One line of a generated file, before a run gives it its ids and persons. */
type LinePlan =
  | { is: 'valid'; body: RecordBody; person: number }
  | { is: 'broken'; body: RecordBody; person: number; break: Break }
  | { is: 'raw'; body: RecordBody; break: RawBreak }
  | { is: 'duplicate' }
  | { is: 'movedToNewPerson' }
  | { is: 'blank'; text: string };

/** Persons a file may name: the demo person (index 0) or new ones, fresh for each run. */
const PERSONS = 4;

const linePlan: fc.Arbitrary<LinePlan> = fc.oneof(
  { arbitrary: fc.record({ is: fc.constant('valid' as const), body: validRecordBody, person: fc.nat(PERSONS - 1) }), weight: 5 },
  { arbitrary: fc.record({ is: fc.constant('broken' as const), body: validRecordBody, person: fc.nat(PERSONS - 1), break: recordBreak }), weight: 5 },
  { arbitrary: fc.record({ is: fc.constant('raw' as const), body: validRecordBody, break: rawBreak }), weight: 2 },
  { arbitrary: fc.constant({ is: 'duplicate' as const }), weight: 1 },
  { arbitrary: fc.constant({ is: 'movedToNewPerson' as const }), weight: 1 },
  { arbitrary: fc.constantFrom('', '   ', '\t').map((text) => ({ is: 'blank' as const, text })), weight: 1 },
);

/** What the exchange must make of a file: the lines it refuses, the records it stores, the persons it creates. */
interface Expected {
  received: number;
  rejectedLines: number[];
  accepted: number;
  storedIds: Set<string>;
  /** New persons named by stored records, and new persons named only by refused lines. */
  newPersons: Set<string>;
  strangers: Set<string>;
}

let run = 0;

/** Gives a run's plans their ids and persons: the bytes of the file, and what it must do. */
function materialize(plans: LinePlan[]): { file: Buffer; expected: Expected } {
  const r = ++run;
  const prefix = `FZI${r}-`;
  const nationalIdOf = (person: number) => (person === 0 ? demoPeople.ordinary.nationalId : freshNationalId(r, person));
  // Named only by lines that must be refused: a person for it must never appear.
  const stranger = freshNationalId(r, PERSONS + 1);
  const expected: Expected = { received: 0, rejectedLines: [], accepted: 0, storedIds: new Set(), newPersons: new Set(), strangers: new Set([stranger]) };
  const lines: Buffer[] = [];
  const validLines: string[] = [];
  const validTransactions: string[] = [];
  plans.forEach((plan, i) => {
    const number = i + 1;
    const record = (body: RecordBody, person: number): FurnishedRecord => ({ ...body, sourceRecordId: `${prefix}${number}`, nationalId: nationalIdOf(person) });
    switch (plan.is) {
      case 'blank':
        lines.push(Buffer.from(plan.text));
        return;
      case 'valid': {
        const valid = record(plan.body, plan.person);
        const text = JSON.stringify(valid);
        lines.push(Buffer.from(text));
        validLines.push(text);
        if (valid.kind === 'transaction') validTransactions.push(valid.sourceRecordId);
        expected.storedIds.add(valid.sourceRecordId);
        if (plan.person !== 0) expected.newPersons.add(valid.nationalId);
        expected.received++;
        expected.accepted++;
        return;
      }
      case 'duplicate': {
        // The same line again stores nothing new; with no line before it, a blank line.
        const earlier = validLines.at(-1) ?? '';
        lines.push(Buffer.from(earlier));
        if (earlier) {
          expected.received++;
          expected.accepted++;
        }
        return;
      }
      case 'movedToNewPerson': {
        // An id on file (this file's or the anchor) filed under a new person: refused, and no person made.
        const id = validTransactions.at(-1) ?? anchorRecord.sourceRecordId;
        lines.push(Buffer.from(JSON.stringify({ ...anchorRecord, sourceRecordId: id, nationalId: stranger })));
        expected.received++;
        expected.rejectedLines.push(number);
        return;
      }
      case 'broken': {
        const broken = plan.break.apply(record(plan.body, plan.person)) as FurnishedRecord;
        lines.push(Buffer.from(toJsonText(broken)));
        if (plan.person !== 0) expected.strangers.add(nationalIdOf(plan.person));
        expected.received++;
        expected.rejectedLines.push(number);
        return;
      }
      case 'raw':
        lines.push(plan.break.bytes(JSON.stringify(record(plan.body, PERSONS + 1))));
        expected.received++;
        expected.rejectedLines.push(number);
        return;
    }
  });
  // A person named by a stored record is no stranger, whatever else named them.
  for (const p of expected.newPersons) expected.strangers.delete(p);
  return { file: Buffer.concat(lines.flatMap((l, i) => [l, Buffer.from(i % 3 === 0 ? '\r\n' : '\n')])), expected };
}

async function storedIds(prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (const table of [recordTables.transaction, recordTables.transactionMonth]) {
    const rows = await db().select({ id: table.sourceRecordId }).from(table).where(like(table.sourceRecordId, `${prefix}%`));
    ids.push(...rows.map((row) => row.id));
  }
  return ids.sort();
}

async function personsNamed(nationalIds: Set<string>): Promise<string[]> {
  if (nationalIds.size === 0) return [];
  const rows = await db().select({ nationalId: persons.nationalId }).from(persons).where(inArray(persons.nationalId, [...nationalIds]));
  return rows.map((row) => row.nationalId).sort();
}

describe('NDJSON fuzz: POST /ingest with random valid and broken lines', () => {
  it('refuses exactly the broken lines (never as a server error), stores each valid line once, and creates only the persons valid lines name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(linePlan, { minLength: 1, maxLength: 24 }), async (plans) => {
        const { file, expected } = materialize(plans);
        const prefix = `FZI${run}-`;
        const peopleBefore = await db().select({ n: sql<number>`count(*)::int` }).from(persons);

        const first = await ingest(file);
        expect(first.status).toBe(200);
        expect(first.body.rejected.map((x: { line: number }) => x.line)).toEqual(expected.rejectedLines);
        for (const rejection of first.body.rejected) expect(typeof rejection.reason).toBe('string');
        expect(first.body.counts).toEqual({
          received: expected.received,
          accepted: expected.accepted,
          created: expected.storedIds.size,
          versioned: 0,
          unchanged: expected.accepted - expected.storedIds.size,
          rejected: expected.rejectedLines.length,
        });
        expect(await storedIds(prefix)).toEqual([...expected.storedIds].sort());
        expect(await personsNamed(new Set([...expected.newPersons, ...expected.strangers]))).toEqual([...expected.newPersons].sort());
        const peopleAfter = await db().select({ n: sql<number>`count(*)::int` }).from(persons);
        expect(Number(peopleAfter[0]!.n) - Number(peopleBefore[0]!.n)).toBe(expected.newPersons.size);

        // Once: the same file again changes nothing.
        const second = await ingest(file);
        expect(second.body.counts).toEqual({ ...first.body.counts, created: 0, unchanged: expected.accepted });
        expect(await storedIds(prefix)).toEqual([...expected.storedIds].sort());
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(50) },
    );
  });
});
