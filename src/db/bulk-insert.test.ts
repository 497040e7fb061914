import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { asc, like } from 'drizzle-orm';
import { createDatabaseWithPersonAndSource, type TestDatabase } from '../../test/helpers/database.js';
import { recordTables } from '../records/index.js';
import { bulkInsert, copyField } from './bulk-insert.js';

let t: TestDatabase;
let personId: string;
let sourceId: number;
beforeAll(async () => {
  ({ t, personId, sourceId } = await createDatabaseWithPersonAndSource({ code: 'bulk-test', name: 'Bulk test channel', kind: 'EMPLOYER' }));
});
afterAll(async () => {
  await t?.drop();
});

describe('bulkInsert', () => {
  it('stores text with tabs, line breaks, backslashes and quotes, JSON, nulls and instants exactly (COPY on PostgreSQL, JSON on PGlite)', async () => {
    const jobs = recordTables.employment;
    const odd = 'a\tb\nc\r\\d "e" \\N 中文 😀';
    const rows = [
      { employer: odd, occupation: '\\', referees: [{ name: odd, relation: 'x\\ty', phone: '13800000001' }], endedOn: null, employerPhone: null },
      { employer: 'Plain Ltd', occupation: 'N', referees: [], endedOn: '2024-02-29', employerPhone: '010-1234' },
    ].map((content, i) => ({
      ...content,
      startedOn: '2020-01-01',
      personId,
      sourceId,
      sourceRecordId: `BULK-${i}`,
      receivedAt: new Date('2026-01-01T00:00:00.123Z'),
      recordedAt: '2026-01-02T03:04:05.678Z',
      verification: 'UNVERIFIED',
      contentHash: `hash-${i}`,
    }));
    const queries = vi.spyOn(pg.Client.prototype, 'query');
    await t.database.db.transaction((tx) => bulkInsert(tx, jobs, rows));
    const copies = queries.mock.calls.filter(([q]) => String((q as unknown as { text?: unknown })?.text ?? '').startsWith('copy '));
    queries.mockRestore();
    expect(copies).toHaveLength(t.database.kind === 'postgres' ? 1 : 0);
    const stored = await t.database.db.select().from(jobs).where(like(jobs.sourceRecordId, 'BULK-%')).orderBy(asc(jobs.sourceRecordId));
    expect(stored.map((r) => ({ employer: r.employer, occupation: r.occupation, referees: r.referees, endedOn: r.endedOn, employerPhone: r.employerPhone }))).toEqual(
      rows.map((r) => ({ employer: r.employer, occupation: r.occupation, referees: r.referees, endedOn: r.endedOn, employerPhone: r.employerPhone })),
    );
    expect(stored.map((r) => r.receivedAt.toISOString())).toEqual(['2026-01-01T00:00:00.123Z', '2026-01-01T00:00:00.123Z']);
    expect(stored[0]!.recordedAt.toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(stored[0]!.supersededAt).toBeNull();
  });

  it('rolls back with its transaction when a row breaks a constraint', async () => {
    const jobs = recordTables.employment;
    const row = (i: number, person: string) => ({
      employer: 'E', occupation: 'O', startedOn: '2020-01-01', referees: [], personId: person, sourceId,
      sourceRecordId: `BULK-BAD-${i}`, receivedAt: new Date(), recordedAt: new Date(), verification: 'UNVERIFIED', contentHash: 'h',
    });
    const unknownPerson = '00000000-0000-4000-8000-000000000000';
    await expect(t.database.db.transaction((tx) => bulkInsert(tx, jobs, [row(1, personId), row(2, unknownPerson)]))).rejects.toThrow();
    expect(await t.database.db.select().from(jobs).where(like(jobs.sourceRecordId, 'BULK-BAD-%'))).toEqual([]);
  });

  it('writes COPY text fields: \\N for null, the four special characters escaped, JSON for JSON columns', () => {
    expect(copyField(null, false)).toBe('\\N');
    expect(copyField('\\N', false)).toBe('\\\\N');
    expect(copyField('a\tb\nc\rd\\', false)).toBe('a\\tb\\nc\\rd\\\\');
    expect(copyField(true, false)).toBe('t');
    expect(copyField(12, false)).toBe('12');
    expect(copyField('x', true)).toBe('"x"');
    expect(copyField({ a: 'b\nc' }, true)).toBe('{"a":"b\\\\nc"}');
  });
});
