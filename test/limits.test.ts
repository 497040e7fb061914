import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createExchangeServer } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { demoPeople } from '../src/seed/generator.js';
import type { AddressInfo } from 'node:net';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const id = () => demoPeople.ordinary.nationalId;

/** Runs a query and reports how many SQL statements it cost: limits must stop it before resolvers. */
async function rejected(query: string) {
  const before = t.testDb.database.statements();
  const res = await t.gql(query);
  return { res, statements: t.testDb.database.statements() - before };
}

describe('query limits', () => {
  it('refuses a query deeper than the limit before any resolver runs', async () => {
    let nested = 'status';
    for (let i = 0; i < 14; i++) nested = `history { ${nested} }`;
    const { res, statements } = await rejected(`{ person(nationalId: "${id()}", purpose: ACCOUNT_REVIEW, caseReference: "A") { courtRecords { ${nested} } } }`);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).toMatch(/depth/i);
    expect(res.body.data).toBeUndefined();
    // Only authentication and the licence were read: no person was looked up.
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('refuses text no column can store (NUL, half a surrogate pair) before any resolver runs', async () => {
    const before = t.testDb.database.statements();
    const viaVariable = await t.gql('query ($r: String!) { person(nationalId: "' + id() + '", purpose: ACCOUNT_REVIEW, caseReference: $r) { id } }', { r: 'case \u0000 1' });
    expect(viaVariable.status).toBe(400);
    expect(viaVariable.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'r' });
    expect(viaVariable.body.errors[0].extensions.http).toBeUndefined();
    const viaLiteral = await t.gql('{ person(nationalId: "' + id() + '", purpose: ACCOUNT_REVIEW, caseReference: "case \\u0000 1") { id } }');
    expect(viaLiteral.status).toBe(400);
    expect(viaLiteral.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(viaLiteral.body.data).toBeUndefined();
    // Only authentication and the licence were read: no person was looked up, nothing logged.
    expect(t.testDb.database.statements() - before).toBeLessThanOrEqual(6);
    // A whole pair (an emoji) is ordinary text.
    const fine = await t.gql('query ($r: String!) { person(nationalId: "' + id() + '", purpose: ACCOUNT_REVIEW, caseReference: $r) { id } }', { r: 'case \ud83d\ude00' });
    expect(fine.body.errors).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: person(nationalId: "${id()}", purpose: ACCOUNT_REVIEW, caseReference: "A") { id }`).join('\n');
    const { res, statements } = await rejected(`{ ${aliases} }`);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('refuses a query over the cost limit', async () => {
    const FIELDS = `identity { name address history { address provenance { source { code name kind } sourceRecordId receivedAt recordedAt } } }
      properties { certificateNumber valueFen history { valueFen provenance { source { code name kind } recordedAt } } }
      creditAccounts { lender balanceFen repaymentHistory { month balanceFen daysPastDue } history { balanceFen repaymentHistory { month balanceFen } } }
      transactions(first: 100) { edges { node { amountFen occurredAt provenance { source { code name kind } } } } }`;
    const aliases = Array.from({ length: 12 }, (_, i) => `p${i}: persons(nationalIds: ["${id()}"], purpose: ACCOUNT_REVIEW, caseReference: "A") { ${FIELDS} }`).join('\n');
    const { res } = await rejected(`{ ${aliases} }`);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).toMatch(/cost/i);
  });

  it('refuses a query with too many tokens', async () => {
    const fields = Array.from({ length: 2100 }, () => '__typename').join(' ');
    const { res, statements } = await rejected(`{ ${fields} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors[0].message).toMatch(/tokens/);
    expect(statements).toBeLessThanOrEqual(3);
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED, not a server error', async () => {
    for (const query of ['{ person(nationalId: "x" ', '{ me { id } } "\\ud83d"']) {
      const res = await t.gql(query);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(res.body.errors[0].message).toMatch(/^Syntax Error/);
    }
  });

  it('refuses an oversized request body with a JSON error', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full' },
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(300_000) } }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('does not accept batched HTTP requests, so nobody multiplies the limits', async () => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
  });

  it('answers an ordinary full profile query within the limits', async () => {
    const res = await t.gql(`{ person(nationalId: "${id()}", purpose: CREDIT_APPLICATION, caseReference: "A") {
      identity { name address history { address provenance { source { code } recordedAt } } }
      properties { certificateNumber valueFen history { valueFen } } vehicles { plateNumber }
      education { institution } employment { employer referees { name } }
      creditAccounts { lender balanceFen repaymentHistory { month balanceFen } }
      transactions(first: 50) { edges { node { amountFen occurredAt } } }
      transactionSummaries { month inflowFen } courtRecords { status } judgmentDebtor } }`);
    expect(res.body.errors).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('refuses a principal over its budget with RATE_LIMITED and a Retry-After', async () => {
    const server = await createExchangeServer({ database: t.testDb.database, logger: createLogger('silent'), rateLimits: { requestsPerKey: 5 } });
    const http = server.app.listen(0, '127.0.0.1');
    await new Promise((r) => http.once('listening', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
    const call = (key: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ me { kind } }' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('demo-scorer-full')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const over = await call('demo-scorer-full');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await over.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another principal has its own budget.
    expect((await call('demo-regulator')).status).toBe(200);
    http.close();
    await server.stop();
  });
});

describe('production mode', () => {
  it('turns introspection and field suggestions off and hides internal errors', async () => {
    const server = await createExchangeServer({ database: t.testDb.database, logger: createLogger('silent'), production: true });
    const http = server.app.listen(0, '127.0.0.1');
    await new Promise((r) => http.once('listening', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
    const post = async (query: string) =>
      (await (
        await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full' }, body: JSON.stringify({ query }) })
      ).json()) as any;
    const intro = await post('{ __schema { types { name } } }');
    expect(intro.errors[0].message).toMatch(/introspection/i);
    const typo = await post('{ persn { id } }');
    expect(typo.errors[0].message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(typo)).not.toMatch(/stacktrace/);
    http.close();
    await server.stop();
  });
});
