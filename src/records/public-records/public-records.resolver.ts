import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { PublicRecord } from './public-records.types.js';

/** Public records on the profile: the FLAG (anything outstanding) and FULL views. */
@Resolver(() => Person)
export class PublicRecordPersonFields {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Whether a tax arrear, penalty or enforcement order is outstanding against the person (the FLAG view).',
  })
  async hasOutstandingPublicRecord(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.records.read('publicRecord', person);
    return rows.some((r) => r.status === 'OUTSTANDING');
  }

  @FieldResolver(() => [PublicRecord], { nullable: true, description: 'Tax arrears, administrative penalties and enforcement orders (the FULL view).' })
  publicRecords(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('publicRecord', person);
  }
}
