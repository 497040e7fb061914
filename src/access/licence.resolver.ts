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

  @Query(() => LicenceConnection, { nullable: true })
  licences(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg('status', () => LicenceStatus, { nullable: true }) status: LicenceStatus | null,
  ) {
    return admin.listLicences(ctx.db, first, after ?? null, status ?? null);
  }

  @Mutation(() => Licence, { nullable: true })
  issueLicence(@Ctx() ctx: RequestContext, @Arg('input', () => IssueLicenceInput) input: IssueLicenceInput) {
    return admin.issueLicence(ctx.db, ctx.principal.id, input);
  }

  @Mutation(() => Licence, { nullable: true, description: 'Replaces the grants of a licence.' })
  setLicenceGrants(
    @Ctx() ctx: RequestContext,
    @Arg('licenceId', () => ID) licenceId: string,
    @Arg('grants', () => [GrantInput]) grants: GrantInput[],
  ) {
    return admin.setLicenceGrants(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), grants);
  }

  @Mutation(() => Licence, { nullable: true })
  suspendLicence(@Ctx() ctx: RequestContext, @Arg('licenceId', () => ID) licenceId: string, @Arg('reason', () => String) reason: string) {
    return admin.changeLicenceStatus(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), 'suspend', reason);
  }

  @Mutation(() => Licence, { nullable: true })
  reinstateLicence(@Ctx() ctx: RequestContext, @Arg('licenceId', () => ID) licenceId: string, @Arg('reason', () => String) reason: string) {
    return admin.changeLicenceStatus(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), 'reinstate', reason);
  }

  @Mutation(() => Licence, { nullable: true })
  revokeLicence(@Ctx() ctx: RequestContext, @Arg('licenceId', () => ID) licenceId: string, @Arg('reason', () => String) reason: string) {
    return admin.changeLicenceStatus(ctx.db, ctx.principal.id, integerId(licenceId, 'licenceId'), 'revoke', reason);
  }

  @Mutation(() => IssuedApiKey, { nullable: true })
  issueApiKey(@Ctx() ctx: RequestContext, @Arg('principalId', () => Int) principalId: number, @Arg('label', () => String) label: string) {
    return admin.issueApiKey(ctx.db, ctx.principal.id, principalId, label);
  }

  @Mutation(() => ApiKeyInfo, { nullable: true })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('apiKeyId', () => ID) apiKeyId: string, @Arg('reason', () => String) reason: string) {
    return admin.revokeApiKey(ctx.db, ctx.principal.id, integerId(apiKeyId, 'apiKeyId'), reason);
  }
}
