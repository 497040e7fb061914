import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { JSONObjectResolver, integerId } from '../../kernel/scalars.js';
import { ConsentArtefact, ConsentManager } from './consent-artefacts.types.js';
import {
  addConsentManagerKey,
  registerConsentManager,
  retireConsentManagerKey,
  setConsentManagerSuspended,
} from './consent-manager.service.js';
import { revokeConsentArtefact } from './artefact-revocation.service.js';
import type { ArtefactRow } from './artefact.store.js';
import type { Purpose } from '../../kernel/purpose.js';

const managerId = (id: string) => integerId(id, 'consentManagerId');

export function artefactOf(row: ArtefactRow): ConsentArtefact {
  return {
    id: row.jti,
    consentManagerId: row.issuerOrganisationId,
    organisationId: row.granteeOrganisationId,
    purposes: row.purposes as Purpose[],
    categories: row.categories,
    notBefore: row.notBefore,
    expiresAt: row.expiresAt,
    maxUses: row.maxUses,
    useCount: row.useCount,
    lastUsedAt: row.lastUsedAt,
    recordedAt: row.recordedAt,
    revokedAt: row.revokedAt,
  };
}

/** The regulator's register of consent managers and their keys; revocation by a manager or the subject. */
@Resolver()
export class ConsentManagerResolver {
  @Mutation(() => ConsentManager, { nullable: true, description: 'Registers a consent manager with its public keys (JWK: Ed25519 "OKP" or P-256 "EC").' })
  registerConsentManager(
    @Ctx() ctx: RequestContext,
    @Arg('name', () => String, { description: "The consent manager's name." }) name: string,
    @Arg('publicKeys', () => [JSONObjectResolver], { description: 'Its public keys as JWKs (Ed25519 or P-256), each with its kid.' }) publicKeys: Record<string, unknown>[],
  ) {
    return registerConsentManager(ctx.db, ctx.principal.id, { name, publicKeys });
  }

  @Mutation(() => ConsentManager, { nullable: true, description: 'Adds a public key to a consent manager.' })
  addConsentManagerKey(
    @Ctx() ctx: RequestContext,
    @Arg('consentManagerId', () => ID, { description: 'The consent manager.' }) consentManagerId: string,
    @Arg('publicKey', () => JSONObjectResolver, { description: 'The new public key as a JWK with its kid.' }) publicKey: Record<string, unknown>,
  ) {
    return addConsentManagerKey(ctx.db, ctx.principal.id, managerId(consentManagerId), publicKey);
  }

  @Mutation(() => ConsentManager, { nullable: true, description: 'Retires a key: artefacts signed with it are refused from the next request on.' })
  retireConsentManagerKey(
    @Ctx() ctx: RequestContext,
    @Arg('consentManagerId', () => ID, { description: 'The consent manager.' }) consentManagerId: string,
    @Arg('kid', () => String, { description: 'The key to retire; artefacts it signed stop verifying.' }) kid: string,
  ) {
    return retireConsentManagerKey(ctx.db, ctx.principal.id, managerId(consentManagerId), kid);
  }

  @Mutation(() => ConsentManager, { nullable: true, description: 'Suspends a consent manager: every artefact it signed is refused until it is reinstated.' })
  suspendConsentManager(
    @Ctx() ctx: RequestContext,
    @Arg('consentManagerId', () => ID, { description: 'The consent manager.' }) consentManagerId: string,
    @Arg('reason', () => String, { description: 'Why; kept in the oversight events.' }) reason: string,
  ) {
    return setConsentManagerSuspended(ctx.db, ctx.principal.id, managerId(consentManagerId), true, reason);
  }

  @Mutation(() => ConsentManager, { description: 'Puts a suspended consent manager back in force (regulator).', nullable: true })
  reinstateConsentManager(
    @Ctx() ctx: RequestContext,
    @Arg('consentManagerId', () => ID, { description: 'The consent manager.' }) consentManagerId: string,
    @Arg('reason', () => String, { description: 'Why; kept in the oversight events.' }) reason: string,
  ) {
    return setConsentManagerSuspended(ctx.db, ctx.principal.id, managerId(consentManagerId), false, reason);
  }

  @Mutation(() => ConsentArtefact, {
    nullable: true,
    description: "Revokes a consent artefact by its jti (its consent manager, or its subject): the next read that presents it is refused.",
  })
  async revokeConsentArtefact(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The artefact (its jti).' }) id: string) {
    return artefactOf(await revokeConsentArtefact(ctx.db, ctx.principal, id));
  }
}
