import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';

/**
 * npm run ingest -- --source NAME FILE [--url http://localhost:4000] [--key KEY]
 * Streams an NDJSON file to POST /ingest with a progress bar and prints the report.
 * The key comes from --key, else INGEST_API_KEY, else the demo key demo-furnisher-NAME.
 * Exit code: 0 all stored, 2 some lines rejected, 1 the load failed.
 */
const usage = 'usage: npm run ingest -- --source NAME FILE [--url http://localhost:4000] [--key KEY]';

interface Report {
  counts?: Record<string, number>;
  rejected?: { line: number; reason: string; field?: string }[];
  rejectionsTruncated?: boolean;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const SHOWN_REJECTIONS = 20;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { source: { type: 'string' }, url: { type: 'string', default: 'http://localhost:4000' }, key: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!values.source || !file || positionals.length > 1) {
    console.error(usage);
    return 1;
  }
  const key = values.key ?? process.env.INGEST_API_KEY ?? `demo-furnisher-${values.source}`;
  const size = statSync(file).size;
  const target = new URL('/ingest', values.url);
  const bar = new cliProgress.SingleBar(
    { format: `${values.source} |{bar}| {percentage}% | {value}/{total} bytes | {duration_formatted} elapsed | ETA {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(size, 0);
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      bar.update(sent);
      done(null, chunk);
    },
  });
  const request = (target.protocol === 'https:' ? https : http).request(target, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  // The server may answer early (a refused key) while the file is still being sent.
  const sending = pipeline(createReadStream(file), counter, request).catch(() => undefined);
  const { status, body } = await response;
  await sending;
  bar.stop();

  let report: Report;
  try {
    report = JSON.parse(body) as Report;
  } catch {
    console.error(`ingest failed: HTTP ${status}: ${body.slice(0, 500)}`);
    return 1;
  }
  if (status !== 200 || !report.counts) {
    const err = report.errors?.[0];
    console.error(`ingest failed: HTTP ${status} ${err?.extensions?.code ?? ''}: ${err?.message ?? body.slice(0, 500)}`);
    return 1;
  }
  const c = report.counts;
  console.log(
    `${c.received} records read: ${c.accepted} accepted (${c.created} created, ${c.versioned} versioned, ${c.unchanged} unchanged), ${c.rejected} rejected`,
  );
  const rejected = report.rejected ?? [];
  for (const r of rejected.slice(0, SHOWN_REJECTIONS)) console.log(`  line ${r.line}: ${r.field ? `${r.field}: ` : ''}${r.reason}`);
  if (c.rejected! > SHOWN_REJECTIONS) console.log(`  ... and ${c.rejected! - SHOWN_REJECTIONS} more rejected lines`);
  return c.rejected! > 0 ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`ingest failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
