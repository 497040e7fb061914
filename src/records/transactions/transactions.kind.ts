import { seedTransactions } from './transactions.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { paymentChannels, paymentTransactions, transactionDirections, transactionMonths } from './transactions.tables.js';
import { fen, instant, int, month, oneOf, optional, text } from '../shared/validation.js';
import { MonthlyTransactionSummary, PaymentTransaction } from './transactions.types.js';
import { TransactionMonthPersonFields, TransactionPersonFields } from './transactions.resolver.js';

const transactionsCategory = {
  name: 'transactions',
  precisions: ['AGGREGATE', 'RAW'],
  description: 'Payments through the clearing house: AGGREGATE (monthly sums) or RAW (each transaction).',
} as const;

/** Raw payment transactions from the clearing house. */
export const transactionKind = defineRecordKind({
  kind: 'transaction',
  table: paymentTransactions,
  type: PaymentTransaction,
  resolvers: [TransactionPersonFields],
  lockId: 7411_107,
  seed: seedTransactions,
  content: {
    occurredAt: instant,
    amountFen: fen(1),
    direction: oneOf(transactionDirections),
    channel: oneOf(paymentChannels),
    merchantCategory: optional(text(100)),
    counterparty: optional(text(200)),
  },
  category: transactionsCategory,
  profileFields: { 'Person.transactions': 'RAW' },
  listings: ['Person.transactions'],
  identifyingPrecision: 'RAW',
  authority: 'CLEARING_HOUSE',
  furnishers: ['CLEARING_HOUSE'],
});

/** Monthly aggregates of a person's payments: the coarse view most scorers get. */
export const transactionMonthKind = defineRecordKind({
  kind: 'transactionMonth',
  table: transactionMonths,
  type: MonthlyTransactionSummary,
  resolvers: [TransactionMonthPersonFields],
  lockId: 7411_108,
  content: {
    month,
    transactionCount: int(0, 10_000_000),
    inflowFen: fen(0),
    outflowFen: fen(0),
  },
  category: transactionsCategory,
  profileFields: { 'Person.transactionSummaries': 'AGGREGATE' },
  listings: ['Person.transactionSummaries'],
  // An aggregate reader gets no record ids: only RAW readers see the clearing house's keys.
  identifyingPrecision: 'RAW',
  authority: 'CLEARING_HOUSE',
  furnishers: ['CLEARING_HOUSE'],
});
