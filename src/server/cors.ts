import cors from 'cors';
import type { Express } from 'express';
import { entityRequestHeaders } from '../federation/entity-request.js';

/** CORS_ORIGINS: a comma-separated allow-list of exact origins (scheme, host and port); unset, no origin is allowed. */
export function corsOriginsFromEnv(value = process.env.CORS_ORIGINS): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter((o) => o.length > 0);
}

/**
 * Browsers on the listed origins may call /graphql (and the transparency endpoints) with an
 * API key; any other origin gets no CORS headers, so the browser withholds the answer. A
 * preflight is answered here (204), never by Apollo, whatever its origin.
 */
export function mountCors(app: Express, origins: readonly string[]): void {
  const allowed = new Set(origins);
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'x-request-id', 'apollo-require-preflight', ...entityRequestHeaders],
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  for (const path of ['/graphql', '/transparency']) {
    app.use(path, handler);
    // An origin off the list: no CORS headers, and the preflight still stops here.
    app.options(path, (_req, res) => {
      res.sendStatus(204);
    });
  }
}
