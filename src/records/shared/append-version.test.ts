import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDatabaseWithPersonAndSource, type TestDatabase } from '../../../test/helpers/database.js';
import { appendVersion } from './append-version.js';
import { courtRecords } from '../../server/tables.js';

let t: TestDatabase;
let personId: string;
let sourceId: number;
beforeAll(async () => {
  ({ t, personId, sourceId } = await createDatabaseWithPersonAndSource({ code: 'court-test', name: 'Test court', kind: 'COURT' }));
});
afterAll(async () => {
  await t?.drop();
});

const caseContent = (status: string, judgmentDebtor = false) => ({
  caseNumber: '(2026)京0105民初1号',
  court: '北京市朝阳区人民法院',
  filedOn: '2026-01-05',
  role: 'DEFENDANT',
  status,
  judgmentOn: status === 'JUDGMENT' ? '2026-06-01' : null,
  judgmentAmountFen: status === 'JUDGMENT' ? 1_234_500 : null,
  judgmentDebtor,
});

describe('appendVersion', () => {
  it('creates, ignores an identical resubmission, and versions a change without updating content in place', async () => {
    const db = t.database.db;
    const base = { personId, sourceId, sourceRecordId: 'CASE-1', receivedAt: new Date() };
    const t1 = new Date('2026-01-06T00:00:00Z');
    const t2 = new Date('2026-02-06T00:00:00Z');
    const t3 = new Date('2026-06-02T00:00:00Z');
    expect((await appendVersion(db, 'court', { ...base, content: caseContent('FILED') }, t1)).outcome).toBe('created');
    expect((await appendVersion(db, 'court', { ...base, content: caseContent('FILED') }, t2)).outcome).toBe('unchanged');
    expect((await appendVersion(db, 'court', { ...base, content: caseContent('PENDING') }, t2)).outcome).toBe('versioned');
    expect((await appendVersion(db, 'court', { ...base, content: caseContent('JUDGMENT', true) }, t3)).outcome).toBe('versioned');
    const rows = await db.select().from(courtRecords).where(eq(courtRecords.sourceRecordId, 'CASE-1')).orderBy(courtRecords.recordedAt);
    expect(rows.map((r) => r.status)).toEqual(['FILED', 'PENDING', 'JUDGMENT']);
    expect(rows.map((r) => r.supersededAt?.toISOString() ?? null)).toEqual([t2.toISOString(), t3.toISOString(), null]);
    expect(rows[2]!.judgmentDebtor).toBe(true);
    expect(rows[0]!.judgmentDebtor).toBe(false);
  });
});
