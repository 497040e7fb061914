import DataLoader from 'dataloader';
import { and, desc, getTableColumns, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { versionVisibleAt } from '../shared/versioning.js';
import { servedCondition } from '../shared/served.js';
import { paymentTransactions, type TransactionRow } from './transactions.tables.js';

export interface TransactionPageArgs {
  first: number;
  after: { occurredAt: Date; id: number } | null;
  from: Date | null;
  to: Date | null;
}


/**
 * One page of transactions, newest first, for many people in one statement: a window
 * function numbers each person's rows and the page keeps first + 1 (to know if more follow).
 */
export function transactionPageLoader(db: Db, asOf: Date | null, args: TransactionPageArgs, servedOnly = false) {
  return new DataLoader<string, TransactionRow[]>(async (personIds) => {
    const t = paymentTransactions;
    const conditions: (SQL | undefined)[] = [inArray(t.personId, [...personIds]), versionVisibleAt(t, asOf)];
    if (servedOnly) conditions.push(servedCondition('transaction', asOf !== null));
    if (args.from) conditions.push(gte(t.occurredAt, args.from));
    if (args.to) conditions.push(lt(t.occurredAt, args.to));
    if (args.after) {
      conditions.push(sql`(${t.occurredAt}, ${t.id}) < (${args.after.occurredAt.toISOString()}::timestamptz, ${args.after.id})`);
    }
    const numbered = db
      .select({
        ...getTableColumns(t),
        rank: sql<number>`row_number() over (partition by ${t.personId} order by ${t.occurredAt} desc, ${t.id} desc)`.as('rank'),
      })
      .from(t)
      .where(and(...conditions))
      .as('numbered');
    const rows = await db
      .select()
      .from(numbered)
      .where(lte(numbered.rank, args.first + 1))
      .orderBy(desc(numbered.occurredAt), desc(numbered.id));
    const byPerson = new Map<string, TransactionRow[]>();
    for (const { rank: _rank, ...row } of rows) {
      const r = row as TransactionRow;
      r.asOf = asOf;
      const list = byPerson.get(r.personId);
      if (list) list.push(r);
      else byPerson.set(r.personId, [r]);
    }
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
