import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { formatSeconds, StoredRate } from './ingest-progress.js';

/**
 * npm run ingest -- --source NAME FILE [--url http://localhost:4000] [--key KEY] [--from-line N]
 * Streams an NDJSON file to POST /ingest and prints the report. The progress bar counts the
 * records the server reports stored (it asks for progress lines: application/x-ndjson), with
 * the rate and ETA over the last 15 seconds of reports.
 * The key comes from --key, else INGEST_API_KEY, else the demo key demo-furnisher-NAME.
 * --from-line N sends the file from its line N on: a load a server shutdown stopped says where.
 * Exit code: 0 all stored, 2 some lines rejected, 1 the load failed.
 */
const usage = 'usage: npm run ingest -- --source NAME FILE [--url http://localhost:4000] [--key KEY] [--from-line N]';

interface Report {
  counts?: Record<string, number>;
  rejected?: { line: number; reason: string; field?: string }[];
  rejectionsTruncated?: boolean;
  errors?: { message: string; extensions?: { code?: string } }[];
  /** A load stopped by the server's shutdown: its first line not read (counted from the first line sent). */
  resumeFromLine?: number;
}

/** Drops the first `lines` lines of the stream (a resumed load). */
function skipLines(lines: number): Transform {
  let left = lines;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      let start = 0;
      while (left > 0) {
        const nl = chunk.indexOf(10, start);
        if (nl === -1) return done();
        left--;
        start = nl + 1;
      }
      done(null, start === 0 ? chunk : chunk.subarray(start));
    },
  });
}

interface Progress {
  progress?: { received: number; accepted: number; rejected: number };
}

const SHOWN_REJECTIONS = 20;

/** Records in the file: its non-empty lines, counted by streaming it once (a second, even for gigabytes). */
async function countRecords(file: string): Promise<number> {
  let records = 0;
  let inLine = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 10) {
        if (inLine) records++;
        inLine = false;
      } else if (byte !== 13 && byte !== 32) inLine = true;
    }
  }
  return inLine ? records + 1 : records;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { source: { type: 'string' }, url: { type: 'string', default: 'http://localhost:4000' }, key: { type: 'string' }, 'from-line': { type: 'string', default: '1' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  const fromLine = Number(values['from-line']);
  if (!values.source || !file || positionals.length > 1 || !Number.isSafeInteger(fromLine) || fromLine < 1) {
    console.error(usage);
    return 1;
  }
  const key = values.key ?? process.env.INGEST_API_KEY ?? `demo-furnisher-${values.source}`;
  statSync(file);
  const total = await countRecords(file);
  const target = new URL('/ingest', values.url);
  const bar = new cliProgress.SingleBar(
    { format: `${values.source} |{bar}| {percentage}% | {value}/{total} records stored | {rate} records/s | {elapsed} elapsed | ETA {eta}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  const rate = new StoredRate();
  bar.start(total, 0, { rate: '…', eta: '…', elapsed: '0s' });
  const request = (target.protocol === 'https:' ? https : http).request(target, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', accept: 'application/x-ndjson, application/json' },
  });
  const response = new Promise<{ status: number; last: string }>((resolve, reject) => {
    request.on('response', (res) => {
      let pending = '';
      let last = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) !== -1) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          const parsed = line.startsWith('{"progress":') ? (JSON.parse(line) as Progress).progress : undefined;
          if (!parsed) {
            last = line;
            continue;
          }
          const done = parsed.accepted + parsed.rejected;
          rate.record(done, Date.now());
          const r = rate.rate();
          bar.update(done, { rate: r === null ? '…' : Math.round(r).toLocaleString('en'), eta: formatSeconds(rate.etaSeconds(total)), elapsed: formatSeconds((Date.now() - started) / 1000) });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, last: last || pending }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
  // The server may answer early (a refused key) while the file is still being sent.
  const sending = pipeline(createReadStream(file), skipLines(fromLine - 1), request).catch(() => undefined);
  const { status, last } = await response;
  await sending;
  bar.stop();

  let report: Report;
  try {
    report = JSON.parse(last) as Report;
  } catch {
    console.error(`ingest failed: HTTP ${status}: ${last.slice(0, 500)}`);
    return 1;
  }
  // With progress lines the status is 200 before the end: a stopped load says so in its last line.
  if (status !== 200 || report.errors || !report.counts) {
    const err = report.errors?.[0];
    console.error(`ingest failed: HTTP ${status} ${err?.extensions?.code ?? ''}: ${err?.message ?? last.slice(0, 500)}`);
    if (report.resumeFromLine) {
      // The server counts from the first line sent; the file from its first line.
      const resume = fromLine - 1 + report.resumeFromLine;
      console.error(`the file's lines before line ${resume} are processed; resume with --from-line ${resume}`);
    }
    return 1;
  }
  const c = report.counts;
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${c.received} records read: ${c.accepted} accepted (${c.created} created, ${c.versioned} versioned, ${c.unchanged} unchanged), ${c.rejected} rejected, in ${formatSeconds(seconds)} (${Math.round(c.received! / Math.max(seconds, 0.001)).toLocaleString('en')} records/s)`,
  );
  const rejected = report.rejected ?? [];
  for (const r of rejected.slice(0, SHOWN_REJECTIONS)) console.log(`  line ${fromLine - 1 + r.line}: ${r.field ? `${r.field}: ` : ''}${r.reason}`);
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
