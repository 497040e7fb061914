import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { LIMIT_MESSAGE } from './limits.js';
import { isDatabaseUnavailable } from '../db/client.js';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../kernel/errors.js';

/**
 * graphql-js appends suggestions to validation and coercion messages ("Did you mean the enum
 * value ...?", arguments, types); the armor strips only field suggestions. Each one names a
 * part of the schema, which production does not reveal.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Errors the exchange raises on purpose (GraphQLError with a code) pass through. A lost
 * database is SERVICE_UNAVAILABLE. Anything else is unexpected: in production its message
 * (which may hold SQL) is replaced.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const intended = original instanceof GraphQLError && typeof original.extensions?.code === 'string';
    if (!intended && isDatabaseUnavailable(original)) {
      return { message: SERVICE_UNAVAILABLE_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
    }
    if (LIMIT_MESSAGE.test(formatted.message)) {
      return { message: formatted.message.replace(/^Syntax Error: /, ''), locations: formatted.locations, extensions: { code: 'QUERY_TOO_COMPLEX' } };
    }
    const code = formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR' && !intended && production) {
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    const message = production ? formatted.message.replace(SUGGESTION, '') : formatted.message;
    return message === formatted.message ? formatted : { ...formatted, message };
  };
}
