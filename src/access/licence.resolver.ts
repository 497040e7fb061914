import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionArgs } from '../kernel/pagination.js';
import type { RequestContext } from '../kernel/context.js';
import { categories } from './catalogue.js';
import {
  ApiKeyInfo,
  CatalogueCategory,
  GrantInput,
  IssuedApiKey,
  IssueLicenceInput,
  Licence,
  LicenceConnection,
  LicenceStatus,
} from './licence.types.js';
import * as admin from './licence-admin.service.js';
import { integerId } from '../kernel/scalars.js';

/** Regulators manage licences and keys at run time; a change applies to the next request. */
@Resolver()
export class LicenceResolver {
  @Query(() => [CatalogueCategory], { description: 'What a licence can grant: every category and its precisions.' })
  grantCatalogue(): CatalogueCategory[] {
    return Object.entries(categories).map(([category, precisions]) => ({ category, precisions: [...precisions] }));
  }

  @Query(() => LicenceConnection, { description: 'Licences, newest first (regulator).', nullable: true })
  licences(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg('status', () => LicenceStatus, { description: 'Only licences in this status.', nullable: true }) status: LicenceStatus | null,
  ) {
    return admin.listLicences(ctx.db, first, after ?? null, status ?? null);
  }

  @Mutation(() => Licence, { description: 'Issues a licence to an organisation (regulator).', nullable: true })
  issueLicence(@Ctx() ctx: RequestContext, @Arg('input', () => IssueLicenceInput, { description: 'The licence.' }) input: IssueLicenceInput) {
    return admin.issueLicence(ctx.db, ctx.principal.id, input);
  }

  @Mutation(() => Licence, { nullable: true, description: 'Replaces the grants of a licence.' })
  setLicenceGrants(
    @Ctx() ctx: RequestContext,
    @Arg('licenceId', () => ID, { description: 'The licence.' }) licenceId: string,
    @Arg('grants', () => [GrantInput], { description: 'Its grants from now on (they replace the old ones).' }) grants: GrantInput[],
  ) {
    return admin.setLicenceGrants(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), grants);
  }

  @Mutation(() => Licence, { description: "Suspends a licence: its holder's reads answer LICENCE_INACTIVE until it is reinstated (regulator).", nullable: true })
  suspendLicence(@Ctx() ctx: RequestContext, @Arg('licenceId', () => ID, { description: 'The licence.' }) licenceId: string, @Arg('reason', () => String, { description: 'Why; kept in the oversight events.' }) reason: string) {
    return admin.changeLicenceStatus(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), 'suspend', reason);
  }

  @Mutation(() => Licence, { description: 'Puts a suspended licence back in force (regulator).', nullable: true })
  reinstateLicence(@Ctx() ctx: RequestContext, @Arg('licenceId', () => ID, { description: 'The licence.' }) licenceId: string, @Arg('reason', () => String, { description: 'Why; kept in the oversight events.' }) reason: string) {
    return admin.changeLicenceStatus(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), 'reinstate', reason);
  }

  @Mutation(() => Licence, { description: 'Ends a licence for good (regulator).', nullable: true })
  revokeLicence(@Ctx() ctx: RequestContext, @Arg('licenceId', () => ID, { description: 'The licence.' }) licenceId: string, @Arg('reason', () => String, { description: 'Why; kept in the oversight events.' }) reason: string) {
    return admin.changeLicenceStatus(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), 'revoke', reason);
  }

  @Mutation(() => IssuedApiKey, { description: 'Issues an API key to a principal; the key is shown once, only its digest is kept (regulator).', nullable: true })
  issueApiKey(@Ctx() ctx: RequestContext, @Arg('principalId', () => Int, { description: 'Whose key it is.' }) principalId: number, @Arg('label', () => String, { description: 'A label to recognise the key by.' }) label: string) {
    return admin.issueApiKey(ctx.db, ctx.principal.id, principalId, label);
  }

  @Mutation(() => ApiKeyInfo, { description: 'Revokes an API key at once (regulator).', nullable: true })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('apiKeyId', () => ID, { description: 'The key (ApiKeyInfo.id).' }) apiKeyId: string, @Arg('reason', () => String, { description: 'Why; kept in the oversight events.' }) reason: string) {
    return admin.revokeApiKey(ctx.db, ctx.principal.id, integerId(apiKeyId, 'apiKeyId'), reason);
  }
}
