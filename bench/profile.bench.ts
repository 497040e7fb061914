/**
 * npm run bench [-- --people 100000 --seconds 15 --connections 32]
 *
 * The full profile query for random seeded people over HTTP (autocannon) against
 * PostgreSQL, in four runs of one process each:
 *   1. the server as deployed (shield + access log)
 *   2. without the shield layer      -> cost of permissions
 *   3. without the access log        -> cost of logging
 *   4. plain SQL, same people, same statements a profile needs, no GraphQL -> the floor
 * Prints requests/s, p50/p99 latency and SQL statements per request, and the ratios.
 * The database (BENCH_DATABASE_URL, default a local `cx_bench`) is seeded once and reused.
 */
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { nextMessage, openSeededDatabase, startProcess, type Run } from './support.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
  },
});
const PEOPLE = Number(values.people);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cx_bench';

const PROFILE = `query Profile($id: String!) {
  person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "BENCH") {
    id nationalId judgmentDebtor ownsProperty
    identity { name birthDate address phone verification provenance { source { code } recordedAt } }
    driverLicences { licenceNumber status penaltyPoints }
    propertySummary { count totalValueFen }
    properties { certificateNumber valueFen status ownerName }
    vehicles { plateNumber valueFen }
    education { institution level issuerConfirmed }
    employment { employer occupation referees { name phone } }
    creditAccounts { lender accountKind limitFen balanceFen status daysPastDue repaymentHistory { month daysPastDue } }
    transactions(first: 20) { edges { node { occurredAt amountFen direction } } pageInfo { hasNextPage } }
    transactionSummaries { month inflowFen outflowFen }
    courtRecords { caseNumber status judgmentDebtor }
  }
}`;

async function ensureSeeded(): Promise<string[]> {
  const database = await openSeededDatabase(url, PEOPLE, true);
  // Fresh bulk loads leave the planner without statistics.
  await database.db.execute(sql`analyze`);
  const sample = await database.db.execute(sql`select national_id from persons order by random() limit 20000`);
  await database.close();
  return ((sample as unknown as { rows: { national_id: string }[] }).rows).map((r) => r.national_id);
}

async function httpRun(label: string, env: Record<string, string>, ids: string[], port: number): Promise<Run> {
  const child = startProcess(new URL('./serve.ts', import.meta.url), { DATABASE_URL: url, PORT: String(port), NODE_ENV: 'production', ...env });
  await nextMessage(child);
  const base = `http://127.0.0.1:${port}`;
  const counters = async () => (await (await fetch(`${base}/__bench/statements`)).json()) as { statements: number };
  const requestBody = () => JSON.stringify({ query: PROFILE, variables: { id: ids[Math.floor(Math.random() * ids.length)] } });
  const options: autocannon.Options = {
    url: `${base}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-scorer-full' },
    requests: [{ setupRequest: (req) => ({ ...req, body: requestBody() }) }],
  };
  await autocannon({ ...options, duration: 3 }); // warm-up
  const before = await counters();
  const result = await autocannon({ ...options, duration: SECONDS });
  await new Promise((r) => setTimeout(r, 500));
  const after = await counters();
  child.kill();
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    // Requests still in flight when the run ends (at most one per connection) are ignored.
    statementsPerRequest: (after.statements - before.statements) / Math.max(1, result.requests.total),
  };
}

/**
 * The floor: the same person's records fetched with plain SQL, one statement per record
 * kind as the GraphQL loaders issue, at the same concurrency, with no HTTP or GraphQL.
 */
async function sqlFloor(ids: string[]): Promise<Run> {
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  const kinds = ['identity_records', 'driver_licences', 'property_certificates', 'vehicle_registrations', 'education_records', 'employment_records', 'credit_accounts', 'transaction_months', 'court_records'];
  const latencies: number[] = [];
  let done = 0;
  const end = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      const id = ids[Math.floor(Math.random() * ids.length)];
      const { rows } = await pool.query('select id from persons where national_id = $1', [id]);
      const personId = rows[0].id;
      await Promise.all([
        ...kinds.map((t) => pool.query(`select * from ${t} where person_id = $1 and superseded_at is null`, [personId])),
        pool.query('select * from payment_transactions where person_id = $1 and superseded_at is null order by occurred_at desc, id desc limit 21', [personId]),
      ]);
      latencies.push(performance.now() - started);
      done++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    label: 'plain SQL floor (no HTTP, no GraphQL)',
    rps: done / SECONDS,
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
    errors: 0,
    statementsPerRequest: kinds.length + 2,
  };
}

const ids = await ensureSeeded();
console.log(`machine: ${os.cpus().length} cores; ${SECONDS}s per run, ${CONNECTIONS} connections, ${ids.length} sampled people`);
const runs: Run[] = [];
runs.push(await httpRun('GraphQL, shield + access log (as deployed)', {}, ids, 4101));
runs.push(await httpRun('GraphQL, no shield layer', { BENCH_PERMISSIONS: 'off' }, ids, 4102));
runs.push(await httpRun('GraphQL, no access log', { BENCH_ACCESS_LOG: 'off' }, ids, 4103));
runs.push(await sqlFloor(ids));

console.log('\n| run | req/s | p50 ms | p99 ms | SQL statements / request | errors |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of runs) console.log(`| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.statementsPerRequest.toFixed(1)} | ${r.errors} |`);
const [full, noShield, noLog, floor] = runs as [Run, Run, Run, Run];
console.log(`\nGraphQL / SQL floor throughput: ${(full.rps / floor.rps).toFixed(2)}`);
console.log(`shield cost: ${((1 - full.rps / noShield.rps) * 100).toFixed(1)}% of throughput (target < 15%)`);
console.log(`access log cost: ${((1 - full.rps / noLog.rps) * 100).toFixed(1)}% of throughput (target < 20%)`);
