import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { ApplicationIdentity } from './application-identity.types.js';

/** Identities declared on credit applications, on the profile. */
@Resolver(() => Person)
export class ApplicationIdentityPersonFields {
  @FieldResolver(() => [ApplicationIdentity], {
    nullable: true,
    description: 'Identities applicants declared on credit applications in this person’s name, as lenders furnished them; CONFLICTING where the identity registry or the employer network disagrees.',
  })
  applicationIdentities(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('applicationIdentity', person);
  }
}
