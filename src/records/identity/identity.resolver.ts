import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { IdentityRecord } from './identity.types.js';
import { pickUnifiedIdentity } from './identity.service.js';

@Resolver(() => IdentityRecord)
export class IdentityResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'The year of birth: the basic view of the birth date.' })
  birthYear(@Root() row: { birthDate?: string | null; birthYear?: number }): number | null {
    // The basic view selects the year alone; the full view derives it from the date.
    if (row.birthYear !== undefined) return Number(row.birthYear);
    return row.birthDate ? Number(row.birthDate.slice(0, 4)) : null;
  }
}

/** Identity's fields on the profile; below FULL its rows carry the name and birth year only. */
@Resolver(() => Person)
export class IdentityPersonFields {
  @FieldResolver(() => IdentityRecord, {
    nullable: true,
    description: 'The identity in force: the identity registry’s record where there is one.',
  })
  async identity(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.records.read('identity', person);
    const kinds = await ctx.loaders.records.source().loadMany(rows.map((r) => r.sourceId));
    return pickUnifiedIdentity(rows, kinds);
  }

  @FieldResolver(() => [IdentityRecord], { nullable: true, description: 'What every source says about identity.' })
  identityRecords(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('identity', person);
  }
}
