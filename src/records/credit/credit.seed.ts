import type { KindSeed, RecordContent, SeedBuilder, Step } from '../shared/seeding/builder.js';
import { yuan } from '../shared/seeding/draws.js';
import { DATA_START, DAY, NOW, addMonths, dayOf, dayStart, monthOf, monthStart, monthsBetween } from '../shared/seeding/time.js';
import { banks, p2pPlatforms } from '../shared/seeding/zh-data.js';
import { creditAccounts, type RepaymentMonth } from './credit.tables.js';

type CreditAccountContent = RecordContent<typeof creditAccounts>;
type CreditAccountKind = CreditAccountContent['accountKind'];
type CreditStatus = CreditAccountContent['status'];

export interface CreditAccountSpec {
  source: 'bank-lender' | 'p2p-lender';
  accountKind: CreditAccountKind;
  finalStatus: CreditStatus;
  versions: number;
  lender?: string;
  limitFen?: number;
  openedOn?: string;
  /** Final days past due (DELINQUENT / DEFAULTED). */
  daysPastDue?: number;
  /** When each version was recorded (default: random, after six months of history). */
  times?: number[];
}

export function creditAccount(b: SeedBuilder, k: number, spec: CreditAccountSpec): void {
  const rand = b.rand;
  const kind = spec.accountKind;
  const limitFen =
    spec.limitFen ??
    yuan(kind === 'BANK_LOAN' ? rand.int(30, 500) * 1000 : kind === 'CREDIT_LINE' ? rand.int(5, 200) * 1000 : rand.int(1, 50) * 1000);
  const opened = spec.openedOn ? dayStart(spec.openedOn) : dayStart(dayOf(NOW - rand.int(7 * 31, 72 * 31) * DAY));
  const firstFrom = Math.max(DATA_START, addMonths(opened, 6) + DAY);
  const times = spec.times ?? rand.instants(spec.versions, firstFrom, NOW - DAY);
  const term = Math.max(kind === 'P2P_LOAN' ? rand.int(6, 24) : rand.int(12, 60), monthsBetween(opened, NOW) + rand.int(3, 36));
  const utilisation = rand.float(0.05, 0.8);
  const phase = rand.float(0, 6.28);
  // Some good accounts were briefly late once, in a month counted from the opening.
  const blipMonth = rand.chance(0.1) ? rand.int(1, monthsBetween(opened, NOW) - 1) : -1;
  const blipDays = rand.int(1, 29);
  const balanceAt = (m: number): number => {
    if (kind === 'CREDIT_LINE') {
      const u = Math.min(0.98, Math.max(0, utilisation + 0.15 * Math.sin(m + phase)));
      return Math.round(limitFen * u);
    }
    return Math.round(limitFen * Math.max(0, 1 - m / term));
  };
  const dpdFor = (status: CreditStatus, last: boolean): number => {
    if (last && spec.daysPastDue !== undefined && (status === 'DELINQUENT' || status === 'DEFAULTED')) return spec.daysPastDue;
    if (status === 'DELINQUENT') return rand.pick([15, 30, 45, 60, 75]) + rand.int(0, 9);
    if (status === 'DEFAULTED') return rand.int(90, 360);
    return 0;
  };
  const statuses: CreditStatus[] = times.map((_, i) => {
    if (i === times.length - 1) return spec.finalStatus;
    if (spec.finalStatus === 'DEFAULTED' && i === times.length - 2) return 'DELINQUENT';
    return 'CURRENT';
  });
  const lender = spec.lender ?? (spec.source === 'bank-lender' ? rand.pick(banks) : rand.pick(p2pPlatforms));
  const steps: Step<typeof creditAccounts>[] = times.map((at, i) => {
    const status = statuses[i]!;
    const dpd = dpdFor(status, i === times.length - 1);
    const months = Math.min(12, monthsBetween(opened, at));
    const history: RepaymentMonth[] = [];
    // Months in arrears stop amortising: the balance stays where the arrears began.
    const arrearsMonths = Math.ceil(dpd / 30);
    for (let j = months; j >= 1; j--) {
      const ms = monthStart(at, -j);
      const sinceOpen = monthsBetween(opened, ms);
      const monthDpd = dpd > 0 ? Math.max(0, dpd - 30 * (j - 1)) : sinceOpen === blipMonth ? blipDays : 0;
      const frozen = dpd > 0 && j <= arrearsMonths ? sinceOpen - (arrearsMonths - j) - 1 : sinceOpen;
      history.push({ month: monthOf(ms), daysPastDue: monthDpd, balanceFen: balanceAt(Math.max(0, frozen)) });
    }
    let balanceFen = history[history.length - 1]?.balanceFen ?? limitFen;
    let closedOn: string | null = null;
    if (status === 'CLOSED') {
      balanceFen = 0;
      history[history.length - 1]!.balanceFen = 0;
      closedOn = dayOf(rand.instant(Math.max(monthStart(at, -1), opened + DAY), monthStart(at)));
    }
    return {
      at,
      content: {
        lender,
        accountKind: kind,
        limitFen,
        balanceFen,
        status,
        daysPastDue: dpd,
        openedOn: dayOf(opened),
        closedOn,
        repaymentHistory: history,
      },
    };
  });
  b.chain(creditAccounts, spec.source, b.rid(spec.source === 'bank-lender' ? 'BK' : 'P2P', k), steps);
}

export function randomCreditAccounts(b: SeedBuilder, count: number): void {
  for (let k = 1; k <= count; k++) {
    const accountKind = b.rand.weighted([
      { weight: 35, value: 'BANK_LOAN' as const },
      { weight: 40, value: 'CREDIT_LINE' as const },
      { weight: 25, value: 'P2P_LOAN' as const },
    ]);
    creditAccount(b, k, {
      source: accountKind === 'P2P_LOAN' ? 'p2p-lender' : 'bank-lender',
      accountKind,
      finalStatus: b.rand.weighted([
        { weight: 72, value: 'CURRENT' as const },
        { weight: 12, value: 'CLOSED' as const },
        { weight: 10, value: 'DELINQUENT' as const },
        { weight: 6, value: 'DEFAULTED' as const },
      ]),
      versions: b.rand.weighted([
        { weight: 50, value: 1 },
        { weight: 35, value: 2 },
        { weight: 15, value: 3 },
      ]),
    });
  }
}

/** One to four accounts, most of them in good standing. */
export const seedCreditAccounts: KindSeed = (b) => {
  randomCreditAccounts(b, b.rand.int(1, 4));
};
