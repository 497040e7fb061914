import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, SafeIntResolver } from '../../kernel/scalars.js';
import { FurnishedRecord } from '../shared/record.types.js';
import { PageInfo } from '../../kernel/pagination.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { transactionDirections } from './transactions.tables.js';

export const TransactionDirection = enumOf(transactionDirections);
export type TransactionDirection = ValueOf<typeof TransactionDirection>;
registerEnumType(TransactionDirection, { name: 'TransactionDirection' });

@ObjectType({ description: 'A payment transaction reported by the clearing house: a raw fact.', implements: FurnishedRecord })
export class PaymentTransaction extends FurnishedRecord {
  @Field(() => DateTimeResolver)
  occurredAt: Date;

  @Field(() => SafeIntResolver, { description: 'Amount in fen, always positive; see direction.' })
  amountFen: number;

  @Field(() => TransactionDirection)
  direction: TransactionDirection;

  @Field(() => String)
  channel: string;

  @Field(() => String, { nullable: true })
  merchantCategory: string | null;

  @Field(() => String, { nullable: true })
  counterparty: string | null;
}

@ObjectType()
export class PaymentTransactionEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => PaymentTransaction)
  node: PaymentTransaction;
}

@ObjectType({ description: "A page of a person's payment transactions, newest first." })
export class PaymentTransactionConnection {
  @Field(() => [PaymentTransactionEdge])
  edges: PaymentTransactionEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: 'One month of transactions in aggregate: the coarse view.', implements: FurnishedRecord })
export class MonthlyTransactionSummary extends FurnishedRecord {
  @Field(() => String, { description: 'YYYY-MM' })
  month: string;

  @Field(() => Int)
  transactionCount: number;

  @Field(() => SafeIntResolver)
  inflowFen: number;

  @Field(() => SafeIntResolver)
  outflowFen: number;
}
