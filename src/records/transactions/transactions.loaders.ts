import { and, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { versionVisibleAt } from '../shared/versioning.js';
import { servedCondition } from '../shared/served.js';
import { decoder, instantParam, projection, type ReadSpec } from '../shared/read-spec.js';
import { paymentTransactions, type TransactionRow } from './transactions.tables.js';

import type { TransactionPageArgs } from './transactions.service.js';

export type { TransactionPageArgs };

const columns = getTableColumns(paymentTransactions);

/**
 * One page of transactions, newest first, for many people in one statement: each person's
 * page keeps first + 1 rows (to know if more follow).
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
        sql`${t.personId} = person.id`,
        versionVisibleAt(t, asOf ? instantParam(p, 'asOf') : null),
        servedOnly ? servedCondition('transaction', asOf !== null, p.now) : undefined,
        args.from ? sql`${t.occurredAt} >= ${instantParam(p, 'from')}` : undefined,
        args.to ? sql`${t.occurredAt} < ${instantParam(p, 'to')}` : undefined,
        args.after ? sql`(${t.occurredAt}, ${t.id}) < (${instantParam(p, 'afterAt')}, ${p.value('afterId')}::bigint)` : undefined,
      ];
      // Per person, newest first down the (person, time, id) index: the served rules are
      // checked only until the page is full, not on every transaction the person has.
      return sql`select page.* from unnest(${p.ids}) as person(id)
        cross join lateral (
          select ${projection(columns)}, ${t.personId} as "_key" from ${t}
          where ${and(...conditions)}
          order by ${t.occurredAt} desc, ${t.id} desc
          limit ${p.value('limit')}::int
        ) page`;
    },
    decode,
    assemble: (rows) => {
      for (const r of rows) r.asOf = asOf;
      return rows as unknown as TransactionRow[];
    },
  };
}

const decode = decoder(columns);
