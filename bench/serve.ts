/**
 * The exchange server for benchmarks only: the same server as `npm start`, with the two
 * benchmark switches (shield layer, access log) that production cannot reach, and an
 * endpoint reporting how many SQL statements the process has issued and how many GraphQL
 * responses it has sent.
 *
 *   DATABASE_URL=... BENCH_PERMISSIONS=off BENCH_ACCESS_LOG=off tsx bench/serve.ts
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { openDatabase } from '../src/db/client.js';
import { createExchangeServer } from '../src/server/app.js';
import { createLogger } from '../src/server/logger.js';

const database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: Number(process.env.BENCH_POOL ?? 16) });
const server = await createExchangeServer({
  database,
  logger: createLogger('silent'),
  production: true,
  permissions: process.env.BENCH_PERMISSIONS !== 'off',
  accessLog: process.env.BENCH_ACCESS_LOG !== 'off',
  rateLimits: { requestsPerKey: 10_000_000 },
  mount: (app) =>
    app.get('/__bench/statements', (_req, res) => {
      res.json({ statements: database.statements(), answered });
    }),
});
// GraphQL responses sent in full: a request the client abandoned at the end of a run is not one.
let answered = 0;
const port = Number(process.env.PORT ?? 4100);
createServer((req, res) => {
  if (req.url?.startsWith('/graphql')) res.once('finish', () => answered++);
  server.app(req, res);
}).listen(port, '127.0.0.1', () => process.send?.({ ready: port }));
// Started by a benchmark: end with it, even when it ends by a crash.
process.on('disconnect', () => process.exit(0));
