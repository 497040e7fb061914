import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestContext } from '../kernel/context.js';
import { errorCodeOf } from '../kernel/errors.js';
import { tracer } from './tracing.js';

/** Where a profile is reached: the gate decides there (licence, purpose, consent). */
const entryPoints = new Set(['Query.person', 'Query.persons', 'Me.person', 'Query._entities']);

/**
 * A child span of the request for each profile entry point, with the gate's decision:
 * `allowed`, or `refused` and the code (CONSENT_REQUIRED, LICENCE_INACTIVE, ...).
 */
export function gateSpansPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      // No recording request span (tracing off): no hook on any field.
      if (!trace.getActiveSpan()?.isRecording()) return {};
      return {
        async executionDidStart() {
          return {
            willResolveField({ info, args }) {
              const coordinate = `${info.parentType.name}.${info.fieldName}`;
              if (!entryPoints.has(coordinate)) return undefined;
              const span = tracer().startSpan('exchange.gate', {
                attributes: { 'exchange.gate.field': coordinate, ...(typeof args.purpose === 'string' ? { 'exchange.purpose': args.purpose } : {}) },
              });
              if (!span.isRecording()) return undefined;
              return (error, result) => {
                const failure = error ?? (result instanceof Error ? result : null);
                span.setAttribute('exchange.gate.decision', failure ? 'refused' : 'allowed');
                if (failure) {
                  span.setAttribute('exchange.gate.code', errorCodeOf(failure));
                  if (errorCodeOf(failure) === 'INTERNAL_SERVER_ERROR') span.setStatus({ code: SpanStatusCode.ERROR });
                }
                span.end();
              };
            },
          };
        },
      };
    },
  };
}
