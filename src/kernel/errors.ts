import { GraphQLError } from 'graphql';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../db/client.js';

/** The error codes of the public contract (DESIGN.md). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONSENT_REQUIRED'
  | 'LICENCE_INACTIVE'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export function exchangeError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badInput = (message: string, extensions: Record<string, unknown> = {}) =>
  exchangeError('BAD_USER_INPUT', message, extensions);

export const unauthenticated = () =>
  exchangeError('UNAUTHENTICATED', 'A valid API key is required (Authorization: Bearer <key>)', {
    http: { status: 401 },
  });

export const SERVICE_UNAVAILABLE_MESSAGE = 'The database is unavailable; nothing was disclosed, retry later';

/** The database cannot be reached: a 503 the caller may retry, never a 500. */
export const serviceUnavailable = () =>
  exchangeError('SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE, { http: { status: 503 } });

/** The code an error answers with: its own, SERVICE_UNAVAILABLE for a lost database, else INTERNAL_SERVER_ERROR. */
export function errorCodeOf(err: unknown): string {
  if (err instanceof GraphQLError && typeof err.extensions?.code === 'string') return err.extensions.code;
  return isDatabaseUnavailable(err) ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
}

/**
 * An error as a JSON answer on the paths outside GraphQL (/ingest, unknown paths, Express's
 * own errors), in GraphQL's error shape: never Express's HTML page, never a stack trace.
 */
export function sendJsonError(res: Response, err: unknown): void {
  const known =
    err instanceof GraphQLError && typeof err.extensions?.code === 'string'
      ? err
      : isDatabaseUnavailable(err)
        ? serviceUnavailable()
        : exchangeError('INTERNAL_SERVER_ERROR', 'Internal server error');
  const { http, ...extensions } = known.extensions as { http?: { status?: number; headers?: Map<string, string> } };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  res.status(http?.status ?? 500).json({ errors: [{ message: known.message, extensions }] });
}
