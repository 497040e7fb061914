import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createDatabaseWithPersonAndSource, type TestDatabase } from '../../../test/helpers/database.js';
import { appendVersion } from '../../records/shared/append-version.js';
import { contactPhones } from '../../server/tables.js';

let t: TestDatabase;
let personId: string;
let sourceId: number;
beforeAll(async () => {
  ({ t, personId, sourceId } = await createDatabaseWithPersonAndSource({ code: 'employer-test', name: 'Test employer channel', kind: 'EMPLOYER' }));
});
afterAll(async () => {
  await t?.drop();
});

const job = (referees: { name: string; relation: string; phone: string }[]) => ({
  employer: '华信科技有限公司',
  occupation: '软件工程师',
  startedOn: '2020-03-01',
  endedOn: null,
  employerPhone: '010-88886666',
  referees,
});

const phones = () =>
  t.database.db.select({ phone: contactPhones.phone, role: contactPhones.role }).from(contactPhones).where(eq(contactPhones.personId, personId)).orderBy(asc(contactPhones.phone));

describe('contact_phones follows the versions in force', () => {
  it('adds the phones of a new version and drops those of the version it closes', async () => {
    const db = t.database.db;
    const base = { personId, sourceId, sourceRecordId: 'JOB-1', receivedAt: new Date() };
    await appendVersion(db, 'employment', { ...base, content: job([{ name: '王强', relation: '同事', phone: '13800000001' }]) }, new Date('2026-01-01T00:00:00Z'));
    expect(await phones()).toEqual([
      { phone: '010-88886666', role: 'EMPLOYER' },
      { phone: '13800000001', role: 'REFEREE' },
    ]);
    await appendVersion(db, 'employment', { ...base, content: job([{ name: '李娜', relation: '主管', phone: '13900000002' }]) }, new Date('2026-02-01T00:00:00Z'));
    expect(await phones()).toEqual([
      { phone: '010-88886666', role: 'EMPLOYER' },
      { phone: '13900000002', role: 'REFEREE' },
    ]);
  });
});
