import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { EducationRecord } from './education.types.js';

@Resolver(() => Person)
export class EducationPersonFields {
  @FieldResolver(() => [EducationRecord], { description: 'Degrees and certificates (category education).', nullable: true })
  education(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('education', person);
  }
}
