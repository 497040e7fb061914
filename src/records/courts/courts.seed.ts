import type { KindSeed, RecordContent, SeedBuilder } from '../shared/seeding/builder.js';
import { yuan } from '../shared/seeding/draws.js';
import { DATA_START, DAY, HOUR, NOW, dayOf, dayStart } from '../shared/seeding/time.js';
import { isRuled } from './courts.service.js';
import { courtRecords } from './courts.tables.js';

type CourtStatus = RecordContent<typeof courtRecords>['status'];

export interface CourtStep {
  status: CourtStatus;
  at: number;
  judgmentDebtor?: boolean;
}

export interface CourtCaseSpec {
  role: 'PLAINTIFF' | 'DEFENDANT';
  filedOn: string;
  steps: CourtStep[];
  judgmentOn?: string;
  judgmentAmountFen?: number;
  /** Civil first instance (民初) unless given. */
  caseType?: string;
}

/** A case in the person's home district court, as the court's registry recorded each step. */
export function courtCase(b: SeedBuilder, k: number, spec: CourtCaseSpec): void {
  const home = b.facts.home;
  const year = spec.filedOn.slice(0, 4);
  const caseNumber = `（${year}）${home.abbr}${home.code.slice(2)}${spec.caseType ?? '民初'}${b.rand.int(1000, 39999)}号`;
  const court = `${home.city}${home.district}人民法院`;
  b.chain(
    courtRecords,
    'court-system',
    b.rid('CT', k),
    spec.steps.map((step) => ({
      at: step.at,
      content: {
        caseNumber,
        court,
        filedOn: spec.filedOn,
        role: spec.role,
        status: step.status,
        judgmentOn: isRuled(step.status) ? (spec.judgmentOn ?? null) : null,
        judgmentAmountFen: isRuled(step.status) ? (spec.judgmentAmountFen ?? null) : null,
        judgmentDebtor: step.judgmentDebtor ?? false,
      },
    })),
  );
}

export function randomCourtCase(b: SeedBuilder, k: number): void {
  const rand = b.rand;
  const final = rand.weighted<CourtStatus>([
    { weight: 5, value: 'FILED' },
    { weight: 25, value: 'PENDING' },
    { weight: 30, value: 'JUDGMENT' },
    { weight: 20, value: 'SATISFIED' },
    { weight: 15, value: 'DISMISSED' },
    { weight: 5, value: 'OVERTURNED' },
  ]);
  const role = rand.chance(0.75) ? 'DEFENDANT' : 'PLAINTIFF';
  const filedRange: Record<string, [number, number]> = {
    FILED: [NOW - 60 * DAY, NOW - 20 * DAY],
    PENDING: [NOW - 400 * DAY, NOW - 70 * DAY],
    JUDGMENT: [DATA_START, NOW - 500 * DAY],
    SATISFIED: [DATA_START, NOW - 560 * DAY],
    DISMISSED: [DATA_START, NOW - 220 * DAY],
    OVERTURNED: [DATA_START, NOW - 600 * DAY],
  };
  const filed = dayStart(dayOf(rand.instant(...filedRange[final]!)));
  const after = (base: number, minDays: number, maxDays: number) => base + rand.int(minDays * 24, maxDays * 24) * HOUR;
  const steps: CourtStep[] = [];
  let judgmentAt = 0;
  const fileStep = () => steps.push({ status: 'FILED', at: after(filed, 3, 10) });
  const pendingStep = () => steps.push({ status: 'PENDING', at: after(filed, 20, 60) });
  const judgmentStep = () => {
    judgmentAt = after(filed, 90, 300);
    steps.push({ status: 'JUDGMENT', at: judgmentAt });
  };
  switch (final) {
    case 'FILED':
      fileStep();
      break;
    case 'PENDING':
      fileStep();
      pendingStep();
      break;
    case 'JUDGMENT':
      fileStep();
      pendingStep();
      judgmentStep();
      if (role === 'DEFENDANT' && rand.chance(0.4)) {
        steps.push({ status: 'JUDGMENT', at: after(judgmentAt, 60, 180), judgmentDebtor: true });
      }
      break;
    case 'SATISFIED':
      pendingStep();
      judgmentStep();
      steps.push({ status: 'SATISFIED', at: after(judgmentAt, 30, 200) });
      break;
    case 'DISMISSED':
      fileStep();
      steps.push({ status: 'DISMISSED', at: after(filed, 60, 200) });
      break;
    case 'OVERTURNED':
      pendingStep();
      judgmentStep();
      steps.push({ status: 'OVERTURNED', at: after(judgmentAt, 90, 240) });
      break;
  }
  courtCase(b, k, {
    role,
    filedOn: dayOf(filed),
    steps,
    judgmentOn: judgmentAt ? dayOf(judgmentAt - rand.int(1, 10) * DAY) : undefined,
    judgmentAmountFen: judgmentAt ? yuan(rand.int(50, 5000) * 100) : undefined,
  });
}

/** One person in twenty has been to court, a few of them twice. */
export const seedCourtCases: KindSeed = (b) => {
  if (b.rand.chance(0.05)) {
    const n = b.rand.chance(0.8) ? 1 : 2;
    for (let k = 1; k <= n; k++) randomCourtCase(b, k);
  }
};
