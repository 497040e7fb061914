import { Arg, Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { BidirectionalConnectionArgs, ConnectionArgs } from '../kernel/pagination.js';
import { DateTimeResolver } from '../kernel/scalars.js';
import type { RequestContext } from '../kernel/context.js';
import { Me } from '../access/me.types.js';
import {
  AccessLogConnection,
  AccessLogFilter,
  ChainVerification,
  OversightEventConnection,
  OversightStatistics,
  SubjectAccessConnection,
} from './access-log.types.js';
import { listOversightEvents, searchAccessLog, subjectAccessHistory } from './access-log.queries.js';
import { verifyAccessLog } from './verify.service.js';
import { oversightStatistics } from './statistics.service.js';
import { exchangeError } from '../kernel/errors.js';

/** What regulators read: the access log, its verification, statistics and permission changes. */
@Resolver()
export class AuditResolver {
  @Query(() => AccessLogConnection, { nullable: true, description: 'The access log, newest first.' })
  accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => AccessLogFilter, { nullable: true, description: 'Only the entries that match every criterion given.' }) filter: AccessLogFilter | null,
    @Args(() => BidirectionalConnectionArgs) page: BidirectionalConnectionArgs,
  ) {
    return searchAccessLog(ctx.db, filter ?? {}, page);
  }

  @Query(() => ChainVerification, { nullable: true, description: 'Recomputes the hash chain over [from, to) and reports the first broken link.' })
  verifyAccessLog(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => DateTimeResolver, { description: 'Check entries appended at or after this instant; absent: from the first.', nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { description: 'Check entries appended before this instant; absent: to the last.', nullable: true }) to: Date | null,
  ) {
    return verifyAccessLog(ctx.db, from ?? null, to ?? null);
  }

  @Query(() => OversightStatistics, { description: 'Volumes per organisation and day and per purpose over [from, to), with organisations whose volume jumped (regulator).', nullable: true })
  oversightStatistics(
    @Ctx() ctx: RequestContext,
    @Arg('from', () => DateTimeResolver, { description: 'Start of the period (inclusive).' }) from: Date,
    @Arg('to', () => DateTimeResolver, { description: 'End of the period (exclusive).' }) to: Date,
  ) {
    return oversightStatistics(ctx.db, from, to);
  }

  @Query(() => OversightEventConnection, { nullable: true, description: 'Licence, key and consent changes, with who made them; newest first.' })
  oversightEvents(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
    @Arg('targetKind', () => String, { description: 'Only changes of this kind of target (licence, apiKey, consent, ...).', nullable: true }) targetKind: string | null,
  ) {
    return listOversightEvents(ctx.db, first, after ?? null, targetKind ?? null);
  }
}

@Resolver(() => Me)
export class SubjectAccessResolver {
  @FieldResolver(() => SubjectAccessConnection, { nullable: true, description: "Who accessed the subject's data, newest first." })
  accessHistory(
    @Ctx() ctx: RequestContext,
    @Args(() => ConnectionArgs) { first, after }: ConnectionArgs,
  ) {
    const { personId } = ctx.principal;
    if (!personId) throw exchangeError('FORBIDDEN', 'Only a subject reads their access history', { reason: 'ROLE' });
    return subjectAccessHistory(ctx.db, personId, first, after ?? null);
  }
}
