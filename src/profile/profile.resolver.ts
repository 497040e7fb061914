import { Arg, Ctx, Info, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { planProfileReads } from './read-plan.js';
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
    @Info() info: GraphQLResolveInfo,
    @Arg('nationalId', () => String, { description: "The person's national ID number (18 characters)." }) nationalId: string,
    @Arg('purpose', () => Purpose, { description: "Why the profile is read; the licence must permit it, and most purposes need the subject's consent." }) purpose: Purpose,
    @Arg('asOf', () => DateTimeResolver, { description: 'Read the profile as the exchange knew it at this instant; absent: now.', nullable: true }) asOf: Date | null,
    @Arg('caseReference', () => String, {
      nullable: true,
      description: 'The application, lease or contract this read serves.',
    })
    caseReference: string | null,
    @Arg('consent', () => String, {
      nullable: true,
      description: "A consent artefact: a consent manager's compact JWS naming this person, the caller's organisation and the purpose.",
    })
    consent: string | null,
  ): Promise<PersonView> {
    const [result] = await openProfiles(ctx, {
      nationalIds: [nationalId],
      purpose,
      asOf: asOf ?? null,
      caseReference: caseReference ?? null,
      consentArtefacts: { byIndex: [consent] },
    });
    if (result instanceof Error) throw result;
    await planProfileReads(ctx, info, [result]);
    return result!;
  }

  @Query(() => [Person], {
    nullable: 'items',
    description: `Many profiles in one request (at most ${MAX_BATCH}); an unavailable one is null with an error at its index.`,
  })
  async persons(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('nationalIds', () => [String], { description: 'National ID numbers, at most 100.' }) nationalIds: string[],
    @Arg('purpose', () => Purpose, { description: 'Why the profiles are read.' }) purpose: Purpose,
    @Arg('caseReference', () => String, { description: 'The application, lease or contract the read serves; scorers and partners must give one.', nullable: true }) caseReference: string | null,
    @Arg('consent', () => [String], {
      nullable: 'itemsAndList',
      description: 'Consent artefacts aligned with nationalIds: the one at index i answers for nationalIds[i] (null where none).',
    })
    consent: (string | null)[] | null,
  ): Promise<(PersonView | Error)[]> {
    if (nationalIds.length > MAX_BATCH) {
      throw badInput(`At most ${MAX_BATCH} national ID numbers per request`, { argument: 'nationalIds' });
    }
    if (consent && consent.length !== nationalIds.length) {
      throw badInput('"consent" lists one artefact (or null) per national ID, in the same order', { argument: 'consent' });
    }
    const decided = await openProfiles(ctx, { nationalIds, purpose, asOf: null, caseReference: caseReference ?? null, consentArtefacts: { byIndex: consent ?? [] } });
    await planProfileReads(ctx, info, decided);
    return decided;
  }
}
