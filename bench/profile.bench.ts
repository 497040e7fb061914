/**
 * npm run bench [-- --people 100000 --seconds 10 --rounds 3 --connections 32 --warmup 3 --pool 16
 *                   --only exchange,postgraphile,one-statement --port 4101 --compare 3]
 *
 * The full profile of random seeded people (the 20 newest transactions, every record kind)
 * from six contenders, alternated within one run for `rounds` rounds; each figure is the
 * median over the rounds, printed beside every round's own:
 *   exchange         the server as deployed (bench/serve.ts: shield + access log), over HTTP
 *   no-shield        the same without the shield layer      -> the shield's cost
 *   no-access-log    the same without the access log        -> the access log's cost
 *   postgraphile     PostGraphile v4 over the same database (bench/peers/postgraphile), the
 *                    same records and open versions, one SQL statement per request: the peer
 *   one-statement    plain `pg`, one prepared statement building the whole profile as one JSON
 *                    document in PostgreSQL, no HTTP or GraphQL: the floor of this read
 *   many-statements  plain `pg`, one statement per record kind in parallel, as the per-kind
 *                    loaders read, no HTTP or GraphQL: the earlier floor, kept for comparison
 * HTTP contenders are driven by autocannon with `connections` connections, floors by as many
 * concurrent loops; every contender has a database pool of `pool` connections. Each run starts
 * its own process or pool and ends it. A run fails the benchmark at once if any answer is not
 * HTTP 200, carries `errors`, or has no person; before each run a sample answer is checked for
 * the person's data, and `compare` people's answers are compared across contenders (records
 * per kind, flags, summary): a mismatch prints a warning.
 * The database (BENCH_DATABASE_URL, default a local `cx_bench`) is seeded once and reused.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { nextMessage, openSeededDatabase, startProcess, type Run } from './support.js';
import { checkedPerson, factMismatches, FLOOR_TABLES, ONE_STATEMENT_PROFILE, PEER_PROFILE, PROFILE, type ProfileAnswer } from './profile.queries.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
    pool: { type: 'string', default: '16' },
    only: { type: 'string' },
    port: { type: 'string', default: '4101' },
    compare: { type: 'string', default: '3' },
  },
});
const PEOPLE = Number(values.people);
const SECONDS = Number(values.seconds);
const ROUNDS = Math.max(1, Number(values.rounds));
const CONNECTIONS = Number(values.connections);
const WARMUP = Number(values.warmup);
const POOL = Number(values.pool);
const PORT = Number(values.port);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cx_bench';

/** One contender's figures of one run, and the answers it gave for the compared people. */
interface Measured extends Run {
  answers: ProfileAnswer[];
}

/** A contender, started for one run: answers one person, drives the load, stops. */
interface Session {
  answer(id: string): Promise<ProfileAnswer>;
  load(seconds: number): Promise<Omit<Run, 'label'>>;
  close(): Promise<void>;
}

interface Contender {
  key: string;
  label: string;
  open(): Promise<Session>;
}

const pick = (ids: string[]) => ids[Math.floor(Math.random() * ids.length)]!;

async function ensureSeeded(): Promise<string[]> {
  const database = await openSeededDatabase(url, PEOPLE, true);
  // Fresh bulk loads leave the planner without statistics.
  await database.db.execute(sql`analyze`);
  const sample = await database.db.execute(sql`select national_id from persons order by random() limit 20000`);
  await database.close();
  return (sample as unknown as { rows: { national_id: string }[] }).rows.map((r) => r.national_id);
}

/** PostGraphile lives in its own folder with its own dependencies (graphql 15): installed on first use. */
function ensurePeerInstalled() {
  const dir = fileURLToPath(new URL('./peers/postgraphile/', import.meta.url));
  if (existsSync(`${dir}node_modules/.package-lock.json`)) return;
  console.log('installing bench/peers/postgraphile (npm ci) ...');
  execFileSync('npm', ['ci', '--prefix', dir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

/** A contender served over HTTP by a process of its own, driven by autocannon. */
function httpContender(spec: {
  key: string;
  label: string;
  script: URL;
  env?: Record<string, string>;
  execArgv?: string[];
  port: number;
  query: string;
  headers?: Record<string, string>;
}): Contender {
  const base = `http://127.0.0.1:${spec.port}`;
  const headers = { 'content-type': 'application/json', ...spec.headers };
  const body = (id: string) => JSON.stringify({ query: spec.query, variables: { id } });
  return {
    key: spec.key,
    label: spec.label,
    async open() {
      const child = startProcess(spec.script, { DATABASE_URL: url, PORT: String(spec.port), NODE_ENV: 'production', BENCH_POOL: String(POOL), ...spec.env }, spec.execArgv);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        await nextMessage(child);
      } catch (error) {
        throw new Error(`${spec.label}: ${(error as Error).message}`);
      }
      type Counters = { statements: number; answered: number };
      const counters = async () => (await (await fetch(`${base}/__bench/statements`)).json()) as Counters;
      // The counts once the requests still in flight have finished or been dropped (a few seconds at most).
      const settled = async () => {
        let last = await counters();
        for (let i = 0; i < 20; i++) {
          await new Promise((r) => setTimeout(r, 300));
          const now = await counters();
          if (now.statements === last.statements && now.answered === last.answered) return now;
          last = now;
        }
        return last;
      };
      return {
        async answer(id) {
          const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: body(id) });
          const text = await res.text();
          if (res.status !== 200) throw new Error(`${spec.label} answered HTTP ${res.status}: ${text.slice(0, 600)}`);
          return checkedPerson(spec.label, JSON.parse(text));
        },
        async load(seconds) {
          let bad = 0;
          let firstBad = '';
          const options: autocannon.Options = {
            url: `${base}/graphql`,
            method: 'POST',
            connections: CONNECTIONS,
            headers,
            requests: [
              {
                setupRequest: (req) => ({ ...req, body: body(pick(ids)) }),
                // Every answer, not a sample: a 200 carrying `errors` or a null person is a failure.
                onResponse: (status, text) => {
                  if (status !== 200 || text.includes('"errors":') || text.includes('"person":null')) {
                    bad++;
                    firstBad ||= `HTTP ${status}: ${text.slice(0, 600)}`;
                  }
                },
              },
            ],
          };
          if (WARMUP > 0) await autocannon({ ...options, duration: WARMUP });
          const before = await settled();
          const result = await autocannon({ ...options, duration: seconds });
          const after = await settled();
          const errors = bad + result.errors + result.timeouts + result.non2xx;
          if (errors > 0) {
            throw new Error(
              `${spec.label}: ${errors} failed answers (${bad} bad bodies, ${result.errors} connection errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx); ` +
                `first: ${firstBad || '(none captured)'}. A benchmark of error answers is worthless.`,
            );
          }
          return {
            rps: result.requests.average,
            p50: result.latency.p50,
            p99: result.latency.p99,
            errors,
            // Per response the server sent; requests abandoned at the run's end add at most their part-work.
            statementsPerRequest: (after.statements - before.statements) / Math.max(1, after.answered - before.answered),
          };
        },
        async close() {
          child.kill();
          await exited;
        },
      };
    },
  };
}

/** A floor: `CONNECTIONS` loops in this process over a `pg` pool, no HTTP or GraphQL. */
function floorContender(spec: {
  key: string;
  label: string;
  statementsPerRequest: number;
  /** One profile as the floor fetches it under load (null: no such person). */
  profile: (pool: pg.Pool, id: string) => Promise<unknown>;
  /** That profile in the exchange's shape, for the checks and the comparison. */
  shape: (fetched: unknown) => ProfileAnswer | null;
}): Contender {
  return {
    key: spec.key,
    label: spec.label,
    async open() {
      const pool = new pg.Pool({ connectionString: url, max: POOL });
      pool.on('error', (error) => console.error(`${spec.label}: idle connection lost: ${error.message}`));
      const drive = async (seconds: number) => {
        const latencies: number[] = [];
        const end = Date.now() + seconds * 1000;
        const worker = async () => {
          while (Date.now() < end) {
            const started = performance.now();
            const id = pick(ids);
            if (!(await spec.profile(pool, id))) throw new Error(`${spec.label}: no profile for ${id}`);
            latencies.push(performance.now() - started);
          }
        };
        await Promise.all(Array.from({ length: CONNECTIONS }, worker));
        return latencies.sort((a, b) => a - b);
      };
      return {
        async answer(id) {
          return checkedPerson(spec.label, { data: { person: spec.shape(await spec.profile(pool, id)) } });
        },
        async load(seconds) {
          if (WARMUP > 0) await drive(WARMUP);
          const latencies = await drive(seconds);
          return {
            rps: latencies.length / seconds,
            p50: latencies[Math.floor(latencies.length * 0.5)] ?? NaN,
            p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN,
            errors: 0,
            statementsPerRequest: spec.statementsPerRequest,
          };
        },
        close: () => pool.end(),
      };
    },
  };
}

/** The profile's JSON text, as a server would pass it on (parsed only for the checks). */
const oneStatement = async (pool: pg.Pool, id: string) => {
  const { rows } = await pool.query<{ person: string }>({ name: 'bench-profile-one-statement', text: ONE_STATEMENT_PROFILE, values: [id] });
  return rows[0]?.person ?? null;
};

/** The person, then one statement per record kind and the transaction page, in parallel (the per-kind loaders' reads). */
const manyStatements = async (pool: pg.Pool, id: string) => {
  const { rows } = await pool.query<{ id: string }>('select id from persons where national_id = $1', [id]);
  if (!rows[0]) return null;
  const personId = rows[0].id;
  const tables = Object.keys(FLOOR_TABLES) as (keyof typeof FLOOR_TABLES)[];
  const [transactions, ...kinds] = await Promise.all([
    pool.query('select * from payment_transactions where person_id = $1 and superseded_at is null order by occurred_at desc, id desc limit 21', [personId]),
    ...tables.map((t) => pool.query(`select * from ${t} where person_id = $1 and superseded_at is null`, [personId])),
  ]);
  const answer: ProfileAnswer = { id: personId };
  tables.forEach((t, i) => (answer[FLOOR_TABLES[t]] = kinds[i]!.rows));
  const identities = answer.identity as { name: string }[];
  answer.identity = identities[0] ?? null;
  answer.creditAccounts = (answer.creditAccounts as Record<string, unknown>[]).map((a) => ({ ...a, repaymentHistory: a.repayment_history }));
  answer.transactions = { edges: transactions!.rows.slice(0, 20).map((node) => ({ node })), pageInfo: { hasNextPage: transactions!.rows.length > 20 } };
  return answer;
};

const serve = new URL('./serve.ts', import.meta.url);
const exchangeHeaders = { authorization: 'Bearer demo-scorer-full' };
const contenders: Contender[] = [
  httpContender({ key: 'exchange', label: 'exchange: shield + access log (as deployed)', script: serve, port: PORT, query: PROFILE, headers: exchangeHeaders }),
  httpContender({
    key: 'postgraphile',
    label: 'PostGraphile v4, same records (peer)',
    script: new URL('./peers/postgraphile/server.mjs', import.meta.url),
    // Plain node (no tsx), with the exchange's young-generation size.
    execArgv: ['--max-semi-space-size=64'],
    port: PORT + 3,
    query: PEER_PROFILE,
  }),
  floorContender({
    key: 'one-statement',
    label: 'one-statement floor (pg, one prepared statement)',
    statementsPerRequest: 1,
    profile: oneStatement,
    shape: (text) => (text ? (JSON.parse(text as string) as ProfileAnswer) : null),
  }),
  httpContender({ key: 'no-shield', label: 'exchange: no shield layer', script: serve, env: { BENCH_PERMISSIONS: 'off' }, port: PORT + 1, query: PROFILE, headers: exchangeHeaders }),
  httpContender({ key: 'no-access-log', label: 'exchange: no access log', script: serve, env: { BENCH_ACCESS_LOG: 'off' }, port: PORT + 2, query: PROFILE, headers: exchangeHeaders }),
  floorContender({
    key: 'many-statements',
    label: 'many-statement floor (pg, one statement per kind)',
    statementsPerRequest: Object.keys(FLOOR_TABLES).length + 2,
    profile: manyStatements,
    shape: (answer) => answer as ProfileAnswer | null,
  }),
];
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((k) => !contenders.some((c) => c.key === k)) ?? [];
if (unknown.length) throw new Error(`--only: unknown ${unknown.join(', ')}; known: ${contenders.map((c) => c.key).join(', ')}`);
const chosen = only ? contenders.filter((c) => only.includes(c.key)) : contenders;

if (chosen.some((c) => c.key === 'postgraphile')) ensurePeerInstalled();
const ids = await ensureSeeded();
const compared = ids.slice(0, Math.max(1, Number(values.compare)));
const loadBefore = os.loadavg()[0]!.toFixed(1);
console.log(
  `machine: ${os.availableParallelism()} cores, node ${process.version}, load average ${loadBefore}; ${ROUNDS} rounds of ${SECONDS} s per run ` +
    `(warm-up ${WARMUP} s), ${CONNECTIONS} connections, pool ${POOL}, ${ids.length} sampled people`,
);

async function measure(contender: Contender): Promise<Measured> {
  const session = await contender.open();
  try {
    const answers: ProfileAnswer[] = [];
    for (const id of compared) answers.push(await session.answer(id));
    return { label: contender.label, answers, ...(await session.load(SECONDS)) };
  } finally {
    await session.close();
  }
}

const rounds: Map<string, Measured>[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const round = new Map<string, Measured>();
  for (const c of chosen) {
    const m = await measure(c);
    round.set(c.key, m);
    console.log(`round ${i + 1}: ${c.label}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms, ${m.statementsPerRequest.toFixed(1)} statements/request`);
  }
  rounds.push(round);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '-');

console.log(`\nload average ${loadBefore} -> ${os.loadavg()[0]!.toFixed(1)}; medians over ${ROUNDS} rounds, then each round's req/s`);
console.log('| run | req/s | p50 ms | p99 ms | SQL statements / request | req/s per round |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const c of chosen) {
  const runs = rounds.map((r) => r.get(c.key)!);
  const stat = (f: (m: Measured) => number) => median(runs.map(f));
  console.log(
    `| ${c.label} | ${fmt(stat((m) => m.rps))} | ${fmt(stat((m) => m.p50), 1)} | ${fmt(stat((m) => m.p99), 1)} | ${fmt(stat((m) => m.statementsPerRequest), 1)} | ${runs.map((m) => fmt(m.rps)).join(' / ')} |`,
  );
}

/** Ratios of throughput within each round; the median of the rounds' ratios. */
const ratios: [string, string, string, (a: number, b: number) => number, string][] = [
  ['exchange / PostGraphile', 'exchange', 'postgraphile', (a, b) => a / b, 'at least 1.0 (aim 1.5)'],
  ['exchange / one-statement floor', 'exchange', 'one-statement', (a, b) => a / b, 'printed (aim 0.25)'],
  ['PostGraphile / one-statement floor', 'postgraphile', 'one-statement', (a, b) => a / b, ''],
  ['exchange / many-statement floor', 'exchange', 'many-statements', (a, b) => a / b, ''],
  ['shield cost (1 - exchange / no shield)', 'exchange', 'no-shield', (a, b) => 1 - a / b, 'under 15%'],
  ['access-log cost (1 - exchange / no access log)', 'exchange', 'no-access-log', (a, b) => 1 - a / b, 'under 20%'],
];
console.log('\n| ratio (req/s) | median | per round | target |');
console.log('| --- | ---: | --- | --- |');
for (const [name, a, b, f, target] of ratios) {
  if (!rounds[0]!.has(a) || !rounds[0]!.has(b)) continue;
  const perRound = rounds.map((r) => f(r.get(a)!.rps, r.get(b)!.rps));
  const show = (x: number) => (name.includes('cost') ? `${(x * 100).toFixed(1)}%` : x.toFixed(2));
  console.log(`| ${name} | ${show(median(perRound))} | ${perRound.map(show).join(' / ')} | ${target} |`);
}
const exchangeP99 = rounds.map((r) => r.get('exchange')?.p99).filter((x): x is number => x !== undefined);
if (exchangeP99.length) console.log(`\nexchange p99: ${fmt(median(exchangeP99), 1)} ms median (target at most 100 ms at 32 connections)`);

// The same people's facts from every contender (first round): records per kind, flags, summary.
const mismatches = compared.flatMap((id, i) =>
  factMismatches(chosen.map((c) => [c.label, rounds[0]!.get(c.key)!.answers[i]!] as const)).map((m) => `person ${id}: ${m}`),
);
for (const m of mismatches) console.log(`WARNING: answers differ for ${m}`);
if (!mismatches.length && chosen.length > 1) {
  console.log(`\nanswers agree: ${compared.length} people, records per kind, flags and summary, across ${chosen.map((c) => c.key).join(', ')}`);
}
