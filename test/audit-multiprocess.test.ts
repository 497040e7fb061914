import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, inArray } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { ServerProcesses } from './helpers/server-process.js';
import { seedDatabase } from '../src/seed/seed.js';
import { accessLog, accessLogHead, accessLogTreeNodes, persons } from '../src/server/tables.js';
import { openCheckpoint, parseVerifierKey } from '../tools/verify-log/tlog.js';
import { verifyExport } from '../tools/verify-log/verify.js';
import { verifyAccessLog } from '../src/audit/verify.service.js';
import { skipBecause } from './helpers/skip.js';

// Two server processes against one database: PostgreSQL only (PGlite is one process).
const onPostgres = Boolean(process.env.DATABASE_URL);

let testDb: TestDatabase;
const servers = new ServerProcesses();

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDatabase();
  await seedDatabase(testDb.database.db, { people: 20, seed: 7, demo: true });
}, 120_000);

afterAll(async () => {
  servers.stopAll();
  await testDb?.drop();
});

describe.skipIf(skipBecause(!onPostgres, 'needs PostgreSQL (set DATABASE_URL): two server processes cannot share one in-memory PGlite'))('the access log chain under two server processes', () => {
  it('stays valid and complete when both append at once', async () => {
    const [a, b] = await Promise.all([servers.start(testDb.url!), servers.start(testDb.url!)]);
    const ids = (await testDb.database.db.select({ nationalId: persons.nationalId }).from(persons)).map((p) => p.nationalId);
    const requestIds: string[] = [];
    const calls = Array.from({ length: 400 }, (_, i) => {
      const requestId = `two-proc-${i}`;
      requestIds.push(requestId);
      return fetch(`${i % 2 ? a : b}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full', 'x-request-id': requestId },
        body: JSON.stringify({
          query: `query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "MP") { id ownsProperty } }`,
          variables: { id: ids[i % ids.length] },
        }),
      }).then((r) => r.status);
    });
    const statuses = await Promise.all(calls);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const entries = await testDb.database.db.select().from(accessLog).where(inArray(accessLog.requestId, requestIds));
    expect(entries).toHaveLength(400);
    expect(new Set(entries.map((e) => e.seq)).size).toBe(400);
    const verification = await verifyAccessLog(testDb.database.db, null, null);
    expect(verification).toMatchObject({ valid: true, brokenAt: null });
    expect(verification.checked).toBeGreaterThanOrEqual(400);

    // The Merkle tree grew in the chain's order under the same lock: one process's checkpoint
    // verifies against the other process's export of the whole log.
    const note = await (await fetch(`${a}/transparency/checkpoint`)).text();
    const checkpoint = openCheckpoint(note, parseVerifierKey(await (await fetch(`${b}/transparency/key`)).text()));
    const exported = await fetch(`${b}/audit/export?to=${checkpoint.size}`, { headers: { authorization: 'Bearer demo-regulator' } });
    expect(await verifyExport((await exported.text()).split('\n').filter(Boolean), checkpoint)).toMatchObject({ ok: true, entries: checkpoint.size });
    const [tree] = await testDb.database.db.select({ leaves: count() }).from(accessLogTreeNodes).where(eq(accessLogTreeNodes.level, 0));
    const [head] = await testDb.database.db.select().from(accessLogHead);
    expect(tree!.leaves).toBe(head!.seq);
  }, 120_000);
});
