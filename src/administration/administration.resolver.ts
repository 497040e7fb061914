import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context.js';
import {
  RegisteredOrganisation,
  RegisteredPrincipal,
  RegisteredSource,
  RegisterOrganisationInput,
  RegisterPrincipalInput,
  RegisterSourceInput,
} from './administration.types.js';
import { registerOrganisation, registerPrincipal, registerSource, type Actor } from './administration.service.js';

const actor = (ctx: RequestContext): Actor => ({ principalId: ctx.principal.id, via: 'api' });

/** The regulator registers who takes part; keys are issued with issueApiKey, licences with issueLicence. */
@Resolver()
export class AdministrationResolver {
  @Mutation(() => RegisteredOrganisation, { description: 'Registers an organisation (regulator).', nullable: true })
  registerOrganisation(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterOrganisationInput, { description: 'The organisation.' }) input: RegisterOrganisationInput) {
    return registerOrganisation(ctx.db, actor(ctx), input);
  }

  @Mutation(() => RegisteredSource, { description: 'Registers a data source (regulator).', nullable: true })
  registerSource(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterSourceInput, { description: 'The source.' }) input: RegisterSourceInput) {
    return registerSource(ctx.db, actor(ctx), input);
  }

  @Mutation(() => RegisteredPrincipal, { description: 'Registers a principal that API keys can then be issued to (regulator).', nullable: true })
  registerPrincipal(@Ctx() ctx: RequestContext, @Arg('input', () => RegisterPrincipalInput, { description: 'The principal.' }) input: RegisterPrincipalInput) {
    return registerPrincipal(ctx.db, actor(ctx), input);
  }
}
