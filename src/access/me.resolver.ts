import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { planProfileReads } from '../profile/read-plan.js';
import { ConnectionArgs } from '../kernel/pagination.js';
import { DateTimeResolver, integerId } from '../kernel/scalars.js';
import type { RequestContext } from '../kernel/context.js';
import { Me } from './me.types.js';
import { Licence } from './licence.types.js';
import { Consent, ConsentConnection, GrantConsentInput } from './consent.types.js';
import { Person, type PersonView } from '../records/shared/person.types.js';
import { Purpose } from '../kernel/purpose.js';
import { openProfilesById } from './gate.js';
import { getLicence } from './licence-admin.service.js';
import { getConsent, grantConsent, listConsents, revokeConsent } from './consent.service.js';
import { exchangeError } from '../kernel/errors.js';

function subjectOf(ctx: RequestContext) {
  const { principal } = ctx;
  if (principal.kind !== 'SUBJECT' || !principal.personId) {
    throw exchangeError('FORBIDDEN', 'Only a subject manages consents', { reason: 'ROLE' });
  }
  return { principalId: principal.id, personId: principal.personId };
}

@Resolver(() => Me)
export class MeResolver {
  @Query(() => Me, { description: 'Who the caller is.' })
  me(@Ctx() ctx: RequestContext): Me {
    const p = ctx.principal;
    return { kind: p.kind as Me['kind'], name: p.name, organisationId: p.organisationId, organisationName: p.organisationName };
  }

  @FieldResolver(() => Licence, { nullable: true, description: "The licence of a scorer's or partner's organisation." })
  licence(@Ctx() ctx: RequestContext) {
    return ctx.licence ? getLicence(ctx.db, ctx.licence.id) : null;
  }

  @FieldResolver(() => Person, { nullable: true, description: "A subject's own profile: every field, every version, every provenance." })
  async person(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateTimeResolver, { description: 'Read your profile as the exchange knew it at this instant; absent: now.', nullable: true }) asOf: Date | null,
  ): Promise<PersonView | null> {
    const { personId } = ctx.principal;
    if (ctx.principal.kind !== 'SUBJECT' || !personId) return null;
    const [view] = await openProfilesById(ctx, [personId], { purpose: Purpose.SELF_ACCESS, asOf: asOf ?? null, caseReference: null });
    if (view instanceof Error) throw view;
    if (view) await planProfileReads(ctx, info, [view]);
    return view ?? null;
  }

  @FieldResolver(() => ConsentConnection, { nullable: true, description: "A subject's consents, newest first." })
  consents(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
  ) {
    return listConsents(ctx.db, subjectOf(ctx).personId, first, after ?? null);
  }

  @Mutation(() => Consent, { nullable: true, description: 'A subject consents to an organisation reading their data.' })
  async grantConsent(@Ctx() ctx: RequestContext, @Arg('input', () => GrantConsentInput, { description: 'The consent.' }) input: GrantConsentInput) {
    const subject = subjectOf(ctx);
    const row = await grantConsent(ctx.db, subject, input);
    return getConsent(ctx.db, subject.personId, row.id);
  }

  @Mutation(() => Consent, { nullable: true, description: 'A subject withdraws a consent; it stops answering at once.' })
  async revokeConsent(@Ctx() ctx: RequestContext, @Arg('consentId', () => ID, { description: 'The consent.' }) consentId: string) {
    const subject = subjectOf(ctx);
    const row = await revokeConsent(ctx.db, subject, integerId(consentId, 'consentId'));
    return getConsent(ctx.db, subject.personId, row.id);
  }
}
