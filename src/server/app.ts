import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { authenticate, bearerToken } from '../access/principal.js';
import { buildExchangeSchema } from './schema.js';
import { createRequestContext, type RequestContext } from './context.js';
import { unauthenticated } from './errors.js';
import { mountGraphiql } from './graphiql.js';
import { formatError } from './format-error.js';

export interface ExchangeServer {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  schema: GraphQLSchema;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  database: Database;
  logger: Logger;
  production?: boolean;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function createExchangeServer(options: ServerOptions): Promise<ExchangeServer> {
  const { database, logger } = options;
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const schema = await buildExchangeSchema();

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: formatError(production),
    includeStacktraceInErrorResponses: !production,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const given = req.header('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    (req as unknown as { id: string }).id = id;
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as unknown as { id: string }).id,
      // Only the path: query strings of GET /graphql may hold variables with personal data.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  mountGraphiql(app);
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const key = bearerToken(req.headers.authorization);
        const principal = key ? await authenticate(database.db, key) : null;
        if (!principal) throw unauthenticated();
        const requestId = (req as unknown as { id: string }).id;
        return createRequestContext({
          requestId,
          principal,
          database,
          log: logger.child({ requestId, principalId: principal.id }),
        });
      },
    }),
  );

  return {
    app,
    apollo,
    schema,
    stop: () => apollo.stop(),
  };
}
