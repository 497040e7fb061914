import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { DateTimeResolver } from '../../kernel/scalars.js';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { MonthlyTransactionSummary, PaymentTransactionConnection } from './transactions.types.js';
import { transactionPage } from './transactions.service.js';

/** Raw transactions on the profile (the RAW view). */
@Resolver(() => Person)
export class TransactionPersonFields {
  @FieldResolver(() => PaymentTransactionConnection, {
    nullable: true,
    description: 'Raw payment transactions, newest first (the RAW view).',
  })
  transactions(
    @Root() person: PersonView,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { description: 'How many transactions to return, from 0 to 100.', defaultValue: 20 }) first: number,
    @Arg('after', () => String, { description: 'Return the transactions after this cursor.', nullable: true }) after: string | null,
    @Arg('from', () => DateTimeResolver, { nullable: true, description: 'Inclusive.' }) from: Date | null,
    @Arg('to', () => DateTimeResolver, { nullable: true, description: 'Exclusive.' }) to: Date | null,
  ) {
    return transactionPage(ctx, person, { first, after, from, to });
  }
}

/** Monthly aggregates on the profile (the AGGREGATE view). */
@Resolver(() => Person)
export class TransactionMonthPersonFields {
  @FieldResolver(() => [MonthlyTransactionSummary], {
    nullable: true,
    description: 'Monthly transaction aggregates, oldest first (the AGGREGATE view).',
  })
  async transactionSummaries(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.records.read('transactionMonth', person);
    // The consent's lookback bounds how far back the months reach.
    const firstMonth = person.notBefore?.toISOString().slice(0, 7) ?? '';
    return rows
      .filter((r) => String(r.month) >= firstMonth)
      .sort((a, b) => String(a.month).localeCompare(String(b.month)));
  }
}
