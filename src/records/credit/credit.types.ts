import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

export enum CreditAccountKind {
  BANK_LOAN = 'BANK_LOAN',
  P2P_LOAN = 'P2P_LOAN',
  CREDIT_LINE = 'CREDIT_LINE',
}
registerEnumType(CreditAccountKind, { name: 'CreditAccountKind' });

export enum CreditAccountStatus {
  CURRENT = 'CURRENT',
  DELINQUENT = 'DELINQUENT',
  DEFAULTED = 'DEFAULTED',
  CLOSED = 'CLOSED',
  WRITTEN_OFF = 'WRITTEN_OFF',
}
registerEnumType(CreditAccountStatus, { name: 'CreditAccountStatus' });

@ObjectType({ description: "One month of an account's repayment history." })
export class RepaymentMonth {
  @Field(() => String, { description: 'YYYY-MM' })
  month: string;

  @Field(() => Int)
  daysPastDue: number;

  @Field(() => SafeIntResolver)
  balanceFen: number;
}

@ObjectType({ description: 'A credit account (tradeline) reported by a lender.', implements: FurnishedRecord })
export class CreditAccount extends FurnishedRecord {
  @Field(() => String)
  lender: string;

  @Field(() => CreditAccountKind)
  accountKind: CreditAccountKind;

  @Field(() => SafeIntResolver, { description: 'Credit limit or principal in fen.' })
  limitFen: number;

  @Field(() => SafeIntResolver, { description: 'Outstanding balance in fen.' })
  balanceFen: number;

  @Field(() => CreditAccountStatus)
  status: CreditAccountStatus;

  @Field(() => Int)
  daysPastDue: number;

  @Field(() => LocalDateResolver)
  openedOn: string;

  @Field(() => LocalDateResolver, { nullable: true })
  closedOn: string | null;

  @Field(() => [RepaymentMonth], { description: 'Monthly repayment history, oldest first.' })
  repaymentHistory: RepaymentMonth[];
}
