import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { isDatabaseUnavailable, type Database } from '../db/client.js';
import { buildExchangeSchema, buildExchangeSubgraph } from './schema.js';
import { createRequestContext, type RequestContext } from './context.js';
import { errorCodeOf, sendJsonError, serviceUnavailable } from '../kernel/errors.js';
import { mountGraphiql } from './graphiql.js';
import { demoKeysExist } from '../seed/demo-readiness.js';
import { formatError } from './format-error.js';
import { applyMiddleware } from 'graphql-middleware';
import { exchangeShield } from '../access/access.rules.js';
import { armorPlugins, queryLimits, rateLimitsFromEnv, type RateLimits } from './limits.js';
import { Admission } from './admission.js';
import { AccessCache } from '../access/access-cache.js';
import { accessChangesPlugin } from './access-changes.js';
import { databaseOutagePlugin } from './database-outage.js';
import { noHistoryInsideHistory, queryCostPlugin } from './query-cost.js';
import { CheckpointSigner, transparencyFromEnv, useCheckpointSigner, type TransparencySettings } from '../audit/transparency/checkpoint.service.js';
import { mountTransparency } from '../audit/transparency/transparency.http.js';
import { accessLogPlugin } from '../audit/access-log.plugin.js';
import { mountIngest } from '../furnishing/ingest.http.js';
import { mountRecordFormats } from '../furnishing/record-formats/record-formats.http.js';
import { storableTextPlugin } from './text-input.js';
import type { IngestOptions } from '../furnishing/ingestion.service.js';
import { federationRules } from '../federation/federation.rules.js';
import { ExchangeMetrics } from './metrics.js';
import { ObservedAppender } from './observed-appender.js';
import { requestSpanOf, requestSpans } from './tracing.js';
import { gateSpansPlugin } from './gate-spans.js';
import { causeOf, noteCode, outcomeOf, reportOf, requestReportPlugin } from './request-report.js';
import { corsOriginsFromEnv, mountCors } from './cors.js';
import type { Ingestion } from '../furnishing/ingestion.service.js';
import { readEntityRequestHeaders } from '../federation/entity-request.js';

export interface ExchangeServer {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  schema: GraphQLSchema;
  metrics: ExchangeMetrics;
  /** The shutdown's first step: /readyz answers 503 and loads in progress stop after the lines read so far. */
  drain: () => void;
  /** After the HTTP server has closed: stops Apollo and the checkpoint signer, waits for access-log appends. */
  stop: () => Promise<void>;
}

export interface ServerOptions {
  database: Database;
  logger: Logger;
  production?: boolean;
  /** Benchmarks only: serve without the shield layer to measure what it costs. */
  permissions?: boolean;
  /** Benchmarks only: serve without the access log to measure what it costs. */
  accessLog?: boolean;
  /** Rate limits per minute; each unset one comes from its RATE_LIMIT_* variable (README, Settings). */
  rateLimits?: Partial<RateLimits>;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For names the client address (default from TRUST_PROXY, else none). */
  trustProxy?: boolean | number | string;
  /** Stack traces in error answers: off unless asked for (GRAPHQL_STACK_TRACES=true), never in production. */
  stackTraces?: boolean;
  /** Introspection; defaults to on outside production (GRAPHQL_INTROSPECTION=true turns it on there). */
  introspection?: boolean;
  /** How POST /ingest writes loads (batch size, lanes); the defaults suit bulk loads. */
  ingestion?: IngestOptions;
  /** Extra routes mounted before the JSON 404 (benchmarks only). */
  mount?: (app: Express) => void;
  /** Serve the Apollo Federation 2 subgraph (default): the same schema plus `_entities` and `_service`. */
  federated?: boolean;
  /** Bearer token for GET /metrics (default METRICS_TOKEN); production serves no metrics without one. */
  metricsToken?: string;
  /** Origins browsers may call from (default CORS_ORIGINS, comma-separated); none when empty. */
  corsOrigins?: string[];
  /** Checkpoint signing key and cadence, witnesses; each unset one from its TRANSPARENCY_* variable. */
  transparency?: Partial<TransparencySettings>;
}

/** A client's x-request-id is kept only in this bounded form (it reaches logs and the access log); otherwise one is generated. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** TRUST_PROXY as Express takes it: true/false, a hop count, or addresses and subnets. */
function trustProxyFromEnv(value = process.env.TRUST_PROXY): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

export async function createExchangeServer(options: ServerOptions): Promise<ExchangeServer> {
  const { database, logger } = options;
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const federated = options.federated ?? true;
  const built = federated ? await buildExchangeSubgraph() : await buildExchangeSchema();
  const schema = options.permissions === false ? built : applyMiddleware(built, exchangeShield(built, federated ? federationRules : undefined));
  const armor = armorPlugins(production);
  // Who is asking, kept between requests and dropped at every announced access change.
  const access = new AccessCache(database);
  await access.start();
  const admission = new Admission(database, { ...rateLimitsFromEnv(), ...options.rateLimits }, access);

  // Signs checkpoints of the access log's Merkle tree (the tree itself grows with each append).
  const checkpoints = new CheckpointSigner(database.db, { ...transparencyFromEnv(), ...options.transparency }, (err) =>
    logger.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'checkpoint signing failed'),
  );
  useCheckpointSigner(database.db, checkpoints);

  // Loads in progress (their cross-check backlog is a metric); aborted on shutdown.
  const loads = new Set<Ingestion>();
  const stopping = new AbortController();
  const metrics = new ExchangeMetrics(database, () => [...loads].reduce((n, l) => n + l.crossCheckBacklog, 0));
  const appender = new ObservedAppender(database.db, metrics, (size) => checkpoints.appended(size));

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // Apollo's own messages (start-up, failed plugins) go through the same structured log.
    logger: logger.child({ component: 'apollo' }),
    // The shutdown (shutdown.ts) stops Apollo after the requests in flight; Apollo's own signal
    // handlers would stop it at once and fail them.
    stopOnTerminationSignals: false,
    formatError: formatError(production),
    includeStacktraceInErrorResponses: !production && (options.stackTraces ?? process.env.GRAPHQL_STACK_TRACES === 'true'),
    introspection: options.introspection ?? (!production || process.env.GRAPHQL_INTROSPECTION === 'true'),
    // One operation per HTTP request: batches would slip past the per-request limits.
    allowBatchedHttpRequests: false,
    validationRules: [...armor.validationRules, noHistoryInsideHistory],
    parseOptions: { maxTokens: queryLimits.maxTokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are set or read here; its hook on every field cost about 1% of a profile read.
      ApolloServerPluginCacheControlDisabled(),
      // No router here asks for federated traces; they would cost every request.
      ...(federated ? [ApolloServerPluginInlineTraceDisabled()] : []),
      ...armor.plugins,
      queryCostPlugin(),
      storableTextPlugin(),
      // Before the access log: a withheld answer is logged as refused.
      databaseOutagePlugin(),
      requestReportPlugin(),
      gateSpansPlugin(),
      accessChangesPlugin(access),
      ...(options.accessLog === false ? [] : [accessLogPlugin(appender)]),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Failed keys are counted per client address (Admission): behind a proxy, name the proxy.
  app.set('trust proxy', options.trustProxy ?? trustProxyFromEnv());
  // Shutting down: every answer closes its connection, so clients stop sending on it.
  app.use((_req, res, next) => {
    if (stopping.signal.aborted) res.setHeader('connection', 'close');
    next();
  });
  // A span per request, active for all it does (off unless OTEL_* configures tracing).
  app.use(requestSpans());
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
      // The request line says what was asked and how it ended: operation, principal (by id,
      // never its key), purpose, outcome and error codes. A refusal answered with status 200
      // is still an outcome "refused"; a failure logs at error.
      customProps: (req, res) => {
        if (!res.writableEnded) return {};
        const r = reportOf(req as express.Request);
        return {
          operation: r.operation,
          operationType: r.operationType,
          principalId: r.principalId,
          principalKind: r.principalKind,
          purpose: r.purpose,
          outcome: outcomeOf(r, res.statusCode),
          ...(r.codes.length > 0 ? { errorCodes: r.codes } : {}),
        };
      },
      customLogLevel: (req, res, err) => (err || outcomeOf(reportOf(req as express.Request), res.statusCode) === 'failed' ? 'error' : 'info'),
      customSuccessMessage: (req, res) => {
        const r = reportOf(req as express.Request);
        const path = ((req as express.Request).originalUrl ?? req.url ?? '').split('?')[0];
        const what = r.route === 'graphql' ? `graphql ${r.operationType ?? 'request'} ${r.operation ?? '(anonymous)'}` : `${req.method} ${path}`;
        return `${what} ${outcomeOf(r, res.statusCode)}${r.codes.length > 0 ? `: ${r.codes.join(', ')}` : ''}`;
      },
    }),
  );
  // Metrics and the request's span hear the same report when the response has gone.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    const r = reportOf(req);
    res.on('finish', () => {
      const outcome = outcomeOf(r, res.statusCode);
      metrics.requestDone(r, outcome, Number(process.hrtime.bigint() - started) / 1e9);
      requestSpanOf(req)?.setAttributes({
        'exchange.outcome': outcome,
        ...(r.operation ? { 'graphql.operation.name': r.operation } : {}),
        ...(r.principalKind ? { 'exchange.principal.kind': r.principalKind } : {}),
        ...(r.purpose ? { 'exchange.purpose': r.purpose } : {}),
        ...(r.codes.length > 0 ? { 'exchange.error_codes': r.codes } : {}),
      });
    });
    next();
  });
  mountCors(app, options.corsOrigins ?? corsOriginsFromEnv());
  metrics.mount(app, options.metricsToken ?? process.env.METRICS_TOKEN, production);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (stopping.signal.aborted) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    try {
      await database.ping();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  // Bulk NDJSON, streamed line by line: mounted apart from /graphql and its body size limit.
  mountIngest(app, database, logger, admission, options.ingestion, {
    stopping: stopping.signal,
    started: (load) => loads.add(load),
    ended: (load, sourceId, counts) => {
      loads.delete(load);
      if (!counts) return;
      for (const outcome of ['created', 'versioned', 'unchanged', 'rejected'] as const) {
        if (counts[outcome]) metrics.ingested.inc({ source: String(sourceId), outcome }, counts[outcome]);
      }
    },
  });
  mountGraphiql(app, { production, demoKeysExist: () => demoKeysExist(database.db) });
  mountTransparency(app, database, checkpoints, (req) => admission.authenticate(req));
  mountRecordFormats(app);
  checkpoints.start();
  app.use(
    '/graphql',
    express.json({
      limit: queryLimits.maxBodyBytes,
      // Invalid UTF-8 would be decoded to U+FFFD and stored: refuse the body instead.
      verify: (_req, _res, body) => {
        if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8'), { status: 400, type: 'encoding.invalid' });
      },
    }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const report = reportOf(req);
        try {
          const principal = await admission.authenticate(req);
          report.principalId = principal.id;
          report.principalKind = principal.kind;
          await admission.requests.spend(String(principal.id));
          const requestId = (req as unknown as { id: string }).id;
          return await createRequestContext({
            requestId,
            principal,
            database,
            access,
            log: logger.child({ requestId, principalId: principal.id }),
            report,
            entityRequest: federated ? readEntityRequestHeaders(req.headers) : undefined,
          }).catch((err: unknown) => Promise.reject(isDatabaseUnavailable(err) ? serviceUnavailable() : err));
        } catch (err) {
          // Refused before any plugin runs (no key, rate limit, database gone): the log and metrics still say why.
          noteCode(report, errorCodeOf(err));
          if (errorCodeOf(err) === 'INTERNAL_SERVER_ERROR') logger.error({ cause: causeOf(err), requestId: (req as unknown as { id: string }).id }, 'request context failed');
          throw err;
        }
      },
    }),
  );

  // Routes of the caller's own (the benchmark's statement counter), before the 404 below.
  options.mount?.(app);

  // Any other path: a JSON 404, not Express's HTML page (nor the path echoed back).
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'No such path on this server', extensions: { code: 'NOT_FOUND' } }] });
  });

  // Body-parser failures (too large, not JSON) answer in GraphQL's shape, not as an HTML page.
  app.use((err: { status?: number; type?: string }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!err || typeof err.status !== 'number' || err.status >= 500) return next(err);
    const tooLarge = err.type === 'entity.too.large';
    res.status(err.status).json({
      errors: [
        tooLarge
          ? { message: `Request body exceeds ${queryLimits.maxBodyBytes}`, extensions: { code: 'QUERY_TOO_COMPLEX' } }
          : err.type === 'encoding.invalid'
            ? { message: 'The request body is not valid UTF-8 text', extensions: { code: 'BAD_USER_INPUT' } }
            : { message: 'The request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
  });
  // Everything else that reached Express: JSON, 503 when the database is gone, never HTML or a stack.
  app.use((err: unknown, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(err);
    if (!isDatabaseUnavailable(err)) logger.error({ cause: causeOf(err), requestId: (req as unknown as { id: string }).id }, 'request failed');
    sendJsonError(res, err);
  });

  return {
    app,
    apollo,
    schema,
    metrics,
    drain: () => stopping.abort(),
    stop: async () => {
      stopping.abort();
      await appender.flushed();
      checkpoints.stop();
      await apollo.stop();
      await access.close();
    },
  };
}
