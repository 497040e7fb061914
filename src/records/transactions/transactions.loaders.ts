import { and, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { versionVisibleAt } from '../shared/versioning.js';
import { servedCondition } from '../shared/served.js';
import { decoder, instantParam, projection, type ReadSpec } from '../shared/read-spec.js';
import { paymentTransactions, type TransactionRow } from './transactions.tables.js';

import type { TransactionPageArgs } from './transactions.service.js';

export type { TransactionPageArgs };

const columns = getTableColumns(paymentTransactions);

/**
 * One page of transactions, newest first, for many people in one statement: a window
 * function numbers each person's rows and the page keeps first + 1 (to know if more follow).
 */
export function transactionPageRead(asOf: Date | null, args: TransactionPageArgs, servedOnly: boolean): ReadSpec<TransactionRow[]> {
  const t = paymentTransactions;
  const values: Record<string, unknown> = { limit: args.first + 1 };
  if (asOf) values.asOf = asOf.toISOString();
  if (args.from) values.from = args.from.toISOString();
  if (args.to) values.to = args.to.toISOString();
  if (args.after) {
    values.afterAt = args.after.occurredAt.toISOString();
    values.afterId = args.after.id;
  }
  const shape = ['asOf', 'from', 'to', 'afterAt'].map((n) => (n in values ? n : '-')).join(',');
  return {
    key: `tx|${shape}|${servedOnly}`,
    values,
    rows: (p) => {
      const conditions: (SQL | undefined)[] = [
        sql`${t.personId} = any(${p.ids})`,
        versionVisibleAt(t, asOf ? instantParam(p, 'asOf') : null),
        servedOnly ? servedCondition('transaction', asOf !== null, p.now) : undefined,
        args.from ? sql`${t.occurredAt} >= ${instantParam(p, 'from')}` : undefined,
        args.to ? sql`${t.occurredAt} < ${instantParam(p, 'to')}` : undefined,
        args.after ? sql`(${t.occurredAt}, ${t.id}) < (${instantParam(p, 'afterAt')}, ${p.value('afterId')}::bigint)` : undefined,
      ];
      return sql`select * from (
          select ${projection(columns)}, ${t.personId} as "_key",
            row_number() over (partition by ${t.personId} order by ${t.occurredAt} desc, ${t.id} desc) as "_rank"
          from ${t} where ${and(...conditions)}
        ) numbered
        where "_rank" <= ${p.value('limit')}::int
        order by "occurredAt" desc, "id" desc`;
    },
    decode: (row) => {
      delete row._rank;
      return decode(row);
    },
    assemble: (rows) => {
      for (const r of rows) r.asOf = asOf;
      return rows as unknown as TransactionRow[];
    },
  };
}

const decode = decoder(columns);
