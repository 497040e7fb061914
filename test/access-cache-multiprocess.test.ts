import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { ServerProcesses } from './helpers/server-process.js';
import { seedDatabase } from '../src/seed/seed.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { principals } from '../src/server/tables.js';
import { skipBecause } from './helpers/skip.js';

// Each server process keeps principals and licences in memory (access/access-cache.ts); a
// change made through one process must apply to the very next request on the other.
const onPostgres = Boolean(process.env.DATABASE_URL);

let testDb: TestDatabase;
const servers = new ServerProcesses();

async function gql(base: string, key: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

const codes = (res: any): string[] => (res.errors ?? []).map((e: any) => e.extensions?.code);

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDatabase();
  await seedDatabase(testDb.database.db, { people: 12, seed: 11, demo: true });
}, 120_000);

afterAll(async () => {
  servers.stopAll();
  await testDb?.drop();
});

describe.skipIf(skipBecause(!onPostgres, 'needs PostgreSQL (set DATABASE_URL): two server processes cannot share one in-memory PGlite'))(
  'cached principals and licences under two server processes',
  () => {
    const READ = `query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "CACHE-1") { identity { name } } }`;

    it('a licence suspended or reinstated through process A applies to the very next request on process B', async () => {
      const [a, b] = await Promise.all([servers.start(testDb.url!), servers.start(testDb.url!)]);
      const { licence } = (await gql(a, 'demo-scorer-full', '{ me { licence { id } } }')).data.me;
      for (let round = 0; round < 5; round++) {
        // B serves the scorer again and again: its principal and licence are cached.
        for (let i = 0; i < 3; i++) expect((await gql(b, 'demo-scorer-full', READ, { id: demoPeople.ordinary.nationalId })).data.person.identity.name).toBe(demoPeople.ordinary.name);
        const suspended = await gql(a, 'demo-regulator', `mutation($id: ID!) { suspendLicence(licenceId: $id, reason: "cache test") { status } }`, { id: licence.id });
        expect(suspended.data.suspendLicence.status).toBe('SUSPENDED');
        expect(codes(await gql(b, 'demo-scorer-full', READ, { id: demoPeople.ordinary.nationalId }))).toEqual(['LICENCE_INACTIVE']);
        const reinstated = await gql(a, 'demo-regulator', `mutation($id: ID!) { reinstateLicence(licenceId: $id, reason: "cache test") { status } }`, { id: licence.id });
        expect(reinstated.data.reinstateLicence.status).toBe('ACTIVE');
        expect(codes(await gql(b, 'demo-scorer-full', READ, { id: demoPeople.ordinary.nationalId }))).toEqual([]);
      }
    });

    it('a key revoked through process A is refused on the very next request on process B', async () => {
      const [a, b] = await Promise.all([servers.start(testDb.url!), servers.start(testDb.url!)]);
      const [scorer] = await testDb.database.db.select().from(principals).where(eq(principals.kind, 'SCORER')).limit(1);
      for (let round = 0; round < 5; round++) {
        const issued = (await gql(a, 'demo-regulator', `mutation($p: Int!) { issueApiKey(principalId: $p, label: "cache test") { id key } }`, { p: scorer!.id })).data.issueApiKey;
        for (let i = 0; i < 3; i++) expect((await gql(b, issued.key, '{ me { kind } }')).data.me.kind).toBe('SCORER');
        await gql(a, 'demo-regulator', `mutation($id: ID!) { revokeApiKey(apiKeyId: $id, reason: "cache test") { revokedAt } }`, { id: issued.id });
        expect(codes(await gql(b, issued.key, '{ me { kind } }'))).toEqual(['UNAUTHENTICATED']);
      }
    });
  },
);
