import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, type TestServer } from './helpers/server.js';
import { StoredRate } from '../src/furnishing/ingest-progress.js';
import { composeNationalId } from '../src/records/identity/national-id.js';
import { readPartnerSettings } from '../examples/partner/settings.js';

let t: TestServer;
let file: string;
const RECORDS = 6000;

/** Identity records of new people: the identity registry may furnish them. */
function identityLines(n: number, bad: number[] = []): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const birthDate = `19${60 + Math.floor(i / 1000)}-03-1${Math.floor(i / 1000) % 10}`;
    const nationalId = composeNationalId('110105', birthDate, i % 1000);
    const record = { kind: 'identity', sourceRecordId: `PROGRESS-${i}`, nationalId, content: { name: `测试${i}`, birthDate } };
    lines.push(bad.includes(i) ? '{"kind": "identity", oops' : JSON.stringify(record));
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  // Small batches so that a load of a few thousand records commits many times.
  t = await startTestServer({ people: 3, ingestion: { batchSize: 250, lanes: 2 } });
  file = path.join(mkdtempSync(path.join(tmpdir(), 'ingest-')), 'identity.ndjson');
  writeFileSync(file, identityLines(RECORDS, [17]));
});
afterAll(async () => {
  await t?.close();
});

describe('ingest progress: records stored, from the server', () => {
  it('a load that asks for progress hears stored counts grow as batches commit, then the report', async () => {
    // The body trickles in, so the load lasts several progress intervals.
    const body = identityLines(RECORDS).replaceAll('PROGRESS-', 'TRICKLE-');
    const chunks = body.match(/[\s\S]{1,40000}/g)!;
    const stream = new ReadableStream({
      async pull(controller) {
        const next = chunks.shift();
        if (!next) return controller.close();
        await new Promise((r) => setTimeout(r, 120));
        controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(`${t.url}/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-furnisher-identity-registry', 'content-type': 'application/x-ndjson', accept: 'application/x-ndjson' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    const progress = lines.slice(0, -1).map((l) => l.progress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < progress.length; i++) expect(progress[i].accepted).toBeGreaterThanOrEqual(progress[i - 1].accepted);
    expect(progress.some((p) => p.accepted > 0 && p.accepted < RECORDS)).toBe(true);
    expect(lines.at(-1).counts).toMatchObject({ received: RECORDS, accepted: RECORDS, created: RECORDS, rejected: 0 });
  });

  it('a client that does not ask gets the plain JSON report, as before', async () => {
    const res = await fetch(`${t.url}/ingest`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-furnisher-identity-registry', 'content-type': 'application/x-ndjson' },
      body: identityLines(10).replaceAll('PROGRESS-', 'PLAIN-'),
    });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { counts: unknown }).counts).toMatchObject({ received: 10, accepted: 10 });
  });

  it('npm run ingest reports stored records, the rejected line, and exit 2; rerunning stores nothing twice', async () => {
    const run = () =>
      new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/furnishing/ingest.cli.ts', '--source', 'identity-registry', '--url', t.url, file], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, stdout }));
      });
    const first = await run();
    expect(first.status, first.stdout).toBe(2);
    expect(first.stdout).toContain(`${RECORDS} records read: ${RECORDS - 1} accepted (${RECORDS - 1} created, 0 versioned, 0 unchanged), 1 rejected`);
    expect(first.stdout).toContain('line 18:');
    const again = await run();
    expect(again.stdout).toContain(`${RECORDS - 1} accepted (0 created, 0 versioned, ${RECORDS - 1} unchanged)`);
  });

  it('the rate and ETA hold steady when reports come unevenly', () => {
    const rate = new StoredRate(15_000);
    // 1,000 records a second, reported at uneven intervals and in uneven steps (batches).
    let at = 0;
    const finishes: number[] = [];
    for (let i = 0; i < 120; i++) {
      at += i % 3 === 0 ? 900 : 300;
      const done = Math.floor(at / 1000) * 1000 - (i % 2) * 250;
      rate.record(done, at);
      // When the load would end, as the ETA says at each report: the true end is at 200 s.
      if (at > 15_000) finishes.push(at / 1000 + rate.etaSeconds(200_000)!);
    }
    expect(Math.min(...finishes)).toBeGreaterThan(180);
    expect(Math.max(...finishes)).toBeLessThan(220);
    expect(rate.rate()!).toBeGreaterThan(900);
    expect(rate.rate()!).toBeLessThan(1100);
  });
});

describe('the partner example reads its settings from the environment', () => {
  it('says which settings fall back to the demo, and refuses malformed ones', () => {
    const demo = readPartnerSettings({});
    expect(demo.settings).toMatchObject({ exchangeUrl: 'http://localhost:4000/graphql', apiKey: 'demo-partner', partnerPort: 4001, gatewayPort: 4002 });
    expect(demo.notes.join('\n')).toContain('EXCHANGE_API_KEY is not set: using demo-partner');
    const set = readPartnerSettings({ EXCHANGE_URL: 'http://exchange:4000/graphql', EXCHANGE_API_KEY: 'k', PARTNER_PORT: '5001', GATEWAY_PORT: '5002', PARTNER_CASE_REFERENCE: 'LEASE-1' });
    expect(set).toMatchObject({ notes: [], problems: [], settings: { exchangeUrl: 'http://exchange:4000/graphql', partnerPort: 5001 } });
    const bad = readPartnerSettings({ EXCHANGE_URL: 'exchange', GATEWAY_PORT: 'x' });
    expect(bad.settings).toBeNull();
    expect(bad.problems).toHaveLength(2);
  });

  it('an exchange that is not there: a clear message naming EXCHANGE_URL, not a raw TypeError', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/partner/main.ts'], {
      env: { ...process.env, EXCHANGE_URL: 'http://127.0.0.1:9/graphql', PARTNER_PORT: '45001', GATEWAY_PORT: '45002' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(1);
    expect(out).toContain('cannot reach the exchange at http://127.0.0.1:9/graphql');
    expect(out).toContain('EXCHANGE_URL');
    expect(out).not.toContain('TypeError');
  });
});
