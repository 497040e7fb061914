import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BidirectionalConnectionArgs } from '../../kernel/pagination.js';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../../records/shared/person.types.js';
import type { Category } from '../../access/catalogue.js';
import { categoryOfKind, type DiscrepancyKind } from './discrepancy-kinds.js';
import { restrictedViewFor } from '../../access/grants.js';
import { recordKinds, type RecordKind } from '../../records/index.js';
import type { CountScope } from './verification.loaders.js';
import { HeldBackSummary, VerificationSummary } from './verification.types.js';
import { Discrepancy, DiscrepancyConnection, DiscrepancyFilter } from './discrepancy.types.js';
import { listDiscrepancies, releaseQuarantine, resolveDiscrepancy } from './discrepancy.service.js';
import { integerId, MAX_BIGSERIAL_ID } from '../../kernel/scalars.js';

/** The records a reader's counts cover: granted kinds, under their restricted views, servable ones only. */
function countScope(person: PersonView): CountScope {
  const kinds = recordKinds.filter((k) => person.grants[categoryOfKind[k] as Category] >= 0);
  const restrictions = Object.fromEntries(kinds.flatMap((k) => {
    const view = restrictedViewFor(k, person.grants);
    return view ? [[k, view]] : [];
  }));
  return { kinds, restrictions, servedOnly: person.servedOnly };
}

/**
 * A finding is named only to a reader granted every record it is about, and not where the
 * reader's view hides rows of that kind: a finding on a lawsuit would tell a JUDGMENTS_ONLY
 * reader the lawsuit exists.
 */
const nameable = (person: PersonView, recordKinds: string[]) =>
  recordKinds.every((k) => person.grants[categoryOfKind[k as RecordKind] as Category] >= 0 && !restrictedViewFor(k as RecordKind, person.grants)?.where);

/** What a person's profile says about verification: held-back counts and the summary. */
@Resolver(() => Person)
export class PersonVerificationResolver {
  @FieldResolver(() => HeldBackSummary, {
    nullable: true,
    description: 'How many of the person’s records are held back from licensees, per category; never the records.',
  })
  async heldBack(@Root() person: PersonView, @Ctx() ctx: RequestContext): Promise<HeldBackSummary> {
    const counts = await ctx.loaders.verificationCounts(person.asOf, countScope(person)).load(person.id);
    const byCategory = new Map<string, number>();
    for (const c of counts) {
      const category = categoryOfKind[c.kind] as Category;
      // A category the reader is not granted stays silent: its mere presence is a fact.
      if (c.verification !== 'QUARANTINED' || person.grants[category] < 0) continue;
      byCategory.set(category, (byCategory.get(category) ?? 0) + c.count);
    }
    return {
      quarantined: [...byCategory.values()].reduce((a, b) => a + b, 0),
      byCategory: [...byCategory].map(([category, count]) => ({ category, count })).sort((a, b) => a.category.localeCompare(b.category)),
    };
  }

  @FieldResolver(() => VerificationSummary, {
    nullable: true,
    description: 'Records by verification status and the kinds of open findings (the verification SUMMARY grant).',
  })
  async verificationSummary(@Root() person: PersonView, @Ctx() ctx: RequestContext): Promise<VerificationSummary> {
    const [counts, findings] = await Promise.all([
      ctx.loaders.verificationCounts(person.asOf, countScope(person)).load(person.id),
      ctx.loaders.openDiscrepancyKinds(person.asOf).load(person.id),
    ]);
    const kinds = [...new Set(findings.filter((f) => nameable(person, f.recordKinds)).map((f) => f.kind))].sort();
    const total = (status: string) => counts.filter((c) => c.verification === status).reduce((a, c) => a + c.count, 0);
    return {
      verified: total('VERIFIED'),
      unverified: total('UNVERIFIED'),
      conflicting: total('CONFLICTING'),
      disputed: total('DISPUTED'),
      quarantined: total('QUARANTINED'),
      openDiscrepancyKinds: kinds as DiscrepancyKind[],
    };
  }
}

/** Regulators review the findings of the cross-checks. */
@Resolver()
export class DiscrepancyResolver {
  @Query(() => DiscrepancyConnection, { nullable: true, description: 'Findings of the cross-checks, oldest first.' })
  discrepancies(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => DiscrepancyFilter, { nullable: true, description: 'Only the findings that match every criterion given.' }) filter: DiscrepancyFilter | null,
    @Args(() => BidirectionalConnectionArgs) page: BidirectionalConnectionArgs,
  ) {
    return listDiscrepancies(ctx.db, filter ?? null, page);
  }

  @Mutation(() => Discrepancy, { nullable: true, description: 'Closes a finding after review.' })
  resolveDiscrepancy(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The finding.' }) id: string,
    @Arg('resolution', () => String, { description: 'What the review concluded.' }) resolution: string,
  ) {
    return resolveDiscrepancy(ctx.db, ctx.principal.id, integerId(id, 'id', MAX_BIGSERIAL_ID), resolution);
  }

  @Mutation(() => Discrepancy, {
    nullable: true,
    description: 'Lets the records a score-reset burst quarantined be served again.',
  })
  releaseQuarantine(@Ctx() ctx: RequestContext, @Arg('discrepancyId', () => ID, { description: 'The CRITERIA_BURST finding.' }) discrepancyId: string, @Arg('reason', () => String, { description: 'Why the records may be served again.' }) reason: string) {
    return releaseQuarantine(ctx.db, ctx.principal.id, integerId(discrepancyId, 'discrepancyId', MAX_BIGSERIAL_ID), reason);
  }
}
