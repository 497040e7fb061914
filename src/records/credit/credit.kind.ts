import { and, inArray, isNotNull, lte, not } from 'drizzle-orm';
import { seedCreditAccounts } from './credit.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { retentionCutoff } from '../shared/retention.js';
import { creditAccountKinds, creditAccountStatuses, creditAccounts } from './credit.tables.js';
import { day, fen, int, list, month, notBefore, object, oneOf, optional, text } from '../shared/validation.js';
import { CreditAccount } from './credit.types.js';
import { CreditAccountPersonFields } from './credit.resolver.js';

/** Account statuses that count against a person. */
export const negativeAccountStatuses = ['DEFAULTED', 'WRITTEN_OFF'] as const;

/** Credit accounts (tradelines) reported by lenders. */
export const creditAccountKind = defineRecordKind({
  kind: 'creditAccount',
  table: creditAccounts,
  type: CreditAccount,
  resolvers: [CreditAccountPersonFields],
  lockId: 7411_106,
  seed: seedCreditAccounts,
  content: {
    lender: text(200),
    accountKind: oneOf(creditAccountKinds),
    limitFen: fen(0),
    // A credit line paid beyond its balance owes the person money: negative is meaningful.
    balanceFen: fen(-Number.MAX_SAFE_INTEGER),
    status: oneOf(creditAccountStatuses),
    daysPastDue: optional(int(0, 100_000), 0),
    openedOn: day,
    closedOn: optional(day),
    repaymentHistory: optional(
      list(object({ month, daysPastDue: int(0, 100_000), balanceFen: fen(-Number.MAX_SAFE_INTEGER) }), 600),
      [] as never,
    ),
  },
  rules: (c) => notBefore(c, 'closedOn', 'openedOn'),
  category: { name: 'credit', precisions: ['FULL'], description: 'Credit accounts: lender, kind, limit, balance, status, days past due and history.' },
  profileFields: { 'Person.creditAccounts': 'FULL' },
  listings: ['Person.creditAccounts'],
  identifyingPrecision: 'FULL',
  authority: 'LENDER',
  furnishers: ['LENDER'],
  /** A defaulted or written-off account ends on `closed_on`. */
  retention: (row, at) => {
    const t = row as unknown as typeof creditAccounts;
    return not(and(inArray(t.status, [...negativeAccountStatuses]), isNotNull(t.closedOn), lte(t.closedOn, retentionCutoff(at)))!);
  },
});
