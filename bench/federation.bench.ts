/**
 * npm run bench:federation [-- --people 2000 --seconds 10 --connections 16 --rounds 3]
 *
 * The same coarse profile (the demo partner's licence, purpose TENANCY) for random seeded
 * people, over HTTP with autocannon, three ways:
 *   1. direct:           the exchange's `person(nationalId, purpose)` root field
 *   2. gateway, person:  the same root field through the partner's gateway (one subgraph fetch)
 *   3. gateway, entity:  `tenancyApplication(id) { applicant { ... } }` through the gateway:
 *                        the partner subgraph, then the exchange's `_entities`
 * Prints requests/s, p50/p99 latency and the exchange's SQL statements per request, and the
 * ratios to the direct path. The paths alternate for `rounds` rounds and each figure is the
 * median over the rounds, so a burst of other load on the machine skews all paths alike. Processes: the exchange (bench/serve.ts, as deployed: shield and
 * access log on), the partner subgraph + gateway (bench/federation.serve.ts), and autocannon.
 * PostgreSQL: BENCH_FEDERATION_DATABASE_URL (default a local `cx_bench_federation`), seeded once.
 */
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { persons } from '../src/server/tables.js';
import { nextMessage, openSeededDatabase, startProcess, type Run } from './support.js';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
  },
});
const PEOPLE = Number(values.people);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Math.max(1, Number(values.rounds));
const url = process.env.BENCH_FEDERATION_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cx_bench_federation';
const EXCHANGE_PORT = 4210;

/** What the partner licence grants (identity BASIC, property SUMMARY, court JUDGMENTS_ONLY, transactions AGGREGATE). */
const FIELDS = `id
  identity { name birthYear }
  ownsProperty propertySummary { count totalValueFen }
  transactionSummaries { month inflowFen outflowFen }
  courtRecords { caseNumber status } judgmentDebtor`;

const headers = {
  'content-type': 'application/json',
  authorization: 'Bearer demo-partner',
  'x-exchange-purpose': 'TENANCY',
  'x-exchange-case-reference': 'BENCH-LEASE',
};

interface Applicant {
  id: string;
  nationalId: string;
}

async function ensureSeeded(): Promise<Applicant[]> {
  const database = await openSeededDatabase(url, PEOPLE);
  const rows = await database.db.select({ id: persons.id, nationalId: persons.nationalId }).from(persons).limit(PEOPLE);
  await database.close();
  return rows;
}

const start = (script: string, env: Record<string, string>) => startProcess(new URL(script, import.meta.url), env);

const exchangeBase = `http://127.0.0.1:${EXCHANGE_PORT}`;
const statements = async () => ((await (await fetch(`${exchangeBase}/__bench/statements`)).json()) as { statements: number }).statements;

/** One request first: the run is meaningless unless it returns the profile without errors. */
async function check(label: string, target: string, body: string) {
  const res = await fetch(target, { method: 'POST', headers, body });
  const json = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
  if (json.errors || !json.data) throw new Error(`${label}: ${JSON.stringify(json.errors ?? json)}`);
}

async function run(label: string, target: string, body: () => string): Promise<Run> {
  await check(label, target, body());
  let bad = 0;
  let firstBad = '';
  const options: autocannon.Options = {
    url: target,
    method: 'POST',
    connections: CONNECTIONS,
    headers,
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: body() }),
        // Every answer: the gateway answers 200 with `errors` when a subgraph fails.
        onResponse: (status, text) => {
          if (status !== 200 || text.includes('"errors":')) {
            bad++;
            firstBad ||= `HTTP ${status}: ${text.slice(0, 600)}`;
          }
        },
      },
    ],
  };
  await autocannon({ ...options, duration: 3 }); // warm-up
  const before = await statements();
  const result = await autocannon({ ...options, duration: SECONDS });
  const after = await statements();
  const errors = bad + result.errors + result.non2xx;
  if (errors > 0) throw new Error(`${label}: ${errors} failed answers; first: ${firstBad || '(none captured)'}. A benchmark of error answers is worthless.`);
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors,
    statementsPerRequest: (after - before) / Math.max(1, result.requests.total),
  };
}

const applicants = await ensureSeeded();
const exchange = start('./serve.ts', { DATABASE_URL: url, PORT: String(EXCHANGE_PORT), NODE_ENV: 'production' });
const partner = start('./federation.serve.ts', {});
try {
  await nextMessage(exchange);
  const ready = nextMessage<{ gatewayUrl: string }>(partner);
  partner.send({ exchangeUrl: `${exchangeBase}/graphql`, applicantIds: applicants.map((a) => a.id) });
  const { gatewayUrl } = await ready;

  // Application i belongs to applicant i (examples/partner/rentals.ts), so all paths read the same people.
  const pick = () => Math.floor(Math.random() * applicants.length);
  const personBody = () =>
    JSON.stringify({
      query: `query Profile($id: String!) { person(nationalId: $id, purpose: TENANCY, caseReference: "BENCH-LEASE") { ${FIELDS} } }`,
      variables: { id: applicants[pick()]!.nationalId },
    });
  const entityBody = () =>
    JSON.stringify({
      query: `query Application($id: ID!) { tenancyApplication(id: $id) { id monthlyRentFen applicant { tenancies { id } ${FIELDS} } } }`,
      variables: { id: `APP-${String(pick() + 1).padStart(4, '0')}` },
    });

  const paths: [string, string, () => string][] = [
    ['direct: exchange person', `${exchangeBase}/graphql`, personBody],
    ['gateway: person (pass-through)', gatewayUrl, personBody],
    ['gateway: application -> _entities', gatewayUrl, entityBody],
  ];
  const load = os.loadavg()[0]!.toFixed(1);
  const rounds: Run[][] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const round: Run[] = [];
    for (const [label, target, body] of paths) round.push(await run(label, target, body));
    console.log(`round ${i + 1}: ${round.map((r) => `${r.label} ${r.rps.toFixed(0)} req/s`).join(', ')}`);
    rounds.push(round);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const runs: Run[] = paths.map(([label], i) => ({
    label,
    rps: median(rounds.map((r) => r[i]!.rps)),
    p50: median(rounds.map((r) => r[i]!.p50)),
    p99: median(rounds.map((r) => r[i]!.p99)),
    errors: rounds.reduce((n, r) => n + r[i]!.errors, 0),
    statementsPerRequest: median(rounds.map((r) => r[i]!.statementsPerRequest)),
  }));
  const direct = runs[0]!;
  console.log(
    `\n${applicants.length} people, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s per path (medians), ` +
      `nproc ${os.availableParallelism()}, node ${process.version}, load average ${load} -> ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log('| path | req/s | p50 ms | p99 ms | SQL statements / request | req/s vs direct | p50 vs direct | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of runs) {
    console.log(
      `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.statementsPerRequest.toFixed(1)} | ${(r.rps / direct.rps).toFixed(2)} | ${(r.p50 / Math.max(direct.p50, 1)).toFixed(2)} | ${r.errors} |`,
    );
  }
  // The target (issue 13): `_entities` through the gateway at least 0.8 of the direct query, in each round's own ratio.
  const perRound = rounds.map((r) => r[2]!.rps / r[0]!.rps);
  console.log(
    `\n_entities through gateway / direct query (req/s): ${median(perRound).toFixed(2)} median, ` +
      `rounds ${perRound.map((x) => x.toFixed(2)).join(' / ')} (target at least 0.8)`,
  );
} finally {
  exchange.kill();
  partner.kill();
}
