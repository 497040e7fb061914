import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createExchangeServer, type ServerOptions } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { addressKey } from '../src/server/admission.js';
import { accessLog } from '../src/audit/access-log.tables.js';
import { demoPeople } from '../src/seed/demo-people.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ people: 4 });
});
afterAll(async () => {
  await t?.close();
});

/** Another server over the same database, with its own options (limits, production mode, a log sink). */
async function serve(options: Partial<ServerOptions> = {}) {
  const server = await createExchangeServer({ database: t.testDb.database, logger: createLogger('silent'), ...options });
  const http: Server = await new Promise((resolve) => {
    const s = server.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      await new Promise<void>((r) => http.close(() => r()));
      await server.stop();
    },
  };
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const me = (url: string, key: string | null, headers: Record<string, string> = {}) =>
  post(url, { query: '{ me { kind } }' }, { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers });

const ingest = async (url: string, key: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}/ingest`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${key}`, ...headers }, body: '\n' });
  return { status: res.status, headers: res.headers, contentType: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
};

describe('rate limits before authentication', () => {
  it('refuses an address with 429 RATE_LIMITED and Retry-After after N missing or wrong keys in a minute, before looking up its next key', async () => {
    const s = await serve({ rateLimits: { failedKeysPerAddress: 3 }, trustProxy: 'loopback' });
    try {
      const failures = [await me(s.url, 'guess-1'), await me(s.url, null), await me(s.url, 'guess-3')];
      expect(failures.map((r) => [r.status, r.body.errors[0].extensions.code])).toEqual([
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
      ]);
      const before = t.testDb.database.statements();
      const guess = await me(s.url, 'guess-4');
      expect(guess.status).toBe(429);
      expect(guess.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(Number(guess.headers.get('retry-after'))).toBeGreaterThan(0);
      // Even a valid key from that address waits: nothing was looked up for either request.
      const valid = await me(s.url, 'demo-regulator');
      expect(valid.status).toBe(429);
      expect(t.testDb.database.statements() - before).toBe(0);
      // /ingest shares the address's budget, and answers in JSON.
      const load = await ingest(s.url, 'demo-furnisher-clearing-house');
      expect(load.status).toBe(429);
      expect(load.contentType).toContain('application/json');
      expect(load.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      // Another client address (named by the trusted local proxy) has its own budget.
      const elsewhere = await me(s.url, 'demo-regulator', { 'x-forwarded-for': '203.0.113.7' });
      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.data.me.kind).toBe('REGULATOR');
    } finally {
      await s.close();
    }
  });

  it('counts an IPv6 client by its /64, so rotating addresses within it does not reset the count', async () => {
    const s = await serve({ rateLimits: { failedKeysPerAddress: 2 }, trustProxy: 'loopback' });
    const from = (address: string) => ({ 'x-forwarded-for': address });
    try {
      expect((await me(s.url, 'guess-1', from('2001:db8:1:2::10'))).status).toBe(401);
      expect((await me(s.url, 'guess-2', from('2001:0db8:0001:0002:0:0:0:20'))).status).toBe(401);
      expect((await me(s.url, 'demo-regulator', from('2001:db8:1:2:ffff::1'))).status).toBe(429);
      expect((await me(s.url, 'demo-regulator', from('2001:db8:1:3::1'))).status).toBe(200);
    } finally {
      await s.close();
    }
    expect(['192.0.2.1', '::ffff:192.0.2.1', '2001:db8::1', 'fe80::1%eth0', '::1'].map(addressKey)).toEqual(['192.0.2.1', '::ffff:192.0.2.1', '2001:db8:0:0::/64', 'fe80:0:0:0::/64', '0:0:0:0::/64']);
  });

  it('does not count valid keys against the address', async () => {
    const s = await serve({ rateLimits: { failedKeysPerAddress: 2 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await me(s.url, 'demo-regulator')).status);
      statuses.push((await me(s.url, 'wrong')).status, (await me(s.url, 'demo-regulator')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 401, 200]);
    } finally {
      await s.close();
    }
  });

  it('limits POST /ingest per API key: 429 RATE_LIMITED with Retry-After, in JSON, while another furnisher still loads', async () => {
    const s = await serve({ rateLimits: { ingestLoadsPerKey: 2 } });
    try {
      const loads = [await ingest(s.url, 'demo-furnisher-clearing-house'), await ingest(s.url, 'demo-furnisher-clearing-house')];
      expect(loads.map((l) => l.status)).toEqual([200, 200]);
      const over = await ingest(s.url, 'demo-furnisher-clearing-house');
      expect(over.status).toBe(429);
      expect(over.contentType).toContain('application/json');
      expect(over.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      const other = await ingest(s.url, 'demo-furnisher-court-system');
      expect(other.status).toBe(200);
      expect(other.body.counts).toBeDefined();
    } finally {
      await s.close();
    }
  });
});

describe('production answers reveal no schema and no HTML', () => {
  const typos = {
    enumLiteral: { query: `{ person(nationalId: "${demoPeople.ordinary.nationalId}", purpose: CREDIT_APPLICATON, caseReference: "A") { id } }` },
    enumVariable: {
      query: 'query ($p: Purpose!) { person(nationalId: "' + demoPeople.ordinary.nationalId + '", purpose: $p, caseReference: "A") { id } }',
      variables: { p: 'CREDIT_APPLICATON' },
    },
    argument: { query: `{ person(nationalID: "${demoPeople.ordinary.nationalId}", purpose: CREDIT_APPLICATION, caseReference: "A") { id } }` },
    type: { query: 'query ($p: Purpos!) { me { kind } }', variables: { p: 'X' } },
  };

  it('strips "Did you mean ..." (enum values, arguments, types) from validation and coercion errors in production only', async () => {
    const production = await serve({ production: true });
    const development = await serve({ production: false });
    try {
      for (const [name, body] of Object.entries(typos)) {
        const dev = await post(development.url, body, { authorization: 'Bearer demo-scorer-full' });
        // The same mistake does get a suggestion outside production: the check below is not vacuous.
        expect(dev.body.errors[0].message, name).toMatch(/Did you mean/);
        const prod = await post(production.url, body, { authorization: 'Bearer demo-scorer-full' });
        expect(prod.status, name).toBe(400);
        expect(prod.body.errors.length, name).toBeGreaterThan(0);
        for (const error of prod.body.errors) {
          expect(error.message, name).not.toMatch(/Did you mean|CREDIT_APPLICATION\b/);
          expect(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'], name).toContain(error.extensions.code);
        }
      }
    } finally {
      await production.close();
      await development.close();
    }
  });

  it('answers unknown paths and methods with a JSON 404 NOT_FOUND, never an HTML page', async () => {
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['POST', '/graphqlx'],
      ['GET', '/ingest'],
      ['DELETE', '/'],
      ['GET', '/%3Cscript%3Ealert(1)%3C/script%3E'],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${path}`).toContain('application/json');
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'NOT_FOUND' } }] });
      expect(text).not.toMatch(/<|script|nowhere/i);
    }
  });
});

describe('the request id', () => {
  it('keeps a bounded, safe x-request-id everywhere it goes and replaces any other with a generated one: response, server log, access log', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const s = await serve({ logger: pino({ level: 'info' }, sink) });
    const given = {
      safe: 'req-2026.05_17-ok',
      tooLong: 'a'.repeat(65),
      huge: 'b'.repeat(8000),
      spaces: 'two words',
      markup: '<img src=x onerror=alert(1)>',
      quotes: `"};drop table access_log;--`,
      empty: '',
      twoHeaders: null,
    };
    const query = 'query ($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "RID") { id } }';
    const used = new Map<string, string>();
    try {
      for (const [name, id] of Object.entries(given)) {
        const headers = new Headers({ 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full' });
        if (id === null) {
          headers.append('x-request-id', 'first-id');
          headers.append('x-request-id', 'second-id');
        } else headers.set('x-request-id', id);
        const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables: { id: demoPeople.ordinary.nationalId } }) });
        expect(res.status, name).toBe(200);
        used.set(name, res.headers.get('x-request-id')!);
      }
    } finally {
      await s.close();
    }
    expect(used.get('safe')).toBe(given.safe);
    for (const name of Object.keys(given).filter((n) => n !== 'safe')) {
      expect(used.get(name), name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const logged = lines.map((l) => JSON.parse(l)).filter((e) => e.req);
    for (const [name, id] of used) {
      // The id the response names is the one in the server's log and in the access log.
      expect(logged.some((e) => e.req.id === id), name).toBe(true);
      const entries = await t.testDb.database.db.select({ outcome: accessLog.outcome }).from(accessLog).where(eq(accessLog.requestId, id));
      expect(entries, name).toEqual([{ outcome: 'DISCLOSED' }]);
    }
    const text = lines.join('\n');
    for (const id of [given.tooLong, given.spaces, given.markup, given.quotes, 'first-id']) expect(text).not.toContain(id);
  });
});

describe('GraphQL request bodies', () => {
  it('refuses a body that is not valid UTF-8 as BAD_USER_INPUT, and stores nothing from it', async () => {
    const before = await t.gql('{ me { consents(first: 100) { edges { node { id } } } } }', {}, 'demo-subject');
    const query = 'mutation { grantConsent(input: { organisationId: 1, purposes: [TENANCY], expiresAt: "2027-06-01T00:00:00Z" }) { id } }';
    // A lone 0xFF byte in a comment of a mutation that would otherwise run and store a consent.
    const json = Buffer.from(JSON.stringify({ query: `${query} # ~` }));
    const body = Buffer.from(json.map((byte) => (byte === 0x7e ? 0xff : byte)));
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-subject' },
      body,
    });
    expect(res.status).toBe(400);
    const answer = (await res.json()) as any;
    expect(answer.errors[0]).toMatchObject({ message: 'The request body is not valid UTF-8 text', extensions: { code: 'BAD_USER_INPUT' } });
    const after = await t.gql('{ me { consents(first: 100) { edges { node { id } } } } }', {}, 'demo-subject');
    expect(after.body.data.me.consents.edges).toEqual(before.body.data.me.consents.edges);
  });
});

describe('oversight volume', () => {
  it('counts a request id sent again as a new request, so reusing one cannot hide volume from the regulator', async () => {
    const STATS = `query($from: DateTime!, $to: DateTime!) { oversightStatistics(from: $from, to: $to) { byOrganisationDay { organisationName requests } } }`;
    const window = () => ({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
    const requestsOf = async () => {
      const rows = (await t.gql(STATS, window(), 'demo-regulator')).body.data.oversightStatistics.byOrganisationDay;
      return rows.filter((r: any) => r.organisationName === 'Jinhe Consumer Finance').reduce((n: number, r: any) => n + r.requests, 0);
    };
    const before = await requestsOf();
    const query = 'query ($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "RID") { id } }';
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full', 'x-request-id': 'the-same-id-every-time' },
        body: JSON.stringify({ query, variables: { id: demoPeople.ordinary.nationalId } }),
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 5)); // separate appends
    }
    expect((await requestsOf()) - before).toBe(5);
  });
});
