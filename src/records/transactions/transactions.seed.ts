import type { KindSeed, RecordContent, SeedBuilder } from '../shared/seeding/builder.js';
import { pad, personName, yuan } from '../shared/seeding/draws.js';
import { DAY, HOUR, NOW, SECOND, dayStart, monthOf, monthStart } from '../shared/seeding/time.js';
import { merchantCategories } from '../shared/seeding/zh-data.js';
import { employmentRecords } from '../employment/employment.tables.js';
import { paymentChannels, paymentTransactions, transactionMonths } from './transactions.tables.js';

/**
 * `count` transactions over the six calendar months before the reference month, plus the
 * clearing house's monthly aggregate of each of those months, computed from them (so the
 * transactionMonth kind has no seed hook of its own: its records are built here).
 */
export function transactions(b: SeedBuilder, count: number, salaryFen: number | null, employer: string | null): void {
  if (count <= 0) return;
  const rand = b.rand;
  const windowStart = monthStart(NOW, -6);
  const windowEnd = monthStart(NOW);
  const txs: Array<RecordContent<typeof paymentTransactions>> = [];
  const salaryMonths = salaryFen !== null && employer !== null && count >= 12 ? 6 : 0;
  for (let m = 0; m < salaryMonths; m++) {
    const at = monthStart(windowStart, m) + 9 * DAY + 9 * HOUR + rand.int(0, 7200) * SECOND;
    txs.push({
      occurredAt: new Date(at),
      amountFen: salaryFen! + rand.int(-5, 5) * 1000,
      direction: 'INFLOW',
      channel: 'BANK_TRANSFER',
      merchantCategory: null,
      counterparty: employer,
    });
  }
  for (let i = salaryMonths; i < count; i++) {
    const at = rand.instant(windowStart, windowEnd - 6 * HOUR);
    if (rand.chance(0.1)) {
      txs.push({
        occurredAt: new Date(at),
        amountFen: yuan(rand.int(50, 5000)),
        direction: 'INFLOW',
        channel: rand.pick(['ALIPAY', 'WECHAT_PAY', 'BANK_TRANSFER']),
        merchantCategory: null,
        counterparty: personName(rand),
      });
      continue;
    }
    const cat = rand.weighted(merchantCategories.map((c) => ({ weight: c.weight, value: c })));
    txs.push({
      occurredAt: new Date(at),
      amountFen: rand.int(cat.minYuan * 100, cat.maxYuan * 100),
      direction: 'OUTFLOW',
      channel: rand.weighted([
        { weight: 40, value: paymentChannels[0]! },
        { weight: 40, value: paymentChannels[1]! },
        { weight: 15, value: paymentChannels[2]! },
        { weight: 5, value: paymentChannels[3]! },
      ]),
      merchantCategory: cat.category,
      counterparty: rand.pick(cat.merchants),
    });
  }
  txs.sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime());
  const months = new Map<string, { transactionCount: number; inflowFen: number; outflowFen: number }>();
  for (let m = 0; m < 6; m++) months.set(monthOf(monthStart(windowStart, m)), { transactionCount: 0, inflowFen: 0, outflowFen: 0 });
  const index = pad(b.facts.index, 8);
  txs.forEach((tx, i) => {
    const at = tx.occurredAt.getTime();
    b.chain(paymentTransactions, 'clearing-house', `TXN-${index}-${pad(i + 1, 5)}`, [
      { at: Math.min(NOW, at + rand.int(60, 4 * 3600) * SECOND), content: tx },
    ]);
    const agg = months.get(monthOf(at))!;
    agg.transactionCount++;
    if (tx.direction === 'INFLOW') agg.inflowFen += tx.amountFen;
    else agg.outflowFen += tx.amountFen;
  });
  for (const [month, agg] of months) {
    // The aggregate of a month is furnished when the month closes.
    const closes = monthStart(dayStart(`${month}-01`), 1);
    b.chain(transactionMonths, 'clearing-house', `AGG-${index}-${month}`, [
      { at: Math.min(NOW, closes + rand.int(1, 3600) * SECOND), content: { month, ...agg } },
    ]);
  }
}

/** The person's payments, a salary among them if they hold a job now (employment is seeded first). */
export const seedTransactions: KindSeed = (b) => {
  const current = b.current(employmentRecords).find((j) => j.endedOn === null) ?? null;
  transactions(b, b.transactionsPerPerson, current ? yuan(b.rand.int(40, 400) * 100) : null, current?.employer ?? null);
};
