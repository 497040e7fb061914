import { bigint, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

/** One month of an account's repayment history, as the lender reported it. */
export interface RepaymentMonth {
  month: string; // YYYY-MM
  daysPastDue: number;
  balanceFen: number;
}

export const creditAccountKinds = ['BANK_LOAN', 'P2P_LOAN', 'CREDIT_LINE'] as const;
export const creditAccountStatuses = ['CURRENT', 'DELINQUENT', 'DEFAULTED', 'CLOSED', 'WRITTEN_OFF'] as const;

/** Credit accounts (tradelines): bank loans, P2P loans, credit lines. */
export const creditAccounts = pgTable(
  'credit_accounts',
  {
    ...furnishedRecordColumns(),
    lender: text('lender').notNull(),
    accountKind: text('account_kind', { enum: creditAccountKinds }).notNull(),
    limitFen: bigint('limit_fen', { mode: 'number' }).notNull(),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull(),
    status: text('status', { enum: creditAccountStatuses }).notNull(),
    daysPastDue: integer('days_past_due').notNull().default(0),
    openedOn: day('opened_on').notNull(),
    closedOn: day('closed_on'),
    repaymentHistory: jsonb('repayment_history').$type<RepaymentMonth[]>().notNull().default([]),
  },
  (t) => versionIndexes('credit_accounts', t),
);
