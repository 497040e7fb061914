import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable } from '../db/client.js';
import type { RequestContext } from './context.js';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../kernel/errors.js';

/**
 * A GraphQL request that met a database failure answers 503 SERVICE_UNAVAILABLE as a whole:
 * a profile with sections missing because of an outage would read as a person without those
 * records. Its data is withheld, and the access log records the reads as refused, not disclosed
 * (the recorder is told before the access-log plugin writes its entries in willSendResponse).
 */
export function databaseOutagePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let failed = false;
      return {
        async didEncounterErrors({ errors, contextValue }) {
          if (failed || !errors.some((e) => isDatabaseUnavailable(e))) return;
          failed = true;
          contextValue.audit?.withhold('SERVICE_UNAVAILABLE');
        },
        async willSendResponse({ response }) {
          if (!failed) return;
          response.http.status = 503;
          response.body = { kind: 'single', singleResult: { errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } }] } };
        },
      };
    },
  };
}
