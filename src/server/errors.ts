import { GraphQLError } from 'graphql';

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
