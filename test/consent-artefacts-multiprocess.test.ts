import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { eq } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { ServerProcesses } from './helpers/server-process.js';
import { seedDatabase } from '../src/seed/seed.js';
import { demoPeople } from '../src/seed/demo-people.js';
import { demoConsentManager } from '../src/seed/demo-consent-manager.js';
import { consentArtefacts, consentManagers, organisations } from '../src/server/tables.js';
import { demoOrganisationNames } from '../src/seed/demo-principals.js';
import { artefactPayload, signArtefact } from '../src/access/consent-artefacts/artefact.sign.js';
import { skipBecause } from './helpers/skip.js';

// Two server processes against one database: PostgreSQL only (PGlite is one process).
const onPostgres = Boolean(process.env.DATABASE_URL);

let testDb: TestDatabase;
const servers = new ServerProcesses();

async function gql(base: string, key: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as any;
}

beforeAll(async () => {
  if (!onPostgres) return;
  testDb = await createTestDatabase();
  await seedDatabase(testDb.database.db, { people: 12, seed: 7, demo: true });
}, 120_000);

afterAll(async () => {
  servers.stopAll();
  await testDb?.drop();
});

describe.skipIf(skipBecause(!onPostgres, 'needs PostgreSQL (set DATABASE_URL): two server processes cannot share one in-memory PGlite'))('consent artefacts under two server processes', () => {
  it('a revocation through process A refuses the very next read through process B', async () => {
    const [a, b] = await Promise.all([servers.start(testDb.url!), servers.start(testDb.url!)]);
    const db = testDb.database.db;
    const [issuer] = await db.select({ id: consentManagers.organisationId }).from(consentManagers).where(eq(consentManagers.isDemo, true));
    const [grantee] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, demoOrganisationNames.scorerFull));
    const READ = `query($id: String!, $consent: String) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "MP-1", consent: $consent) { identity { name } } }`;
    const REVOKE = 'mutation($id: ID!) { revokeConsentArtefact(id: $id) { id revokedAt } }';

    for (let round = 0; round < 5; round++) {
      const payload = artefactPayload({ iss: String(issuer!.id), sub: demoPeople.ordinary.nationalId, aud: grantee!.id, purposes: ['CREDIT_APPLICATION'] });
      const token = await signArtefact({ ...demoConsentManager.privateJwk }, { kid: demoConsentManager.kid, alg: demoConsentManager.alg }, payload);
      // Process B serves it (and keeps serving it, so any cache would be warm).
      for (let i = 0; i < 3; i++) {
        const ok = await gql(b, 'demo-scorer-full', READ, { id: demoPeople.ordinary.nationalId, consent: token });
        expect(ok.errors).toBeUndefined();
        expect(ok.data.person.identity.name).toBe(demoPeople.ordinary.name);
      }
      const revoked = await gql(a, demoConsentManager.apiKey, REVOKE, { id: payload.jti });
      expect(revoked.data.revokeConsentArtefact.revokedAt).not.toBeNull();
      const refused = await gql(b, 'demo-scorer-full', READ, { id: demoPeople.ordinary.nationalId, consent: token });
      expect(refused.data?.person ?? null).toBeNull();
      expect(refused.errors.map((e: any) => e.extensions)).toEqual([expect.objectContaining({ code: 'CONSENT_REQUIRED', reason: 'REVOKED' })]);
      const [row] = await db.select().from(consentArtefacts).where(eq(consentArtefacts.jti, payload.jti));
      expect(row).toMatchObject({ useCount: 3 });
    }
  });
});

describe.skipIf(skipBecause(!onPostgres, 'needs PostgreSQL (set DATABASE_URL): the server process starts against a database of its own'))('the demo consent manager in production', () => {
  it('a production server refuses to start while it is registered, even with the demo keys gone', async () => {
    const own = await createTestDatabase();
    try {
      // Left behind after the demo principals were removed: its private key is still published.
      const [org] = await own.database.db.insert(organisations).values({ name: demoConsentManager.name, kind: 'CONSENT_MANAGER' }).returning({ id: organisations.id });
      await own.database.db.insert(consentManagers).values({ organisationId: org!.id, isDemo: true });
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: { ...process.env, DATABASE_URL: own.url!, PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/refusing to start in production while the demo consent manager is registered/);
    } finally {
      await own.drop();
    }
  });
});
