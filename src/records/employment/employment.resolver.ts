import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { EmploymentRecord } from './employment.types.js';

@Resolver(() => Person)
export class EmploymentPersonFields {
  @FieldResolver(() => [EmploymentRecord], { description: 'Jobs, past and present, with referees (category employment).', nullable: true })
  employment(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('employment', person);
  }
}
