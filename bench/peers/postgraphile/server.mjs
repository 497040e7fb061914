/**
 * PostGraphile v4 over the benchmark database: the peer the profile benchmark compares the
 * exchange with. It (re)creates its schema (schema.sql: views over the exchange's tables,
 * smart comments, computed columns), then serves it over HTTP like the exchange's benchmark
 * server, with the same connection pool size and an endpoint counting the SQL statements
 * its pool has issued and the GraphQL responses it has sent.
 *
 *   DATABASE_URL=postgres://... PORT=4104 node bench/peers/postgraphile/server.mjs
 *
 * Reports `{ ready: port }` over IPC when started by the benchmark (fork).
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { postgraphile } from 'postgraphile';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cx_bench';
const port = Number(process.env.PORT ?? 4104);
const pool = new pg.Pool({ connectionString: url, max: Number(process.env.BENCH_POOL ?? 16) });

let statements = 0;
pool.on('connect', (client) => {
  const query = client.query;
  client.query = function countedQuery(...args) {
    statements++;
    return query.apply(this, args);
  };
});
// A connection the server drops between requests must not end the process mid-benchmark.
pool.on('error', (error) => console.error('postgraphile peer: idle connection lost:', error.message));

await pool.query(readFileSync(new URL('./schema.sql', import.meta.url), 'utf8'));

const handler = postgraphile(pool, 'postgraphile_peer', {
  disableDefaultMutations: true,
  // List fields beside the connections, so the peer's answer takes the exchange's shape.
  simpleCollections: 'both',
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  graphiql: false,
  disableQueryLog: true,
  watchPg: false,
  retryOnInitFail: false,
});
await handler.getGraphQLSchema();

// GraphQL responses sent in full: a request the client abandoned at the end of a run is not one.
let answered = 0;
const server = http.createServer((req, res) => {
  if (req.url === '/__bench/statements') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ statements, answered }));
    return;
  }
  if (req.url?.startsWith('/graphql')) res.once('finish', () => answered++);
  handler(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  console.error(`postgraphile peer on http://127.0.0.1:${port}/graphql`);
  process.send?.({ ready: port });
});
// Started by the benchmark: end with it, even when it ends by a crash.
process.on('disconnect', () => process.exit(0));
