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

export interface ShutdownParts {
  http: Server;
  server: ExchangeServer;
  database: Database;
  logger: Logger;
  tracing?: Tracing | null;
  graceMs: number;
}

/**
 * A clean stop: refuse new connections and say so on /readyz, let the requests in flight
 * finish (loads stop after the lines already read and report where), wait for their
 * access-log appends, close the database pool, flush traces, log one line. Returns the exit
 * code: 0, or 1 when the grace period ran out first.
 */
export function gracefulShutdown(parts: ShutdownParts): (signal: string) => Promise<number> {
  const { http, server, database, logger, tracing, graceMs } = parts;
  // Requests still running after the grace period are cut (their connections destroyed).
  const terminator = createHttpTerminator({ server: http, gracefulTerminationTimeout: Math.max(100, graceMs - 2_000) });
  let running: Promise<number> | null = null;
  return (signal) => {
    running ??= (async () => {
      const started = Date.now();
      logger.info({ signal, graceMs }, 'shutting down: no new connections; finishing the requests in flight');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
        timer.unref();
      });
      const steps = (async () => {
        server.drain();
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
