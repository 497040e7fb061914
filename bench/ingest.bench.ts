/**
 * Ingestion throughput against the COPY floor (issue 5).
 *
 *   npm run bench:ingest -- [--records 1000000] [--url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * 1. Generates a deterministic data set with the seed generator (mostly payment transactions,
 *    plus every other kind and their versions) as one NDJSON file per source, and the same
 *    rows as COPY text files per table, under bench/out/ (reused when already there).
 * 2. Loads the NDJSON files into a fresh PostgreSQL database through POST /ingest of an
 *    in-process server, cross-checks on, two sources streaming at a time: records/second.
 * 3. COPYs the same rows into the same tables of another fresh database, two tables at a
 *    time: rows/second. Prints both and their ratio.
 */
import 'reflect-metadata';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, type Database } from '../src/db/client.js';
import express from 'express';
import { createExchangeServer } from '../src/server/app.js';
import { mountIngest } from '../src/furnishing/ingest.http.js';
import { Admission } from '../src/server/admission.js';
import { rateLimitsFromEnv } from '../src/server/limits.js';
import { createLogger } from '../src/server/logger.js';
import { generatePeople } from '../src/seed/generator.js';
import { storedRow } from '../src/seed/seed.js';
import { copyField } from '../src/db/bulk-insert.js';
import { demoSources, ensureSources } from '../src/seed/sources.js';
import { recordKinds, recordTables, type RecordKind } from '../src/records/index.js';
import { persons } from '../src/records/shared/persons.tables.js';
import { apiKeys, organisations, principals } from '../src/access/access.tables.js';
import { hashApiKey } from '../src/access/principal.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    url: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    seed: { type: 'string', default: '20250501' },
    concurrency: { type: 'string', default: '2' },
    // Server-side ingestion settings (defaults: the server's own).
    'batch-size': { type: 'string' },
    lanes: { type: 'string' },
    // Diagnosis only: 'off' serves /ingest alone, without part B's cross-checks.
    'cross-checks': { type: 'string', default: 'on' },
    // Diagnosis only: leave the ingested database in place (its name is printed) to look into.
    keep: { type: 'boolean', default: false },
  },
});
const TARGET = Number(args.records);
const CONCURRENCY = Number(args.concurrency);
const OUT = path.resolve(import.meta.dirname, 'out', `ingest-${TARGET}`);

// Sources get serial ids in demoSources order in a fresh database: the COPY files rely on it.
const sourceIdOf = Object.fromEntries(demoSources.map((s, i) => [s.code, i + 1])) as Record<string, number>;

const copyColumns = (kind: RecordKind) =>
  Object.entries(getTableColumns(recordTables[kind])).filter(([key]) => key !== 'id').map(([key, col]) => ({ key, name: col.name, json: col.getSQLType() === 'jsonb' }));

interface Manifest {
  records: number;
  people: number;
  rowsByKind: Record<string, number>;
  linesBySource: Record<string, number>;
}

/** Core-seconds the whole machine spent busy so far (Linux /proc/stat; 0 elsewhere). */
function machineBusySeconds(): number {
  if (!existsSync('/proc/stat')) return 0;
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = ticks[3]! + (ticks[4] ?? 0);
  return (ticks.reduce((a, b) => a + b, 0) - idle) / 100;
}

/** Where the CPU went during a phase: the whole machine, and this Node process (client and server). */
function cpuSince(start: { busy: number; cpu: NodeJS.CpuUsage }, seconds: number): string {
  const used = process.cpuUsage(start.cpu);
  const node = (used.user + used.system) / 1e6;
  const busy = machineBusySeconds() - start.busy;
  return `CPU: machine ${busy.toFixed(1)} core-s of ${(seconds * os.cpus().length).toFixed(1)} (${((100 * busy) / (seconds * os.cpus().length)).toFixed(0)}%), this Node process ${node.toFixed(1)}, the rest (PostgreSQL) ${(busy - node).toFixed(1)}`;
}

const cpuStart = () => ({ busy: machineBusySeconds(), cpu: process.cpuUsage() });

async function write(stream: WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Writes the NDJSON files (one per source) and the COPY files (one per table), once. */
async function generate(): Promise<Manifest> {
  const manifestFile = path.join(OUT, 'manifest.json');
  if (existsSync(manifestFile)) return JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  mkdirSync(OUT, { recursive: true });
  const ndjson = new Map<string, WriteStream>(demoSources.map((s) => [s.code, createWriteStream(path.join(OUT, `${s.code}.ndjson`))]));
  const copies = new Map<string, WriteStream>([...recordKinds, 'persons'].map((k) => [k, createWriteStream(path.join(OUT, `${k}.copy`))]));
  const columns = Object.fromEntries(recordKinds.map((k) => [k, copyColumns(k)])) as Record<RecordKind, ReturnType<typeof copyColumns>>;
  const manifest: Manifest = { records: 0, people: 0, rowsByKind: {}, linesBySource: {} };
  const started = performance.now();
  for (const person of generatePeople({ people: Number.MAX_SAFE_INTEGER, seed: Number(args.seed) })) {
    if (manifest.records >= TARGET) break;
    manifest.people++;
    let first = Number.POSITIVE_INFINITY;
    // Versions in the order the source sent them: the NDJSON replays each record's history.
    const all = recordKinds.flatMap((kind) => person.records[kind].map((r) => ({ kind, r })));
    all.sort((a, b) => a.r.recordedAt.getTime() - b.r.recordedAt.getTime());
    for (const { kind, r } of all) {
      first = Math.min(first, r.recordedAt.getTime());
      const line = JSON.stringify({ kind, sourceRecordId: r.sourceRecordId, nationalId: person.nationalId, receivedAt: r.receivedAt, content: r.content });
      await write(ndjson.get(r.source)!, line + '\n');
      const row = storedRow(person.id, sourceIdOf[r.source]!, r);
      await write(copies.get(kind)!, columns[kind].map((c) => copyField(row[c.key], c.json)).join('\t') + '\n');
      manifest.records++;
      manifest.rowsByKind[kind] = (manifest.rowsByKind[kind] ?? 0) + 1;
      manifest.linesBySource[r.source] = (manifest.linesBySource[r.source] ?? 0) + 1;
    }
    await write(copies.get('persons')!, `${person.id}\t${person.nationalId}\t${new Date(first).toISOString()}\n`);
  }
  await Promise.all([...ndjson.values(), ...copies.values()].map((s) => new Promise((resolve) => s.end(resolve))));
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  console.log(`generated ${manifest.records} records of ${manifest.people} people in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return manifest;
}

async function freshDatabase(label: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `cx_bench_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: args.url });
  admin.on('error', (err) => console.warn(`  (admin connection lost: ${err.message})`));
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(args.url!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  await migrateDatabase(database);
  const ids = await ensureSources(database.db);
  for (const [code, id] of Object.entries(ids)) if (sourceIdOf[code] !== id) throw new Error(`source ${code} got id ${id}`);
  // Each measured phase starts with nothing left to write back from the one before.
  await database.db.execute(sql`checkpoint`);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: args.url });
      c.on('error', (err) => console.warn(`  (admin connection lost: ${err.message})`));
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Runs `tasks` with at most `n` at a time. */
async function limited<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

async function countRows(database: Database): Promise<number> {
  let total = 0;
  for (const kind of recordKinds) {
    const rows = await database.db.execute(sql`select count(*)::int as n from ${recordTables[kind]}`);
    total += Number((rows as unknown as { rows: { n: number }[] }).rows[0]!.n);
  }
  return total;
}

async function benchIngest(manifest: Manifest): Promise<{ seconds: number; rejected: number }> {
  const { database, drop } = await freshDatabase('ingest');
  try {
    // One furnisher key per source, as the demo seed would create them.
    for (const s of demoSources) {
      const [org] = await database.db.insert(organisations).values({ name: s.name, kind: 'FURNISHER', sourceId: sourceIdOf[s.code] }).returning({ id: organisations.id });
      const [p] = await database.db.insert(principals).values({ kind: 'FURNISHER', name: s.code, organisationId: org!.id }).returning({ id: principals.id });
      await database.db.insert(apiKeys).values({ principalId: p!.id, keyHash: hashApiKey(`bench-${s.code}`), label: 'bench' });
    }
    const crossChecks = args['cross-checks'] !== 'off';
    const ingestion = {
      ...(args['batch-size'] ? { batchSize: Number(args['batch-size']) } : {}),
      ...(args.lanes ? { lanes: Number(args.lanes) } : {}),
    };
    const server = crossChecks ? await createExchangeServer({ database, logger: createLogger('silent'), ingestion }) : null;
    const app = server?.app ?? express();
    if (!server) mountIngest(app, database, createLogger('silent'), new Admission(database, rateLimitsFromEnv()), { ...ingestion, crossChecks: false });
    const listener: http.Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const port = (listener.address() as AddressInfo).port;
    // The largest files first, so the two streams finish close together.
    const order = demoSources.map((s) => s.code).sort((a, b) => (manifest.linesBySource[b] ?? 0) - (manifest.linesBySource[a] ?? 0));
    const cpu = cpuStart();
    const started = performance.now();
    const reports = await limited(
      CONCURRENCY,
      order.map((code) => async () => {
        const file = path.join(OUT, `${code}.ndjson`);
        const req = http.request({ port, host: '127.0.0.1', path: '/ingest', method: 'POST', headers: { authorization: `Bearer bench-${code}` } });
        const answer = new Promise<string>((resolve, reject) => {
          req.on('response', (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve(body));
          });
          req.on('error', reject);
        });
        await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), req);
        const report = JSON.parse(await answer) as { counts: Record<string, number>; rejected: { line: number; field?: string; reason: string }[] };
        console.log(`  ${code}: ${JSON.stringify(report.counts)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
        for (const r of report.rejected.slice(0, 3)) console.log(`    line ${r.line}: ${r.field ?? ''} ${r.reason}`);
        return report;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${cpuSince(cpu, seconds)}`);
    listener.closeAllConnections();
    listener.close();
    await server?.stop();
    const stored = await countRows(database);
    const rejected = reports.reduce((n, r) => n + r.counts.rejected!, 0);
    // The seed repeats some versions unchanged (no row), and cross-checks append status versions.
    const written = reports.reduce((n, r) => n + r.counts.created! + r.counts.versioned!, 0);
    console.log(`  ${written} versions written by ingestion, ${stored} rows in the tables after cross-checks`);
    return { seconds, rejected };
  } finally {
    if (args.keep) {
      await database.close();
      console.log(`  kept database cx_bench_ingest_${process.pid}`);
    } else await drop();
  }
}

async function benchCopy(manifest: Manifest): Promise<number> {
  const { database, drop } = await freshDatabase('copy');
  const pool = new pg.Pool({ connectionString: (() => { const u = new URL(args.url!); u.pathname = `/cx_bench_copy_${process.pid}`; return u.toString(); })(), max: CONCURRENCY });
  // An idle client dropped by the server must not end the process; the next query would say so.
  pool.on('error', (err) => console.warn(`  (COPY pool: idle client lost: ${err.message})`));
  try {
    const copy = async (table: string, columns: string[], file: string) => {
      const client = await pool.connect();
      try {
        await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
      } finally {
        client.release();
      }
    };
    const cpu = cpuStart();
    const started = performance.now();
    // Persons first: every record refers to one.
    await copy(getTableName(persons), ['id', 'national_id', 'created_at'], path.join(OUT, 'persons.copy'));
    await limited(
      CONCURRENCY,
      [...recordKinds]
        .sort((a, b) => (manifest.rowsByKind[b] ?? 0) - (manifest.rowsByKind[a] ?? 0))
        .map((kind) => () => copy(getTableName(recordTables[kind]), copyColumns(kind).map((c) => `"${c.name}"`), path.join(OUT, `${kind}.copy`))),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`  ${cpuSince(cpu, seconds)}`);
    const stored = await countRows(database);
    if (stored !== manifest.records) throw new Error(`COPY stored ${stored} rows, expected ${manifest.records}`);
    return seconds;
  } finally {
    await pool.end();
    await drop();
  }
}

const manifest = await generate();
const bytes = demoSources.reduce((n, s) => n + statSync(path.join(OUT, `${s.code}.ndjson`)).size, 0);
console.log(`data set: ${manifest.records} records (${JSON.stringify(manifest.rowsByKind)}), ${manifest.people} people, ${(bytes / 1e6).toFixed(0)} MB NDJSON`);
console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
console.log(`POST /ingest (cross-checks ${args['cross-checks']}):`);
const ingest = await benchIngest(manifest);
const ingestRate = (manifest.records - ingest.rejected) / ingest.seconds;
console.log(`  ${ingest.seconds.toFixed(1)} s, ${Math.round(ingestRate)} records/s (${ingest.rejected} rejected)`);
console.log('COPY floor:');
const copySeconds = await benchCopy(manifest);
const copyRate = manifest.records / copySeconds;
console.log(`  ${copySeconds.toFixed(1)} s, ${Math.round(copyRate)} rows/s`);
console.log(`ratio ingest / COPY: ${(ingestRate / copyRate).toFixed(2)} (target >= 0.30)`);
