import { SpanStatusCode } from '@opentelemetry/api';
import type { Db } from '../db/client.js';
import { AccessLogAppender, type PendingEntry } from '../audit/access-log.service.js';
import type { ExchangeMetrics } from './metrics.js';
import { tracer } from './tracing.js';

/**
 * The access log's appender as the server runs it: each append timed (metrics), traced as a
 * child of its request, and tracked, so that a shutdown waits for every append under way.
 */
export class ObservedAppender extends AccessLogAppender {
  private readonly underWay = new Set<Promise<void>>();

  constructor(
    db: Db,
    private readonly metrics: ExchangeMetrics,
    appended?: (treeSize: number) => void,
  ) {
    super(db, undefined, appended, (requests) => metrics.accessLogGroupSize.observe(requests));
  }

  override append(entries: PendingEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const timer = this.metrics.accessLogAppendSeconds.startTimer();
    const appending = tracer().startActiveSpan('access_log.append', { attributes: { 'exchange.access_log.entries': entries.length } }, (span) =>
      super.append(entries).then(
        () => {
          timer();
          span.end();
        },
        (err: unknown) => {
          this.metrics.accessLogFailures.inc();
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message.slice(0, 500) : String(err) });
          span.end();
          throw err;
        },
      ),
    );
    this.underWay.add(appending);
    const done = () => this.underWay.delete(appending);
    appending.then(done, done);
    return appending;
  }

  /** Resolves once every append under way has committed or failed. */
  async flushed(): Promise<void> {
    await Promise.allSettled([...this.underWay]);
  }
}
