import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { instant } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

export const transactionDirections = ['INFLOW', 'OUTFLOW'] as const;
export const paymentChannels = ['ALIPAY', 'WECHAT_PAY', 'UNIONPAY', 'BANK_TRANSFER'] as const;

/** Payment transactions from the clearing house: raw facts, granted separately from aggregates. */
export const paymentTransactions = pgTable(
  'payment_transactions',
  {
    ...furnishedRecordColumns(),
    occurredAt: instant('occurred_at').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    direction: text('direction', { enum: transactionDirections }).notNull(),
    channel: text('channel').notNull(), // one of paymentChannels (the seed still writes plain strings)
    merchantCategory: text('merchant_category'),
    counterparty: text('counterparty'),
  },
  (t) => [
    ...versionIndexes('payment_transactions', t),
    index('payment_transactions_person_time_idx').on(t.personId, t.occurredAt, t.id),
  ],
);

/** Monthly aggregates furnished by the clearing house: the coarse view of transactions. */
export const transactionMonths = pgTable(
  'transaction_months',
  {
    ...furnishedRecordColumns(),
    month: text('month').notNull(), // YYYY-MM
    transactionCount: integer('transaction_count').notNull(),
    inflowFen: bigint('inflow_fen', { mode: 'number' }).notNull(),
    outflowFen: bigint('outflow_fen', { mode: 'number' }).notNull(),
  },
  (t) => versionIndexes('transaction_months', t),
);

/** One transaction row as a loader returns it. */
export type TransactionRow = typeof paymentTransactions.$inferSelect & { asOf?: Date | null };
