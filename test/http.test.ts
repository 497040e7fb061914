import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createExchangeServer } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';
import { demoPeople } from '../src/seed/generator.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

async function listen(server: Awaited<ReturnType<typeof createExchangeServer>>) {
  const http = server.app.listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => http.close() };
}

describe('HTTP endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('reports not ready while the database is unreachable', async () => {
    const unreachable = { ...t.testDb.database, ping: async () => Promise.reject(new Error('connection refused')) };
    const server = await createExchangeServer({ database: unreachable, logger: createLogger('silent') });
    const { url, close } = await listen(server);
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(503);
    expect(((await res.json()) as any).status).toBe('unavailable');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    close();
    await server.stop();
  });

  it('serves a GraphiQL IDE with its assets from the server itself (no CDN)', async () => {
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const src of sources) {
      expect(src.startsWith('/graphiql/')).toBe(true);
      const asset = await fetch(`${t.url}${src}`);
      expect(asset.status).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('answers GraphQL over GET with the graphql-response media type', async () => {
    const q = encodeURIComponent('{ me { kind } }');
    const res = await fetch(`${t.url}/graphql?query=${q}`, {
      headers: { authorization: 'Bearer demo-regulator', accept: 'application/graphql-response+json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(((await res.json()) as any).data.me.kind).toBe('REGULATOR');
  });

  it('writes structured JSON logs with the request id and no keys or personal data', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const server = await createExchangeServer({ database: t.testDb.database, logger: pino({ level: 'info' }, sink) });
    const { url, close } = await listen(server);
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full', 'x-request-id': 'req-log-test-1' },
      body: JSON.stringify({
        query: 'query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "L") { identity { name } } }',
        variables: { id: demoPeople.ordinary.nationalId },
      }),
    });
    close();
    await server.stop();
    const entries = lines.map((l) => JSON.parse(l));
    const request = entries.find((e) => e.req?.id === 'req-log-test-1');
    expect(request).toBeDefined();
    expect(request.res.statusCode).toBe(200);
    const text = lines.join('\n');
    expect(text).not.toContain('demo-scorer-full');
    expect(text).not.toContain(demoPeople.ordinary.nationalId);
    expect(text).not.toContain(demoPeople.ordinary.name);
  });
});

describe('start-up', () => {
  it('refuses to start in production while demo API keys exist', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cx-prod-'));
    try {
      // First start (development) seeds the demo data set into the embedded database.
      const run = (env: Record<string, string>) =>
        new Promise<{ code: number | null; output: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
            env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...env },
          });
          let output = '';
          child.stdout.on('data', (d) => {
            output += d;
            if (output.includes('listening')) child.kill('SIGTERM');
          });
          child.stderr.on('data', (d) => (output += d));
          child.on('exit', (code) => resolve({ code, output }));
        });
      const first = await run({ NODE_ENV: 'development' });
      expect(first.output).toContain('seeding the demo data set');
      expect(first.output).toContain('listening');
      const production = await run({ NODE_ENV: 'production' });
      expect(production.code).toBe(1);
      expect(production.output).toContain('refusing to start in production while demo API keys exist');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
