/**
 * npm run export-log -- --server URL --api-key KEY [--since ISO] [--until ISO] [--out DIR]
 *                        [--key FILE] [--state FILE] [--witness-key FILE]...
 *
 * A regulator's download and check, in one step: fetches the latest signed checkpoint, streams
 * the access-log export of the time range (GET /audit/export?since=&until=&treeSize=) to
 * DIR/log.ndjson without holding it in memory, saves the checkpoint and key beside it, and
 * verifies the file offline exactly as `npm run verify-log` does (so the files can be checked
 * again later, elsewhere). Imports nothing from the server (src/): see tlog.ts.
 *   --key       the log's verifier key as obtained out of band; without it the server's
 *               /transparency/key is used (and the report says so: a server cannot vouch for itself)
 *   --state     checkpoints seen before (read), the accepted one written on success
 * Exit code 0 when everything checks, 1 with the first problem, 2 for a wrong call.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { cosignedBy, openCheckpoint, parseVerifierKey, type Checkpoint } from './tlog.js';
import { checkpointOrProblem, verifyExportFile, type Report } from './verify.js';

export interface ExportOptions {
  server: string;
  apiKey: string;
  since?: string;
  until?: string;
  out: string;
  /** The verifier key's text; null: take the server's. */
  key: string | null;
  seen: string[];
  witnessKeys: string[];
}

export interface ExportResult extends Report {
  files: { export: string; checkpoint: string; key: string };
  range: string | null;
  keyFromServer: boolean;
}

async function download(url: string, headers: Record<string, string>): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { headers });
  } catch (err) {
    throw new Error(`cannot reach ${url}: ${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}`);
  }
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res;
}

export async function exportAndVerify(o: ExportOptions): Promise<ExportResult> {
  mkdirSync(o.out, { recursive: true });
  const files = { export: path.join(o.out, 'log.ndjson'), checkpoint: path.join(o.out, 'checkpoint.txt'), key: path.join(o.out, 'log.key') };
  const keyText = o.key ?? (await (await download(`${o.server}/transparency/key`, {})).text());
  writeFileSync(files.key, keyText);
  const note = await (await download(`${o.server}/transparency/checkpoint`, {})).text();
  writeFileSync(files.checkpoint, note);
  const key = parseVerifierKey(keyText);
  const base = { files, range: null, keyFromServer: o.key === null };
  const opened = checkpointOrProblem(note, key);
  if ('problem' in opened) return { ...opened, ...base };
  const checkpoint = opened as Checkpoint;
  for (const w of o.witnessKeys) {
    const witness = parseVerifierKey(w);
    if (!cosignedBy(checkpoint, witness)) {
      return { ok: false, treeSize: checkpoint.size, entries: 0, problem: { kind: 'BAD_SIGNATURE', seq: null, detail: `the checkpoint carries no valid cosignature of ${witness.name}` }, ...base };
    }
  }
  // The export is checked against this checkpoint's tree, whatever was appended since.
  const query = new URLSearchParams({ treeSize: String(checkpoint.size) });
  query.set('since', o.since ?? '1970-01-01T00:00:00Z');
  if (o.until) query.set('until', o.until);
  const res = await download(`${o.server}/audit/export?${query}`, { authorization: `Bearer ${o.apiKey}` });
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(files.export));
  const seen = o.seen.map((s) => openCheckpoint(s, key));
  const report = await verifyExportFile(files.export, checkpoint, seen);
  return { ...report, ...base, range: res.headers.get('x-export-range') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: process.env.EXCHANGE_SERVER ?? 'http://localhost:4000' },
      'api-key': { type: 'string', default: process.env.EXCHANGE_API_KEY },
      since: { type: 'string' },
      until: { type: 'string' },
      out: { type: 'string', default: 'access-log-export' },
      key: { type: 'string' },
      state: { type: 'string' },
      'witness-key': { type: 'string', multiple: true, default: [] },
    },
  });
  if (!values['api-key']) {
    console.error('usage: npm run export-log -- --api-key KEY [--server URL] [--since ISO] [--until ISO] [--out DIR] [--key FILE] [--state FILE] [--witness-key FILE]...\n(the regulator\'s key: --api-key or EXCHANGE_API_KEY)');
    process.exit(2);
  }
  const state = values.state && existsSync(values.state) ? [readFileSync(values.state, 'utf8')] : [];
  try {
    const result = await exportAndVerify({
      server: values.server!.replace(/\/$/, ''),
      apiKey: values['api-key'],
      since: values.since,
      until: values.until,
      out: values.out!,
      key: values.key ? readFileSync(values.key, 'utf8') : null,
      seen: state,
      witnessKeys: values['witness-key'].map((f) => readFileSync(f, 'utf8')),
    });
    if (result.ok && values.state) writeFileSync(values.state, readFileSync(result.files.checkpoint, 'utf8'));
    console.log(JSON.stringify(result, null, 2));
    process.exit(result.ok ? 0 : 1);
  } catch (err) {
    console.error(`export-log failed: ${(err as Error).message}`);
    process.exit(1);
  }
}
