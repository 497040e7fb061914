import { defineRecordKind } from '../shared/record-kind.js';
import { paymentTransactions, transactionMonths } from './transactions.tables.js';
import { MonthlyTransactionSummary, PaymentTransaction } from './transactions.types.js';

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
  lockId: 7411_107,
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
  lockId: 7411_108,
  category: transactionsCategory,
  profileFields: { 'Person.transactionSummaries': 'AGGREGATE' },
  listings: ['Person.transactionSummaries'],
  // An aggregate reader gets no record ids: only RAW readers see the clearing house's keys.
  identifyingPrecision: 'RAW',
  authority: 'CLEARING_HOUSE',
  furnishers: ['CLEARING_HOUSE'],
});
