/**
 * npm run bench:cpu [-- --seconds 10 --connections 32]
 *
 * CPU time per request of the exchange (as deployed: shield + access log) and of the
 * PostGraphile peer, each alone under the full-profile load, and of all PostgreSQL backends
 * during each run: where a throughput gap between the two comes from. Linux only (reads
 * /proc/<pid>/stat); uses the seeded `cx_bench` of `npm run bench` (BENCH_DATABASE_URL).
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { PEER_PROFILE, PROFILE } from './profile.queries.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cx_bench';
const TICK_MS = 1000 / Number(execSync('getconf CLK_TCK').toString().trim());

/** User + system CPU of a process, in ms. */
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};
const postgresCpu = () =>
  execSync('pgrep -u postgres postgres || true').toString().trim().split('\n').filter(Boolean)
    .reduce((sum, pid) => { try { return sum + cpuOf(Number(pid)); } catch { return sum; } }, 0);

async function ready(base: string) {
  for (let i = 0; i < 120; i++) {
    try { await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' }); return; } catch { await new Promise((r) => setTimeout(r, 250)); }
  }
  throw new Error(`${base} did not start`);
}

async function measure(label: string, child: ChildProcess, port: number, query: string, ids: string[]) {
  const base = `http://127.0.0.1:${port}`;
  await ready(base);
  const options = {
    url: `${base}/graphql`, method: 'POST' as const, connections: Number(values.connections),
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full' },
    requests: [{ setupRequest: (req: any) => ({ ...req, body: JSON.stringify({ query, variables: { id: ids[Math.floor(Math.random() * ids.length)] } }) }) }],
  };
  await autocannon({ ...options, duration: 3 }); // warm-up
  const [server, database] = [cpuOf(child.pid!), postgresCpu()];
  const result = await autocannon({ ...options, duration: Number(values.seconds) });
  const n = result.requests.total;
  console.log(`| ${label} | ${result.requests.average} | ${((cpuOf(child.pid!) - server) / n).toFixed(2)} | ${((postgresCpu() - database) / n).toFixed(2)} | ${result.non2xx} |`);
  child.kill();
}

const client = new pg.Client(url);
await client.connect();
const ids = (await client.query('select national_id from persons order by random() limit 2000')).rows.map((r) => r.national_id as string);
await client.end();
console.log(`| server | req/s | server CPU ms / request | PostgreSQL CPU ms / request | non-2xx |\n| --- | ---: | ---: | ---: | ---: |`);
const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'production' };
await measure('exchange (shield + access log)', spawn(process.execPath, ['--import', 'tsx', 'bench/serve.ts'], { env: { ...env, PORT: '4291' }, stdio: 'ignore' }), 4291, PROFILE, ids);
await measure('PostGraphile v4 (peer)', spawn(process.execPath, ['bench/peers/postgraphile/server.mjs'], { env: { ...env, PORT: '4294' }, stdio: 'ignore' }), 4294, PEER_PROFILE, ids);
