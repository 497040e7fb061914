import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { RequestContext } from '../kernel/context.js';
import { profileFields, ungrantedDisclosures } from '../access/catalogue.js';
import type { AccessLogAppender } from './access-log.service.js';
import { isDatabaseUnavailable } from '../db/client.js';
import { errorCodeOf } from '../kernel/errors.js';

/** Root fields through which a profile is reached; a refusal before the gate is logged here. */
const profileEntryPoints = new Set(['Query.person', 'Query.persons', 'Me.person', 'Query._entities']);

/** graphql-shield returns (not throws) its refusals: an Error as the value is a denial too. */
const outcome = (error: unknown, result: unknown) => {
  const failure = error ?? (result instanceof Error ? result : null);
  return { failure, disclosed: !failure && result !== null && result !== undefined };
};


/**
 * Fail-closed access logging. Field hooks note what each person's fields disclosed; before
 * the response leaves, the request's entries are appended. If that fails, the response is
 * replaced by an error and carries no data at all.
 */
export function accessLogPlugin(appender: AccessLogAppender): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart() {
          return {
            willResolveField({ source, args, info, contextValue }) {
              const parent = info.parentType.name;
              const coordinate = `${parent}.${info.fieldName}`;
              const audit = contextValue.audit;
              if (parent === 'Person' && (coordinate in profileFields || ungrantedDisclosures.has(coordinate))) {
                const personId = (source as { id: string }).id;
                return (error, result) => audit.field(personId, coordinate, outcome(error, result).disclosed);
              }
              if (parent === 'IdentityRecord' && coordinate in profileFields) {
                const personId = (source as { view?: { id: string } }).view?.id;
                if (!personId) return undefined;
                return (error, result) => audit.field(personId, coordinate, outcome(error, result).disclosed);
              }
              if (profileEntryPoints.has(coordinate)) {
                const before = audit.decisions;
                return (error, result) => {
                  const { failure } = outcome(error, result);
                  if (failure && audit.decisions === before) {
                    audit.refused(null, errorCodeOf(failure), { purpose: (args.purpose as string) ?? null, caseReference: (args.caseReference as string) ?? null, licenceId: contextValue.licence?.id ?? null }, coordinate);
                  }
                };
              }
              return undefined;
            },
          };
        },
        async willSendResponse({ contextValue, response, operationName, queryHash }) {
          const ctx = contextValue as RequestContext | undefined;
          if (!ctx?.audit || ctx.audit.size === 0) return;
          try {
            await appender.append(ctx.audit.entries(ctx.principal, ctx.requestId, operationName ?? null, queryHash ?? ''));
          } catch (err) {
            // A consent artefact revoked or spent while the request ran: logged as refused, answered so.
            if (err instanceof GraphQLError && err.extensions.code === 'CONSENT_REQUIRED') {
              response.http.status = 200;
              response.body = { kind: 'single', singleResult: { data: null, errors: [{ message: err.message, extensions: err.extensions }] } };
              return;
            }
            ctx.log.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'access log append failed: response withheld');
            response.http.status = 503;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  {
                    message: 'The access log could not be written, so no data was disclosed; retry later',
                    extensions: { code: isDatabaseUnavailable(err) ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR', reason: 'ACCESS_LOG_UNAVAILABLE' },
                  },
                ],
              },
            };
          }
        },
      };
    },
  };
}
