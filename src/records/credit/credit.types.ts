import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { creditAccountKinds, creditAccountStatuses } from './credit.tables.js';

export const CreditAccountKind = enumOf(creditAccountKinds);
export type CreditAccountKind = ValueOf<typeof CreditAccountKind>;
registerEnumType(CreditAccountKind, { name: 'CreditAccountKind' });

export const CreditAccountStatus = enumOf(creditAccountStatuses);
export type CreditAccountStatus = ValueOf<typeof CreditAccountStatus>;
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
