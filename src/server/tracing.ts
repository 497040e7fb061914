import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

/** Looked up at each use: a provider registered (or removed) later is the one that records. */
export const tracer = () => trace.getTracer('credit-exchange');

/** Tracing is off unless the operator configures an exporter through the standard OTEL_* variables. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  if (env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_TRACES_EXPORTER);
}

/** The collector's traces URL as the OTEL_* variables give it (the exporter reads headers itself). */
function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : undefined;
}

export interface Tracing {
  /** Sends what is buffered and stops: part of the shutdown. */
  shutdown: () => Promise<void>;
}

/**
 * Registers a tracer provider exporting over OTLP/HTTP (endpoint, headers and service name
 * from the OTEL_* variables; OTEL_TRACES_EXPORTER=console prints spans instead), or does
 * nothing when tracing is not configured.
 */
export async function setupTracing(logger: Logger, env: NodeJS.ProcessEnv = process.env): Promise<Tracing | null> {
  if (!tracingRequested(env)) return null;
  const { NodeTracerProvider } = await import('@opentelemetry/sdk-trace-node');
  const { BatchSpanProcessor, ConsoleSpanExporter } = await import('@opentelemetry/sdk-trace-base');
  const { resourceFromAttributes } = await import('@opentelemetry/resources');
  const { ATTR_SERVICE_NAME } = await import('@opentelemetry/semantic-conventions');
  const exporter =
    env.OTEL_TRACES_EXPORTER === 'console'
      ? new ConsoleSpanExporter()
      : new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url: otlpTracesUrl(env) });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME ?? 'credit-exchange' }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  logger.info({ exporter: env.OTEL_TRACES_EXPORTER ?? 'otlp', endpoint: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'tracing on');
  return { shutdown: () => provider.shutdown() };
}

const SPAN = Symbol('requestSpan');

export const requestSpanOf = (req: Request): Span | undefined => (req as unknown as { [SPAN]?: Span })[SPAN];

/**
 * One span per request, active for everything the request does: the gate's decision, the SQL
 * statements (db/client.ts) and the access-log append become its children. The request's
 * streams are bound to its context, so work started from their events stays in the trace.
 * Costs nothing while no tracer provider is registered.
 */
export function requestSpans() {
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer().startSpan(`${req.method} ${req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } }, parent);
    if (!span.isRecording()) return next();
    (req as unknown as { [SPAN]?: Span })[SPAN] = span;
    const active = trace.setSpan(parent, span);
    context.bind(active, req);
    context.bind(active, res);
    res.on('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}
