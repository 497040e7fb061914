import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { BidirectionalConnectionArgs, ConnectionArgs } from '../../kernel/pagination.js';
import { Me } from '../../access/me.types.js';
import { DateTimeResolver, JSONObjectResolver } from '../../kernel/scalars.js';
import type { RequestContext } from '../../kernel/context.js';
import { FurnishedRecordKind } from '../ingestion.types.js';
import { CorrectionNoticeConnection, Dispute, DisputeAnswer, DisputeConnection, RecordStatement } from './dispute.types.js';
import { answerDispute, attachStatement, disputeRecord, listDisputes } from './dispute.service.js';
import { correctionNotices } from './corrections.service.js';
import { SubjectFinding } from './subject-findings.types.js';
import { openFindingsOf } from './subject-findings.service.js';

/** Subjects dispute and annotate their records; furnishers answer; licensees read what changed. */
@Resolver()
export class DisputeResolver {
  @Mutation(() => Dispute, { nullable: true, description: 'The subject disputes one of their records (any version id of it).' })
  disputeRecord(
    @Ctx() ctx: RequestContext,
    @Arg('recordKind', () => FurnishedRecordKind, { description: 'The kind of the record.' }) recordKind: FurnishedRecordKind,
    @Arg('recordId', () => ID, { description: 'The record (its id in your profile).' }) recordId: string,
    @Arg('reason', () => String, { description: 'What is wrong with it.' }) reason: string,
  ) {
    return disputeRecord(ctx.db, ctx.principal, recordKind, recordId, reason);
  }

  @Mutation(() => RecordStatement, { nullable: true, description: 'The subject’s statement (at most 500 characters) shown beside a record.' })
  attachStatement(
    @Ctx() ctx: RequestContext,
    @Arg('recordKind', () => FurnishedRecordKind, { description: 'The kind of the record.' }) recordKind: FurnishedRecordKind,
    @Arg('recordId', () => ID, { description: 'The record (its id in your profile).' }) recordId: string,
    @Arg('text', () => String, { description: 'Your statement, served with the record.' }) text: string,
  ) {
    return attachStatement(ctx.db, ctx.principal, recordKind, recordId, text);
  }

  @Query(() => DisputeConnection, { nullable: true, description: 'Open disputes: a furnisher sees those about its own source, oldest first.' })
  openDisputes(
    @Ctx() ctx: RequestContext,
    @Args(() => BidirectionalConnectionArgs) page: BidirectionalConnectionArgs,
  ) {
    return listDisputes(ctx.db, ctx.principal, page);
  }

  @Mutation(() => Dispute, { nullable: true, description: 'The furnisher of the disputed record answers the dispute.' })
  answerDispute(
    @Ctx() ctx: RequestContext,
    @Arg('disputeId', () => ID, { description: 'The dispute.' }) disputeId: string,
    @Arg('answer', () => DisputeAnswer, { description: 'Confirm, correct or withdraw the record.' }) answer: DisputeAnswer,
    @Arg('correction', () => JSONObjectResolver, { nullable: true, description: 'With CORRECT: the fields to change.' })
    correction: Record<string, unknown> | null,
    @Arg('note', () => String, { description: 'A note for the subject.', nullable: true }) note: string | null,
  ) {
    return answerDispute(ctx.db, ctx.principal, disputeId, answer, correction ?? null, note ?? null);
  }

  @Query(() => CorrectionNoticeConnection, {
    nullable: true,
    description: 'Records this organisation received that were disputed, corrected or withdrawn since an instant.',
  })
  corrections(
    @Ctx() ctx: RequestContext,
    @Arg('since', () => DateTimeResolver, { description: 'Changes at or after this instant.' }) since: Date,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
  ) {
    return correctionNotices(ctx.db, ctx.principal.organisationId, since, first, after ?? null);
  }
}

@Resolver(() => Me)
export class SubjectDisputesResolver {
  @FieldResolver(() => DisputeConnection, { nullable: true, description: "The subject's own disputes, answered or not, oldest first, each with its steps." })
  disputes(
    @Ctx() ctx: RequestContext,
    @Args(() => BidirectionalConnectionArgs) page: BidirectionalConnectionArgs,
  ) {
    return listDisputes(ctx.db, ctx.principal, page);
  }

  @FieldResolver(() => [SubjectFinding], {
    nullable: true,
    description: "Open findings of the cross-checks about the subject's own records: what disagrees and which source said what. Dispute a record with disputeRecord.",
  })
  findings(@Ctx() ctx: RequestContext) {
    const { principal } = ctx;
    if (principal.kind !== 'SUBJECT' || !principal.personId) return null;
    return openFindingsOf(ctx.db, principal.personId);
  }
}
