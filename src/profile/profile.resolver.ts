import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import type { RequestContext } from '../kernel/context.js';
import { openProfiles } from '../access/gate.js';
import { badInput } from '../kernel/errors.js';
import { Person, type PersonView } from '../records/shared/person.types.js';
import { Purpose } from '../kernel/purpose.js';
import { MAX_BATCH } from './profile.service.js';

@Resolver()
export class ProfileResolver {
  @Query(() => Person, {
    nullable: true,
    description: 'One profile, read for a declared purpose, optionally as the exchange knew it at an instant.',
  })
  async person(
    @Ctx() ctx: RequestContext,
    @Arg('nationalId', () => String) nationalId: string,
    @Arg('purpose', () => Purpose) purpose: Purpose,
    @Arg('asOf', () => DateTimeResolver, { nullable: true }) asOf: Date | null,
    @Arg('caseReference', () => String, {
      nullable: true,
      description: 'The application, lease or contract this read serves.',
    })
    caseReference: string | null,
  ): Promise<PersonView> {
    const [result] = await openProfiles(ctx, { nationalIds: [nationalId], purpose, asOf: asOf ?? null, caseReference: caseReference ?? null });
    if (result instanceof Error) throw result;
    return result!;
  }

  @Query(() => [Person], {
    nullable: 'items',
    description: `Many profiles in one request (at most ${MAX_BATCH}); an unavailable one is null with an error at its index.`,
  })
  async persons(
    @Ctx() ctx: RequestContext,
    @Arg('nationalIds', () => [String]) nationalIds: string[],
    @Arg('purpose', () => Purpose) purpose: Purpose,
    @Arg('caseReference', () => String, { nullable: true }) caseReference: string | null,
  ): Promise<(PersonView | Error)[]> {
    if (nationalIds.length > MAX_BATCH) {
      throw badInput(`At most ${MAX_BATCH} national ID numbers per request`, { argument: 'nationalIds' });
    }
    return openProfiles(ctx, { nationalIds, purpose, asOf: null, caseReference: caseReference ?? null });
  }
}
