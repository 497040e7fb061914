import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { planProfileReads } from '../profile/read-plan.js';
import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../kernel/context.js';
import type { PersonView } from '../records/shared/person.types.js';
import { openProfilesById } from '../access/gate.js';
import { MAX_BATCH } from '../profile/profile.service.js';
import { badInput } from '../kernel/errors.js';
import { entityRequestOf } from './entity-request.js';

/** One loader per request, so every representation of an `_entities` call meets the gate in one batch. */
const loaders = new WeakMap<RequestContext, DataLoader<string, PersonView>>();

function personEntities(ctx: RequestContext, info: GraphQLResolveInfo): DataLoader<string, PersonView> {
  let loader = loaders.get(ctx);
  if (!loader) {
    // Every representation shares the `_entities` selection: the batch's reads are planned once.
    loader = new DataLoader<string, PersonView>(async (ids) => {
      const decided = await openEntities(ctx, [...ids]);
      await planProfileReads(ctx, info, decided);
      return decided;
    });
    loaders.set(ctx, loader);
  }
  return loader;
}

async function openEntities(ctx: RequestContext, ids: string[]): Promise<(PersonView | GraphQLError)[]> {
  let request;
  try {
    if (ids.length > MAX_BATCH) throw badInput(`At most ${MAX_BATCH} Person representations per request`, { argument: 'representations' });
    request = entityRequestOf(ctx);
  } catch (err) {
    // Shield refuses these at Query._entities already; this keeps the gate closed (and logged) without it.
    const e = err as GraphQLError;
    ctx.audit.refused(null, String(e.extensions.code), { purpose: ctx.entityRequest?.purpose ?? null, caseReference: ctx.entityRequest?.caseReference ?? null, licenceId: ctx.licence?.id ?? null }, 'Query._entities');
    throw err;
  }
  const { consentArtefacts, ...rest } = request;
  return openProfilesById(ctx, ids, { ...rest, consentArtefacts: { bySubject: consentArtefacts } });
}

/**
 * `Person.__resolveReference`: a router's representation `{ __typename: "Person", id }` opens
 * the profile through the one gate, exactly as `person(nationalId, purpose)` does. A refused
 * entity rejects with the gate's error, so it comes back null with that error at its index.
 */
export function resolvePersonReference(reference: { id?: unknown }, ctx: RequestContext, info: GraphQLResolveInfo): Promise<PersonView> {
  return personEntities(ctx, info).load(String(reference.id ?? ''));
}
