import { and, rule } from 'graphql-shield';
import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../kernel/context.js';
import { isAuthenticated, readsProfiles, type RuleTree } from '../access/access.rules.js';
import { entityRequestOf } from './entity-request.js';

/** A federated read without a valid declared purpose is refused before any person is looked up. */
const declaresPurpose = rule('declaresEntityPurpose', { cache: 'contextual' })((_p, _a, ctx: RequestContext) => {
  try {
    entityRequestOf(ctx);
    return true;
  } catch (err) {
    return err as GraphQLError;
  }
});

/**
 * Rules for the fields federation adds (only the subgraph has them: shield throws on rules
 * for types a schema lacks). Shield cannot see `Person.__resolveReference`; the gate
 * (access/gate.ts via person.reference.ts) decides per entity, and shield then guards every
 * Person field after it as for `person`.
 */
export const federationRules: RuleTree = {
  Query: {
    _entities: and(readsProfiles, declaresPurpose),
    // The SDL is public (schema/subgraph.graphql); routers fetch it with their own key.
    _service: isAuthenticated,
  },
  _Service: { sdl: isAuthenticated },
};
