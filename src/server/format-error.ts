import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { LIMIT_MESSAGE } from './limits.js';

/**
 * Errors the exchange raises on purpose (GraphQLError with a code) pass through. Anything
 * else is unexpected: in production its message (which may hold SQL) is replaced.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const intended = original instanceof GraphQLError && typeof original.extensions?.code === 'string';
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
    return formatted;
  };
}
