import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { composeNationalId } from '../src/records/identity/national-id.js';
import { root, startServerProcess, type ServerProcess } from './helpers/process-server.js';
import { skipBecause } from './helpers/skip.js';

/**
 * A new operator's first day, through the public surface only: a fresh PostgreSQL database,
 * NODE_ENV=production, no demo seed. Build, migrate, bootstrap the first regulator from the
 * shell, start the compiled server with plain node (told not to migrate), register a
 * furnisher and its source, a scorer with its licence and key, ingest a person, register
 * them as a subject who consents, read them as the scorer, verify the access log.
 */

const base = process.env.DATABASE_URL;
if (!base) console.warn('production-bootstrap.test.ts skipped: it needs PostgreSQL (set DATABASE_URL; .ci/run does), as production does');

const dbName = `cx_bootstrap_${process.pid}_${randomBytes(3).toString('hex')}`;
let url = '';
let server: ServerProcess | undefined;

function run(args: string[], env: Record<string, string>) {
  const r = spawnSync(args[0]!, args.slice(1), { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function adminDb(query: string) {
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

describe.skipIf(skipBecause(!base, 'needs PostgreSQL (set DATABASE_URL): it bootstraps a fresh PostgreSQL database'))('production bootstrap on a fresh PostgreSQL database', () => {
  beforeAll(async () => {
    await adminDb(`create database ${dbName}`);
    const u = new URL(base!);
    u.pathname = `/${dbName}`;
    url = u.toString();
  });

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await adminDb(`drop database if exists ${dbName} with (force)`);
  });

  it('migrate, bootstrap, register, license, ingest, consent, read and verify', async () => {
    const env = { DATABASE_URL: url, NODE_ENV: 'production' };

    // Build: the compiled server runs on plain node.
    const build = run(['npm', 'run', '--silent', 'build'], {});
    expect(build.status, build.stdout + build.stderr).toBe(0);

    // Migrations, apart from the server.
    const migrate = run(['npm', 'run', '--silent', 'migrate'], env);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/PostgreSQL \(DATABASE_URL\): \d+ migration\(s\) applied/);
    const again = run(['npm', 'run', '--silent', 'migrate'], env);
    expect(again.stdout).toMatch(/: 0 migration\(s\) applied/);
    // drizzle-kit finds the database through the same DATABASE_URL (drizzle.config.ts), and nothing left to do.
    const kit = run(['npx', 'drizzle-kit', 'migrate'], env);
    expect(kit.status, kit.stdout + kit.stderr).toBe(0);
    expect(kit.stdout).toContain('migrations applied successfully');

    // The first regulator, from the shell; its key is printed once.
    const boot = run(['npm', 'run', '--silent', 'admin', '--', 'bootstrap', '--organisation', 'People’s Bank Credit Supervision Office', '--registration-number', '12100000400000123A', '--name', 'Duty inspector'], env);
    expect(boot.status, boot.stderr).toBe(0);
    const bootstrapped = JSON.parse(boot.stdout);
    const regulatorKey: string = bootstrapped.apiKey.key;
    expect(regulatorKey).toMatch(/^cx_/);
    expect(bootstrapped.principal.kind).toBe('REGULATOR');
    // A second bootstrap is refused.
    const twice = run(['npm', 'run', '--silent', 'admin', '--', 'bootstrap', '--organisation', 'Other', '--registration-number', 'X1', '--name', 'Other'], env);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/A regulator already exists/);

    const signing = JSON.parse(run(['npm', 'run', '--silent', 'admin', '--', 'signing-key', '--origin', 'exchange.example.org/log'], {}).stdout);
    server = await startServerProcess(
      { ...env, MIGRATE_ON_START: 'false', TRANSPARENCY_SIGNING_KEY: signing.signingKey, METRICS_TOKEN: 'bootstrap-metrics-token', SHUTDOWN_GRACE_MS: '10000' },
      ['node', 'dist/server/main.js'],
    );
    const gql = async (key: string, query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${server!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as any;
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      return body.data;
    };

    // A source, from the shell as the regulator, and its furnisher through the API.
    const regulatorId = String(bootstrapped.principal.id);
    const refused = run(['npm', 'run', '--silent', 'admin', '--', 'register-source', '--as', regulatorId, '--code', 'mps-identity', '--name', 'Ministry identity registry', '--kind', 'EMPLOYER', '--authoritative-for', 'identity'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refused \(BAD_USER_INPUT\): A EMPLOYER source is not authoritative for identity/);
    const registered = run(['npm', 'run', '--silent', 'admin', '--', 'register-source', '--as', regulatorId, '--code', 'mps-identity', '--name', 'Ministry identity registry', '--kind', 'IDENTITY_REGISTRY', '--authoritative-for', 'identity'], env);
    expect(registered.status, registered.stderr).toBe(0);
    const source = JSON.parse(registered.stdout);
    expect(source.authoritativeFor).toContain('identity');
    const furnisherOrg = (await gql(regulatorKey, `mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { kind: 'FURNISHER', name: 'Ministry identity registry', registrationNumber: '11100000000013127D', sourceId: Number(source.id) } })).registerOrganisation;
    const furnisher = (await gql(regulatorKey, `mutation($i: RegisterPrincipalInput!) { registerPrincipal(input: $i) { id } }`, { i: { kind: 'FURNISHER', name: 'Registry upload', organisationId: Number(furnisherOrg.id) } })).registerPrincipal;
    const furnisherKey = (await gql(regulatorKey, `mutation($p: Int!) { issueApiKey(principalId: $p, label: "upload") { key } }`, { p: Number(furnisher.id) })).issueApiKey.key;

    // A scorer, its licence and key.
    const scorerOrg = (await gql(regulatorKey, `mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, { i: { kind: 'SCORER', name: 'Xihu Consumer Finance', registrationNumber: '91330106MA27XK0A2B' } })).registerOrganisation;
    const scorer = (await gql(regulatorKey, `mutation($i: RegisterPrincipalInput!) { registerPrincipal(input: $i) { id } }`, { i: { kind: 'SCORER', name: 'Underwriting', organisationId: Number(scorerOrg.id) } })).registerPrincipal;
    const now = Date.now();
    await gql(regulatorKey, `mutation($i: IssueLicenceInput!) { issueLicence(input: $i) { id status } }`, {
      i: { organisationId: Number(scorerOrg.id), validFrom: new Date(now - 86_400_000).toISOString(), validTo: new Date(now + 365 * 86_400_000).toISOString(), purposes: ['CREDIT_APPLICATION'], grants: [{ category: 'identity', precision: 'BASIC' }] },
    });
    const scorerKey = (await gql(regulatorKey, `mutation($p: Int!) { issueApiKey(principalId: $p, label: "underwriting") { key } }`, { p: Number(scorer.id) })).issueApiKey.key;

    // The furnisher sends a person.
    const nationalId = composeNationalId('330106', '1991-04-12', 123);
    const ingest = await fetch(`${server.url}/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${furnisherKey}`, 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ kind: 'identity', sourceRecordId: 'MPS-1', nationalId, content: { nationalId, name: '林晓', birthDate: '1991-04-12', gender: 'M', phone: '13800138000', address: '浙江省杭州市西湖区文三路1号' } })}\n`,
    });
    const report = (await ingest.json()) as any;
    expect(ingest.status, JSON.stringify(report)).toBe(200);
    expect(report.counts).toMatchObject({ accepted: 1, created: 1, rejected: 0 });

    // The person becomes a subject and consents to the scorer.
    const subject = (await gql(regulatorKey, `mutation($i: RegisterPrincipalInput!) { registerPrincipal(input: $i) { id } }`, { i: { kind: 'SUBJECT', name: 'Lin Xiao', nationalId } })).registerPrincipal;
    const subjectKey = (await gql(regulatorKey, `mutation($p: Int!) { issueApiKey(principalId: $p, label: "app") { key } }`, { p: Number(subject.id) })).issueApiKey.key;
    const PROFILE = `query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LOAN-1") { identity { name } } }`;
    const before = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${scorerKey}` }, body: JSON.stringify({ query: PROFILE, variables: { id: nationalId } }) });
    expect(((await before.json()) as any).errors[0].extensions.code).toBe('CONSENT_REQUIRED');
    await gql(subjectKey, `mutation($i: GrantConsentInput!) { grantConsent(input: $i) { id } }`, {
      i: { organisationId: Number(scorerOrg.id), purposes: ['CREDIT_APPLICATION'], expiresAt: new Date(now + 30 * 86_400_000).toISOString() },
    });

    // The scorer reads them under consent.
    const read = await gql(scorerKey, PROFILE, { id: nationalId });
    expect(read.person.identity.name).toBe('林晓');

    // The regulator verifies the log, which holds the refusal and the read.
    const verified = await gql(regulatorKey, `{ verifyAccessLog { valid checked } }`);
    expect(verified.verifyAccessLog).toMatchObject({ valid: true });
    expect(verified.verifyAccessLog.checked).toBeGreaterThanOrEqual(2);
    const events = await gql(regulatorKey, `{ oversightEvents(first: 50) { edges { node { action actorPrincipalId details } } } }`);
    const actions = events.oversightEvents.edges.map((e: any) => e.node.action);
    for (const action of ['SOURCE_REGISTERED', 'ORGANISATION_REGISTERED', 'PRINCIPAL_REGISTERED', 'API_KEY_ISSUED', 'LICENCE_ISSUED', 'CONSENT_GRANTED']) expect(actions).toContain(action);
    expect(events.oversightEvents.edges.filter((e: any) => e.node.action !== 'CONSENT_GRANTED').every((e: any) => Number(e.node.actorPrincipalId) === Number(bootstrapped.principal.id))).toBe(true);
    const sourceEvent = events.oversightEvents.edges.find((e: any) => e.node.action === 'SOURCE_REGISTERED').node;
    expect(JSON.parse(sourceEvent.details)).toMatchObject({ via: 'admin-cli', code: 'mps-identity' });

    // Production: metrics only with the token.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer bootstrap-metrics-token' } })).status).toBe(200);

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 600_000);
});
