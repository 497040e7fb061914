import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { Request } from 'express';
import type { RequestContext } from '../kernel/context.js';
import { isDatabaseUnavailable } from '../db/client.js';

/**
 * What an operator needs to know of one request, filled in as it goes (principal by the
 * context, operation, purpose and error codes by the GraphQL plugin below) and read once when
 * the response has gone: by the request log line, the metrics and the request's span.
 */
export interface RequestReport {
  route: 'graphql' | 'ingest' | 'other';
  operation?: string;
  operationType?: string;
  principalId?: number;
  principalKind?: string;
  purpose?: string;
  /** The `extensions.code` of every error in the answer, in order, without repeats. */
  codes: string[];
  /** Counts per code (a batch query may refuse several persons for want of consent). */
  codeCounts: Record<string, number>;
}

const REPORT = Symbol('requestReport');

export function reportOf(req: Request): RequestReport {
  const holder = req as unknown as { [REPORT]?: RequestReport };
  if (!holder[REPORT]) {
    // originalUrl: under app.use('/graphql', ...) Express shortens req.url to the rest of the path.
    const path = (req.originalUrl ?? req.url).split('?')[0]!;
    holder[REPORT] = { route: path === '/graphql' || path.startsWith('/graphql/') ? 'graphql' : path === '/ingest' ? 'ingest' : 'other', codes: [], codeCounts: {} };
  }
  return holder[REPORT];
}

export function noteCode(report: RequestReport, code: string): void {
  if (!report.codes.includes(code)) report.codes.push(code);
  report.codeCounts[code] = (report.codeCounts[code] ?? 0) + 1;
}

/** Codes that say the server failed, not the caller: they count as failures and log at error. */
const SERVER_CODES = new Set(['INTERNAL_SERVER_ERROR', 'SERVICE_UNAVAILABLE']);

/** ok: answered in full; refused: an error the caller can act on (4xx-like); failed: the server's fault. */
export function outcomeOf(report: RequestReport, status: number): 'ok' | 'refused' | 'failed' {
  if (status >= 500 || report.codes.some((c) => SERVER_CODES.has(c))) return 'failed';
  if (status >= 400 || report.codes.length > 0) return 'refused';
  return 'ok';
}

/**
 * The cause of an unexpected failure, fit for the log: each error of the cause chain by name,
 * code and message, and the innermost stack. drizzle's message carries the statement's
 * parameters (personal data) after "params:", and PostgreSQL's `detail` the offending values:
 * both stay out.
 */
export function causeOf(err: unknown): Record<string, unknown> {
  const chain: { name: string; code?: unknown; message: string }[] = [];
  let stack: string | undefined;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) {
    chain.push({ name: e.name, code: (e as { code?: unknown }).code, message: e.message.replace(/\nparams:[\s\S]*$/, '').slice(0, 2000) });
    // The outermost stack: it runs through the exchange's own code.
    stack ??= e.stack?.replace(/\nparams:[\s\S]*?\n(\s+at )/, '\n$1');
  }
  if (chain.length === 0) return { message: String(err) };
  return { ...chain[0], causes: chain.slice(1), stack };
}

/**
 * Fills the request's report from the GraphQL side: operation name and type, the declared
 * purpose (a root field's `purpose` argument, or a gateway's x-exchange-purpose), every error
 * code; and logs the real cause of every unexpected error with the request id. The answer
 * itself keeps only the generic message (format-error.ts).
 */
export function requestReportPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const report = contextValue.report;
      if (contextValue.entityRequest?.purpose) report.purpose = contextValue.entityRequest.purpose;
      return {
        async didResolveOperation({ operationName, operation }) {
          report.operation = operationName ?? undefined;
          report.operationType = operation?.operation;
        },
        async executionDidStart() {
          return {
            willResolveField({ args, info }) {
              // Root fields only: a field at the top of the response path.
              if (info.path.prev === undefined && typeof args.purpose === 'string') report.purpose ??= args.purpose;
            },
          };
        },
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const intended = original instanceof GraphQLError && typeof original.extensions?.code === 'string';
            if (intended || error.extensions?.code !== undefined) continue;
            if (isDatabaseUnavailable(original)) contextValue.log.warn({ cause: causeOf(original) }, 'database unavailable');
            else contextValue.log.error({ cause: causeOf(original), path: error.path?.join('.') }, 'unexpected error: the client was told only "Internal server error"');
          }
        },
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          for (const e of errors ?? []) noteCode(report, String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        },
      };
    },
  };
}
