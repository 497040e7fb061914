import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { TransparencySettings } from '../../src/audit/transparency/checkpoint.service.js';
import { createExchangeServer, type ExchangeServer } from '../../src/server/app.js';
import { createLogger } from '../../src/server/logger.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { seedDatabase } from '../../src/seed/seed.js';
import type { IngestOptions } from '../../src/furnishing/ingestion.service.js';
import type { RateLimits } from '../../src/server/limits.js';

export interface GraphQLResponse<T = any> {
  status: number;
  body: { data?: T; errors?: any } & Record<string, any>;
  headers: Headers;
}

export interface TestServer {
  url: string;
  testDb: TestDatabase;
  server: ExchangeServer;
  /** `headers` are sent too (e.g. a federated request's x-exchange-purpose). */
  gql: <T = any>(query: string, variables?: Record<string, unknown>, key?: string | null, headers?: Record<string, string>) => Promise<GraphQLResponse<T>>;
  close: () => Promise<void>;
}

export interface TestServerOptions {
  people?: number;
  seed?: number;
  production?: boolean;
  ingestion?: IngestOptions;
  rateLimits?: Partial<RateLimits>;
  transparency?: Partial<TransparencySettings>;
  /** Seed with the cross-checks run at the data set's clock, as `npm start` does (default off: tests run them). */
  crossChecks?: boolean;
}

/** A server on a random local port over a fresh database seeded with the demo data set. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const testDb = await createTestDatabase();
  await seedDatabase(testDb.database.db, { people: options.people ?? 12, seed: options.seed ?? 42, demo: true, crossChecks: options.crossChecks ?? false });
  const server = await createExchangeServer({
    database: testDb.database,
    logger: createLogger('silent'),
    production: options.production ?? false,
    ingestion: options.ingestion,
    // Functional tests send many loads from one key; the limits are tested on servers of their own.
    rateLimits: options.rateLimits ?? { ingestLoadsPerKey: 100_000 },
    transparency: options.transparency,
  });
  const http: Server = await new Promise((resolve) => {
    const s = server.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // A loaded test machine can leave a pooled client idle past Node's 5 s default; the server
  // closing it then races the client's next request (ECONNRESET). Keep idle connections longer.
  http.keepAliveTimeout = 60_000;
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const gql = async (query: string, variables?: Record<string, unknown>, key: string | null = 'demo-scorer-full', headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  return {
    url,
    testDb,
    server,
    gql,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await server.stop();
      await testDb.drop();
    },
  };
}
