import { timingSafeEqual } from 'node:crypto';
import type { Express, Request } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bearerToken } from '../access/principal.js';
import type { Database } from '../db/client.js';
import type { RequestReport } from './request-report.js';

/** Operation names come from clients: only this many distinct ones get a label value of their own. */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The exchange's Prometheus metrics, one registry per server (tests run several servers in
 * one process). Label values are bounded: operation names are capped, principals appear by
 * kind only, sources by id.
 */
export class ExchangeMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();

  readonly requests = new Counter({
    name: 'cx_requests_total',
    help: 'Requests answered, by route, GraphQL operation name, principal kind, outcome (ok, refused, failed) and first error code',
    labelNames: ['route', 'operation', 'principal_kind', 'outcome', 'code'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'cx_graphql_errors_total',
    help: 'GraphQL errors in answers, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'cx_request_duration_seconds',
    help: 'Time from the request to the end of the response, by route and GraphQL operation name',
    labelNames: ['route', 'operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly consentRefusals = new Counter({
    name: 'cx_consent_refusals_total',
    help: 'Profiles refused for want of consent (CONSENT_REQUIRED), by declared purpose',
    labelNames: ['purpose'] as const,
    registers: [this.registry],
  });
  readonly accessLogAppendSeconds = new Histogram({
    name: 'cx_access_log_append_seconds',
    help: "Time a request waits for its access-log entries to be durable (its group's commit included)",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly accessLogGroupSize = new Histogram({
    name: 'cx_access_log_group_requests',
    help: 'Requests whose entries one access-log commit wrote (group commit)',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  readonly accessLogFailures = new Counter({
    name: 'cx_access_log_append_failures_total',
    help: 'Access-log appends that failed (the response was withheld)',
    registers: [this.registry],
  });
  readonly ingested = new Counter({
    name: 'cx_ingested_records_total',
    help: 'Records received by POST /ingest, by source id and outcome (created, versioned, unchanged, rejected)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(database: Database, crossCheckBacklog: () => number) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cx_' });
    new Gauge({
      name: 'cx_cross_check_queue_depth',
      help: 'Persons changed by loads in progress and still waiting for their cross-check',
      registers: [this.registry],
      collect() {
        this.set(crossCheckBacklog());
      },
    });
    const pool = database.poolStatistics;
    new Gauge({
      name: 'cx_db_pool_connections',
      help: 'Database pool connections, by state: in_use, idle, waiting (requests queued for a connection)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const s = pool?.() ?? { total: 0, idle: 0, waiting: 0 };
        this.set({ state: 'in_use' }, s.total - s.idle);
        this.set({ state: 'idle' }, s.idle);
        this.set({ state: 'waiting' }, s.waiting);
      },
    });
  }

  /** A bounded label for a client's operation name. */
  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  requestDone(report: RequestReport, outcome: string, seconds: number): void {
    const operation = report.route === 'graphql' ? this.operationLabel(report.operation) : '';
    this.requests.inc({ route: report.route, operation, principal_kind: report.principalKind ?? 'none', outcome, code: report.codes[0] ?? '' });
    this.latency.observe({ route: report.route, operation }, seconds);
    for (const [code, n] of Object.entries(report.codeCounts)) this.errors.inc({ code }, n);
    const refusals = report.codeCounts.CONSENT_REQUIRED ?? 0;
    if (refusals > 0) this.consentRefusals.inc({ purpose: report.purpose && OPERATION_NAME.test(report.purpose) ? report.purpose : 'unknown' }, refusals);
  }

  /**
   * GET /metrics. Open in development; with METRICS_TOKEN set (required in production), only
   * with `Authorization: Bearer <token>`: the figures tell load and failure rates per caller kind.
   */
  mount(app: Express, token: string | undefined, production: boolean): void {
    app.get('/metrics', async (req, res) => {
      if (production && !token) {
        res.status(403).json({ errors: [{ message: 'Metrics are served in production only with METRICS_TOKEN set', extensions: { code: 'FORBIDDEN' } }] });
        return;
      }
      if (token && !tokenMatches(req, token)) {
        res.status(401).set('www-authenticate', 'Bearer').json({ errors: [{ message: 'A valid metrics token is required (Authorization: Bearer <token>)', extensions: { code: 'UNAUTHENTICATED' } }] });
        return;
      }
      res.set('content-type', this.registry.contentType).send(await this.registry.metrics());
    });
  }
}

function tokenMatches(req: Request, token: string): boolean {
  const given = Buffer.from(bearerToken(req.header('authorization')) ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
