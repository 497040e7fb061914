import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createTestDatabase } from './helpers/database.js';
import { seedDatabase } from '../src/seed/seed.js';
import { demoNotice, EMPTY_WITHOUT_KEYS, PEOPLE_WITHOUT_KEYS } from '../src/seed/demo-readiness.js';
import { graphiqlExamples } from '../src/server/graphiql-examples.js';
import { demoPeople } from '../src/seed/demo-people.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

let dev: TestServer;
let prod: TestServer;
beforeAll(async () => {
  [dev, prod] = await Promise.all([startTestServer({ people: 8 }), startTestServer({ people: 8, production: true })]);
});
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
});

const page = async (t: TestServer) => {
  const res = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  return res.text();
};
const setupOf = (html: string) => JSON.parse(/<script id="cx-setup" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);

describe('GraphiQL on first open', () => {
  it('in development with the demo data: the demo keys to pick from and the README examples as tabs', async () => {
    const setup = setupOf(await page(dev));
    expect(setup.keys).toEqual(expect.arrayContaining(['demo-scorer-full', 'demo-scorer-coarse', 'demo-regulator', 'demo-partner', 'demo-subject']));
    expect(setup.examples.map((e: { title: string }) => e.title)).toEqual(graphiqlExamples.map((e) => e.title));
    // Each tab's key opens its query without an error.
    for (const e of graphiqlExamples) {
      const res = await dev.gql(e.query, undefined, e.key);
      expect(res.body.errors, e.title).toBeUndefined();
    }
  });

  it('in production: no demo key, no example, no national ID on the page; a key is asked for', async () => {
    const html = await page(prod);
    expect(setupOf(html)).toEqual({ keys: [], examples: [] });
    expect(html).not.toMatch(/demo-|\d{17}[\dX]/);
    expect(html).toContain('needs an API key');
  });

  it('the README\'s example queries are the tabs, word for word', () => {
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => squash(m[1]!));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const tabs = graphiqlExamples.map((e) => squash(e.query));
    for (const b of blocks) expect(tabs).toContain(b);
  });
});

describe('error answers', () => {
  it('carry no stack trace outside production unless GRAPHQL_STACK_TRACES asks', async () => {
    const res = await fetch(`${dev.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { kind } }' }) });
    const text = await res.text();
    expect(res.status).toBe(401);
    expect(text).not.toMatch(/stacktrace|\/src\/|node_modules/);
    const bad = await dev.gql('{ person(nationalId: "1", purpose: NOPE) { id } }');
    expect(JSON.stringify(bad.body)).not.toContain('stacktrace');
  });

  it('carry stack traces when GRAPHQL_STACK_TRACES=true asks, outside production only', async () => {
    process.env.GRAPHQL_STACK_TRACES = 'true';
    const [debug, production] = await Promise.all([startTestServer({ people: 6 }), startTestServer({ people: 6, production: true })]).finally(() => {
      delete process.env.GRAPHQL_STACK_TRACES;
    });
    try {
      const bad = '{ person(nationalId: "1", purpose: NOPE) { id } }';
      expect(JSON.stringify((await debug.gql(bad)).body)).toContain('stacktrace');
      expect(JSON.stringify((await production.gql(bad)).body)).not.toContain('stacktrace');
    } finally {
      await Promise.all([debug.close(), production.close()]);
    }
  });

  it('match the README\'s one-line answers byte for byte', async () => {
    // README query 2, as each principal sends it (the subject for someone else, for itself).
    const profile = graphiqlExamples[1]!.query;
    const cases: [string, string, string][] = [
      ['`demo-scorer-suspended`:', 'demo-scorer-suspended', profile],
      ['`demo-partner` (its licence does not permit CREDIT_APPLICATION):', 'demo-partner', profile],
      ['`demo-subject` asking for someone else', 'demo-subject', profile.replace(demoPeople.ordinary.nationalId, demoPeople.judgmentDebtor.nationalId).replace('CREDIT_APPLICATION', 'SELF_ACCESS')],
    ];
    for (const [marker, key, q] of cases) {
      const after = readme.slice(readme.indexOf(marker));
      const shown = /`(\{"errors".*?)`/.exec(after)![1]!;
      const res = await fetch(`${dev.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ query: q }),
      });
      expect((await res.text()).trimEnd(), key).toBe(shown);
    }
  });
});

describe('the README', () => {
  it('lists every error code an answer can carry: the exchange\'s own and those GraphQL over HTTP adds', async () => {
    const post = async (body: unknown, headers: Record<string, string> = {}) =>
      (await fetch(`${dev.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full', ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json())) as { errors?: { extensions: { code: string } }[] };
    const codeOf = (answer: { errors?: { extensions: { code: string } }[] }) => answer.errors![0]!.extensions.code;
    const triggered = [
      codeOf(await post({ query: '{ person(' })),
      codeOf(await post({ query: '{ nope }' })),
      codeOf(await post({ query: 'query A { me { kind } }', operationName: 'B' })),
      codeOf(await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })),
      codeOf(await post({ variables: {} })),
      codeOf((await fetch(`${dev.url}/graphql`, { headers: { authorization: 'Bearer demo-scorer-full', accept: 'application/json' } }).then((r) => r.json())) as never),
    ];
    expect(triggered).toEqual(expect.arrayContaining(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND', 'BAD_REQUEST']));
    // And every code the exchange raises itself, as its source names them.
    const own = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONSENT_REQUIRED', 'LICENCE_INACTIVE', 'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR'];
    const contract = readme.slice(readme.indexOf('## The public contract in brief'), readme.indexOf('## How it is built'));
    for (const code of new Set([...triggered, ...own])) expect(contract, code).toContain(`\`${code}\``);
  });
});

describe('a data set without the demo keys', () => {
  it('npm start explains why the README keys will not work: people without keys, or nothing at all', async () => {
    const t = await createTestDatabase();
    try {
      expect(await demoNotice(t.database.db)).toBe(EMPTY_WITHOUT_KEYS);
      await seedDatabase(t.database.db, { people: 6, seed: 1, demo: false });
      expect(await demoNotice(t.database.db)).toBe(PEOPLE_WITHOUT_KEYS);
    } finally {
      await t.drop();
    }
    expect(await demoNotice(dev.testDb.database.db)).toBeNull();
  });

  it('the seed refuses to leave a half-demo: without --demo it says what npm start would lack, and stores nothing', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'seed-')), 'data');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/cli.ts', '--people', '8'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('every key of the README');
    expect(run.stderr).toContain('npm run seed -- --demo');
    expect(run.stderr).toContain('Nothing was stored');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('--people-only seeds people on purpose, and npm start then says the README keys will not work', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'seed-')), 'data');
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info', PORT: '0', NODE_ENV: 'development' };
    const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'src/seed/cli.ts', '--people-only', '--people', '7', '--quiet'], { env, encoding: 'utf8' });
    expect(seeded.status, seeded.stderr).toBe(0);
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    server.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    try {
      await expect.poll(() => out, { timeout: 60_000, interval: 250 }).toContain('listening');
      expect(out).toContain('holds people but no demo API keys');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('close', resolve));
    }
  }, 120_000);
});
