import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, SafeIntResolver } from '../../kernel/scalars.js';
import { FurnishedRecord } from '../shared/record.types.js';
import { PageInfo } from '../../kernel/pagination.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { paymentChannels, transactionDirections } from './transactions.tables.js';

export const PaymentChannel = enumOf(paymentChannels);
export type PaymentChannel = ValueOf<typeof PaymentChannel>;
registerEnumType(PaymentChannel, {
  name: 'PaymentChannel',
  description: 'How a payment was made.',
  valuesConfig: {
    ALIPAY: { description: 'Alipay.' },
    WECHAT_PAY: { description: 'WeChat Pay.' },
    UNIONPAY: { description: 'A UnionPay card.' },
    BANK_TRANSFER: { description: 'A bank transfer.' },
  },
});

export const TransactionDirection = enumOf(transactionDirections);
export type TransactionDirection = ValueOf<typeof TransactionDirection>;
registerEnumType(TransactionDirection, {
  name: 'TransactionDirection',
  description: "Whether money came into or went out of the person's account.",
  valuesConfig: {
    INFLOW: { description: 'Money received.' },
    OUTFLOW: { description: 'Money paid.' },
  },
});

@ObjectType({ description: 'A payment transaction reported by the clearing house: a raw fact.', implements: FurnishedRecord })
export class PaymentTransaction extends FurnishedRecord {
  @Field(() => DateTimeResolver, { description: 'When the payment was made.' })
  occurredAt: Date;

  @Field(() => SafeIntResolver, { description: 'Amount in fen, always positive; see direction.' })
  amountFen: number;

  @Field(() => TransactionDirection, { description: 'Money in or out.' })
  direction: TransactionDirection;

  @Field(() => PaymentChannel, { description: 'The payment channel.' })
  channel: PaymentChannel;

  @Field(() => String, { description: "The merchant's category, where the clearing house knows it.", nullable: true })
  merchantCategory: string | null;

  @Field(() => String, { description: 'The other party.', nullable: true })
  counterparty: string | null;
}

@ObjectType({ description: 'One payment transaction in a page, with its cursor.' })
export class PaymentTransactionEdge {
  @Field(() => String, { description: 'Where this transaction is in the list: give it as `after` to page on from here.' })
  cursor: string;

  @Field(() => PaymentTransaction, { description: 'The transaction.' })
  node: PaymentTransaction;
}

@ObjectType({ description: "A page of a person's payment transactions, newest first." })
export class PaymentTransactionConnection {
  @Field(() => [PaymentTransactionEdge], { description: 'The transactions of this page, newest first.' })
  edges: PaymentTransactionEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages follow, and the cursor to reach them.' })
  pageInfo: PageInfo;
}

@ObjectType({ description: 'One month of transactions in aggregate: the coarse view.', implements: FurnishedRecord })
export class MonthlyTransactionSummary extends FurnishedRecord {
  @Field(() => String, { description: 'YYYY-MM' })
  month: string;

  @Field(() => Int, { description: 'Payments in the month.' })
  transactionCount: number;

  @Field(() => SafeIntResolver, { description: 'Money in over the month, in fen.' })
  inflowFen: number;

  @Field(() => SafeIntResolver, { description: 'Money out over the month, in fen.' })
  outflowFen: number;
}
