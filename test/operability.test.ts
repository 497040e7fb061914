import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation } from '@opentelemetry/api';
import { createServer } from 'node:http';
import { setupTracing, tracingRequested } from '../src/server/tracing.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createExchangeServer, type ServerOptions } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { demoPeople } from '../src/seed/demo-people.js';

/** Everything the exchange logs, as parsed JSON lines. */
class LogCapture extends Writable {
  lines: Record<string, any>[] = [];
  raw = '';
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.raw += chunk.toString('utf8');
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line));
    done();
  }
}

let t: TestServer;
const extra: { http: Server; stop: () => Promise<void> }[] = [];

/** Another server on the test's database, with options of its own; its URL. */
async function serve(options: Partial<ServerOptions>, logs?: LogCapture): Promise<string> {
  const server = await createExchangeServer({
    database: t.testDb.database,
    logger: logs ? createLogger('info', logs) : createLogger('silent'),
    rateLimits: { ingestLoadsPerKey: 100_000 },
    ...options,
  });
  const http: Server = await new Promise((resolve) => {
    const s = server.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  extra.push({ http, stop: () => server.stop() });
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

const PROFILE = `query ConsentCheck($id: String!, $purpose: Purpose!) {
  person(nationalId: $id, purpose: $purpose, caseReference: "APP-2026-0001") { id identity { name } }
}`;

async function post(url: string, body: unknown, key: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

beforeAll(async () => {
  t = await startTestServer();
});

afterAll(async () => {
  for (const s of extra) {
    await new Promise((r) => s.http.close(r));
    await s.stop();
  }
  await t?.close();
});

describe('metrics at /metrics', () => {
  it('are open in development and count requests by operation, principal kind, outcome and code', async () => {
    const url = await serve({ production: false, metricsToken: undefined });
    await post(url, { query: PROFILE, operationName: 'ConsentCheck', variables: { id: demoPeople.suedNotJudged.nationalId, purpose: 'CREDIT_APPLICATION' } }, 'demo-scorer-coarse');
    await post(url, { query: '{ me { kind } }' }, 'demo-regulator');
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/cx_requests_total\{route="graphql",operation="ConsentCheck",principal_kind="SCORER",outcome="refused",code="CONSENT_REQUIRED"\} 1/);
    expect(text).toMatch(/cx_requests_total\{route="graphql",operation="anonymous",principal_kind="REGULATOR",outcome="ok",code=""\} 1/);
    expect(text).toMatch(/cx_consent_refusals_total\{purpose="CREDIT_APPLICATION"\} 1/);
    expect(text).toMatch(/cx_request_duration_seconds_bucket\{le="0.005",route="graphql",operation="ConsentCheck"\}/);
    // The refusal is itself a disclosure decision: it went to the access log, timed.
    expect(text).toMatch(/cx_access_log_append_seconds_count [1-9]/);
    expect(text).toMatch(/cx_access_log_group_requests_count [1-9]/);
    expect(text).toMatch(/cx_db_pool_connections\{state="in_use"\}/);
    expect(text).toMatch(/cx_cross_check_queue_depth 0/);
    expect(text).toMatch(/cx_process_cpu_user_seconds_total/);
    // Principals appear by kind only, never by key or name.
    expect(text).not.toContain('demo-scorer');
  });

  it('with METRICS_TOKEN, need that bearer token', async () => {
    const url = await serve({ production: false, metricsToken: 'metrics-secret-1' });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer wrong-token-000' } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer demo-regulator' } })).status).toBe(401);
    const ok = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer metrics-secret-1' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('cx_requests_total');
  });

  it('in production, are never open: no token set means no metrics', async () => {
    const closed = await serve({ production: true, metricsToken: undefined });
    const res = await fetch(`${closed}/metrics`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const tokened = await serve({ production: true, metricsToken: 'metrics-secret-2' });
    expect((await fetch(`${tokened}/metrics`)).status).toBe(401);
    expect((await fetch(`${tokened}/metrics`, { headers: { authorization: 'Bearer metrics-secret-2' } })).status).toBe(200);
  });

  it('count what POST /ingest stored and rejected, per source', async () => {
    const url = await serve({ production: false });
    const line = JSON.stringify({
      kind: 'transaction',
      sourceRecordId: 'METRICS-1',
      nationalId: demoPeople.ordinary.nationalId,
      content: { occurredAt: '2025-05-02T10:15:00Z', amountFen: 1234, direction: 'OUTFLOW', channel: 'ALIPAY', merchantCategory: '餐饮', counterparty: null },
    });
    const res = await fetch(`${url}/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-furnisher-clearing-house', 'content-type': 'application/x-ndjson' },
      body: `${line}\nnot json\n`,
    });
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/cx_ingested_records_total\{source="\d+",outcome="rejected"\} 1/);
    expect(metrics).toMatch(/cx_ingested_records_total\{source="\d+",outcome="(created|versioned|unchanged)"\} 1/);
  });
});

describe('request logs', () => {
  it('name the operation, the principal by id (never its key), the purpose, the outcome and the error codes', async () => {
    const logs = new LogCapture();
    const url = await serve({ production: true, metricsToken: 'x-token-123' }, logs);
    const res = await post(url, { query: PROFILE, operationName: 'ConsentCheck', variables: { id: demoPeople.suedNotJudged.nationalId, purpose: 'CREDIT_APPLICATION' } }, 'demo-scorer-coarse', { 'x-request-id': 'req-consent-1' });
    expect(res.status).toBe(200);
    expect(res.body.errors[0].extensions.code).toBe('CONSENT_REQUIRED');
    const line = logs.lines.find((l) => l.req?.id === 'req-consent-1' && l.res);
    expect(line).toMatchObject({
      operation: 'ConsentCheck',
      operationType: 'query',
      principalKind: 'SCORER',
      purpose: 'CREDIT_APPLICATION',
      outcome: 'refused',
      errorCodes: ['CONSENT_REQUIRED'],
      res: { statusCode: 200 },
    });
    expect(typeof line!.principalId).toBe('number');
    expect(line!.msg).toBe('graphql query ConsentCheck refused: CONSENT_REQUIRED');
    // Neither the key nor the national ID number reaches the log.
    expect(logs.raw).not.toContain('demo-scorer-coarse');
    expect(logs.raw).not.toContain(demoPeople.suedNotJudged.nationalId);

    await post(url, { query: '{ me { kind } }' }, null, { 'x-request-id': 'req-nokey-1' });
    expect(logs.lines.find((l) => l.req?.id === 'req-nokey-1' && l.res)).toMatchObject({ outcome: 'refused', errorCodes: ['UNAUTHENTICATED'] });
  });

  it('log the real cause of a 5xx with the request id; the client gets only "Internal server error"', async () => {
    const logs = new LogCapture();
    const url = await serve({ production: true, metricsToken: 'x-token-123' }, logs);
    await t.testDb.database.db.execute(sql`alter table grants rename to grants_moved_away`);
    let res;
    try {
      res = await post(url, { query: 'query Licences { licences(first: 5) { edges { node { id grants { category } } } } }', operationName: 'Licences' }, 'demo-regulator', { 'x-request-id': 'req-broken-1' });
    } finally {
      await t.testDb.database.db.execute(sql`alter table grants_moved_away rename to grants`);
    }
    expect(res.body.errors[0]).toEqual({ message: 'Internal server error', locations: expect.anything(), path: ['licences'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(res.body)).not.toContain('grants');
    const cause = logs.lines.find((l) => l.requestId === 'req-broken-1' && l.cause);
    expect(cause).toBeDefined();
    expect(cause!.level).toBe(50);
    expect(cause!.cause.causes.map((c: { message: string }) => c.message)).toContain('relation "grants" does not exist');
    expect(cause!.cause.stack).toMatch(/\n\s+at /);
    const line = logs.lines.find((l) => l.req?.id === 'req-broken-1' && l.res);
    expect(line).toMatchObject({ operation: 'Licences', outcome: 'failed', errorCodes: ['INTERNAL_SERVER_ERROR'], level: 50 });
  });

  it("carry Apollo Server's own messages through the same structured log", async () => {
    const logs = new LogCapture();
    await serve({ production: false }, logs);
    const server = await createExchangeServer({ database: t.testDb.database, logger: createLogger('info', logs) });
    server.apollo.logger.warn('a message of Apollo Server itself');
    await server.stop();
    expect(logs.lines.find((l) => l.msg === 'a message of Apollo Server itself')).toMatchObject({ component: 'apollo', level: 40 });
  });
});

describe('CORS', () => {
  it('answers a browser preflight from an allowed origin, and gives no CORS headers to any other', async () => {
    const url = await serve({ corsOrigins: ['https://app.example.org'] });
    const preflight = (origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(allowed.headers.get('vary')?.toLowerCase()).toContain('origin');

    const other = await preflight('https://evil.example.com');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // The actual request from the allowed origin carries the header (and exposes the request id).
    const res = await post(url, { query: '{ me { kind } }' }, 'demo-regulator', { origin: 'https://app.example.org' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('x-request-id');
    const foreign = await post(url, { query: '{ me { kind } }' }, 'demo-regulator', { origin: 'https://evil.example.com' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin when CORS_ORIGINS is empty', async () => {
    const url = await serve({ corsOrigins: [] });
    const res = await fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('tracing', () => {
  it('is off by default: no span is recorded without a provider', async () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
    expect(await setupTracing(createLogger('silent'), {})).toBeNull();
    expect(trace.getTracer('x').startSpan('probe').isRecording()).toBe(false);
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT set, sends the spans to that OTLP/HTTP collector', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', () => r()));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const tracing = await setupTracing(createLogger('silent'), { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'cx-test' });
    try {
      expect(tracing).not.toBeNull();
      const url = await serve({ production: false });
      await post(url, { query: '{ me { kind } }', operationName: null }, 'demo-regulator');
      await tracing!.shutdown();
      expect(received.length).toBeGreaterThan(0);
      expect(received[0]!.path).toBe('/v1/traces');
      const body = received.map((r) => r.body).join('\n');
      expect(body).toContain('POST /graphql');
      expect(body).toContain('cx-test');
    } finally {
      trace.disable();
      context.disable();
      propagation.disable();
      await new Promise((r) => collector.close(r));
    }
  });

  it('records a span per request with the gate decision, the SQL statements and the access-log append as children', async () => {
    const exporter = new InMemorySpanExporter();
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    trace.setGlobalTracerProvider(provider);
    try {
      const url = await serve({ production: false });
      const res = await post(url, { query: PROFILE, operationName: 'ConsentCheck', variables: { id: demoPeople.ordinary.nationalId, purpose: 'CREDIT_APPLICATION' } }, 'demo-scorer-full');
      expect(res.body.errors).toBeUndefined();
      await provider.forceFlush();
      const spans = exporter.getFinishedSpans();
      const root = spans.find((s) => s.name === 'POST /graphql');
      expect(root).toBeDefined();
      expect(root!.attributes).toMatchObject({ 'graphql.operation.name': 'ConsentCheck', 'exchange.principal.kind': 'SCORER', 'exchange.purpose': 'CREDIT_APPLICATION', 'exchange.outcome': 'ok' });
      const children = spans.filter((s) => s.spanContext().traceId === root!.spanContext().traceId && s !== root);
      const parentOf = (s: (typeof spans)[number]) => (s as unknown as { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId;
      const gate = children.find((s) => s.name === 'exchange.gate');
      expect(gate?.attributes).toMatchObject({ 'exchange.gate.field': 'Query.person', 'exchange.gate.decision': 'allowed' });
      expect(parentOf(gate!)).toBe(root!.spanContext().spanId);
      const statements = children.filter((s) => s.name === 'db.query');
      expect(statements.length).toBeGreaterThan(0);
      expect(statements.every((s) => typeof s.attributes['db.statement'] === 'string')).toBe(true);
      const append = children.find((s) => s.name === 'access_log.append');
      expect(append).toBeDefined();
      expect(parentOf(append!)).toBe(root!.spanContext().spanId);
      // The statements of the append are its children.
      expect(statements.some((s) => parentOf(s) === append!.spanContext().spanId)).toBe(true);

      // A refusal: the gate's span says why.
      exporter.reset();
      await post(url, { query: PROFILE, variables: { id: demoPeople.suedNotJudged.nationalId, purpose: 'CREDIT_APPLICATION' } }, 'demo-scorer-coarse');
      await provider.forceFlush();
      const refused = exporter.getFinishedSpans().find((s) => s.name === 'exchange.gate');
      expect(refused?.attributes).toMatchObject({ 'exchange.gate.decision': 'refused', 'exchange.gate.code': 'CONSENT_REQUIRED' });
    } finally {
      trace.disable();
      context.disable();
      await provider.shutdown();
    }
  });
});
