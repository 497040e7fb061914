import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { EnrolledSubject } from './enrolment.types.js';
import { enrolSubject } from './enrolment.service.js';

@Resolver()
export class EnrolmentResolver {
  @Mutation(() => EnrolledSubject, {
    nullable: true,
    description: 'Enrols a person as a subject (the regulator or the identity registry): a one-time API key to hand to them.',
  })
  enrolSubject(@Ctx() ctx: RequestContext, @Arg('nationalId', () => String, { description: "The person's national ID number." }) nationalId: string) {
    return enrolSubject(ctx.db, ctx.principal, nationalId);
  }
}
