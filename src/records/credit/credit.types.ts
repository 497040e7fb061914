import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { creditAccountKinds, creditAccountStatuses } from './credit.tables.js';

export const CreditAccountKind = enumOf(creditAccountKinds);
export type CreditAccountKind = ValueOf<typeof CreditAccountKind>;
registerEnumType(CreditAccountKind, {
  name: 'CreditAccountKind',
  description: 'The kind of a credit account.',
  valuesConfig: {
    BANK_LOAN: { description: 'A loan from a bank.' },
    P2P_LOAN: { description: 'A peer-to-peer platform loan.' },
    CREDIT_LINE: { description: 'A revolving credit line (e.g. a credit card).' },
  },
});

export const CreditAccountStatus = enumOf(creditAccountStatuses);
export type CreditAccountStatus = ValueOf<typeof CreditAccountStatus>;
registerEnumType(CreditAccountStatus, {
  name: 'CreditAccountStatus',
  description: 'Where a credit account stands.',
  valuesConfig: {
    CURRENT: { description: 'Paid as agreed.' },
    DELINQUENT: { description: 'Payments overdue.' },
    DEFAULTED: { description: 'In default.' },
    CLOSED: { description: 'Paid off and closed.' },
    WRITTEN_OFF: { description: 'Written off by the lender.' },
  },
});

@ObjectType({ description: "One month of an account's repayment history." })
export class RepaymentMonth {
  @Field(() => String, { description: 'YYYY-MM' })
  month: string;

  @Field(() => Int, { description: 'Days past due at the end of the month.' })
  daysPastDue: number;

  @Field(() => SafeIntResolver, { description: 'Balance at the end of the month, in fen.' })
  balanceFen: number;
}

@ObjectType({ description: 'A credit account (tradeline) reported by a lender.', implements: FurnishedRecord })
export class CreditAccount extends FurnishedRecord {
  @Field(() => String, { description: 'The lender.' })
  lender: string;

  @Field(() => CreditAccountKind, { description: 'Bank loan, P2P loan or credit line.' })
  accountKind: CreditAccountKind;

  @Field(() => SafeIntResolver, { description: 'Credit limit or principal in fen.' })
  limitFen: number;

  @Field(() => SafeIntResolver, { description: 'Outstanding balance in fen.' })
  balanceFen: number;

  @Field(() => CreditAccountStatus, { description: 'Where the account stands.' })
  status: CreditAccountStatus;

  @Field(() => Int, { description: 'Days the oldest unpaid instalment is overdue; 0 when current.' })
  daysPastDue: number;

  @Field(() => LocalDateResolver, { description: 'When the account was opened.' })
  openedOn: string;

  @Field(() => LocalDateResolver, { description: 'When the account was closed; null while open.', nullable: true })
  closedOn: string | null;

  @Field(() => [RepaymentMonth], { description: 'Monthly repayment history, oldest first.' })
  repaymentHistory: RepaymentMonth[];
}
