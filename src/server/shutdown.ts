import type { Server } from 'node:http';
import { createHttpTerminator } from 'http-terminator';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import type { ExchangeServer } from './app.js';
import type { Tracing } from './tracing.js';

/** SHUTDOWN_GRACE_MS: how long a shutdown may take before the process exits anyway (default 25 s, under Kubernetes' 30 s). */
export function shutdownGraceFromEnv(value = process.env.SHUTDOWN_GRACE_MS): number {
  const ms = Number(value ?? 25_000);
  return Number.isFinite(ms) && ms > 0 ? ms : 25_000;
}

/**
 * SHUTDOWN_DRAIN_MS: how long the server keeps accepting after the signal, answering 503 on
 * /readyz (default 1 s). Requests a client sent just before the signal may still wait in the
 * accept queue or unread on a socket; closing at once would reset them. Behind a load balancer,
 * set it above the balancer's health-check interval so it stops sending first.
 */
export function shutdownDrainFromEnv(value = process.env.SHUTDOWN_DRAIN_MS): number {
  const ms = Number(value ?? 1_000);
  return Number.isFinite(ms) && ms >= 0 ? ms : 1_000;
}

export interface ShutdownParts {
  http: Server;
  server: ExchangeServer;
  database: Database;
  logger: Logger;
  tracing?: Tracing | null;
  graceMs: number;
  drainMs: number;
}

/**
 * A clean stop: say so on /readyz and stop loads after the lines already read (they report
 * where), keep accepting for `drainMs`, then refuse new connections and let the requests in
 * flight finish, wait for their access-log appends, close the database pool, flush traces,
 * log one line. Returns the exit code: 0, or 1 when the grace period ran out first.
 */
export function gracefulShutdown(parts: ShutdownParts): (signal: string) => Promise<number> {
  const { http, server, database, logger, tracing, graceMs, drainMs } = parts;
  // Requests still running after the grace period are cut (their connections destroyed).
  const terminator = createHttpTerminator({ server: http, gracefulTerminationTimeout: Math.max(100, graceMs - drainMs - 2_000) });
  let running: Promise<number> | null = null;
  return (signal) => {
    running ??= (async () => {
      const started = Date.now();
      logger.info({ signal, graceMs, drainMs }, 'shutting down: not ready any more; finishing the requests in flight');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
        timer.unref();
      });
      const steps = (async () => {
        server.drain();
        await new Promise((resolve) => setTimeout(resolve, drainMs));
        await terminator.terminate();
        await server.stop();
        await tracing?.shutdown().catch((err: unknown) => logger.warn({ err: { message: String(err) } }, 'trace export failed at shutdown'));
        await database.close();
        return 'done' as const;
      })();
      try {
        const outcome = await Promise.race([steps, deadline]);
        if (outcome === 'late') {
          logger.error({ signal, elapsedMs: Date.now() - started }, 'shutdown ran past its grace period: exiting with requests unfinished');
          return 1;
        }
        logger.info({ signal, elapsedMs: Date.now() - started }, 'shutdown complete: requests answered, access log written, database closed');
        return 0;
      } catch (err) {
        logger.error({ signal, err: { message: err instanceof Error ? err.message : String(err) } }, 'shutdown failed');
        return 1;
      } finally {
        clearTimeout(timer);
      }
    })();
    return running;
  };
}
