import type { KindSeed, RecordContent, SeedBuilder } from '../shared/seeding/builder.js';
import { DATA_START, NOW, dayOf } from '../shared/seeding/time.js';
import { yuan } from '../shared/seeding/draws.js';
import { publicRecords } from './public-records.tables.js';

type PublicRecordContent = RecordContent<typeof publicRecords>;

export interface PublicRecordStep {
  at: number;
  status: PublicRecordContent['status'];
  settledOn?: string;
}

export interface PublicRecordSpec {
  recordType: PublicRecordContent['recordType'];
  authority: string;
  referenceNumber: string;
  amountFen: number;
  imposedOn: string;
  steps: PublicRecordStep[];
}

/** A public record as its authority reported each step: the tax authority, or the courts for enforcement. */
export function publicRecord(b: SeedBuilder, k: number, spec: PublicRecordSpec): void {
  b.chain(
    publicRecords,
    spec.recordType === 'ENFORCEMENT' ? 'court-system' : 'tax-authority',
    b.rid('PR', k),
    spec.steps.map((step) => ({
      at: step.at,
      content: {
        recordType: spec.recordType,
        authority: spec.authority,
        referenceNumber: spec.referenceNumber,
        amountFen: spec.amountFen,
        imposedOn: spec.imposedOn,
        settledOn: step.status === 'SETTLED' ? (step.settledOn ?? dayOf(step.at)) : null,
        status: step.status,
      },
    })),
  );
}

/** About one person in forty has tax arrears on file; most of them settled within months. */
export const seedPublicRecords: KindSeed = (b) => {
  if (!b.rand.chance(0.025)) return;
  const imposed = b.rand.instant(DATA_START, NOW - 90 * 86_400_000);
  const settled = b.rand.chance(0.7) ? b.rand.instant(imposed + 30 * 86_400_000, NOW) : null;
  const home = b.facts.home;
  publicRecord(b, 1, {
    recordType: 'TAX_ARREARS',
    authority: `国家税务总局${home.city}${home.district}税务局`,
    referenceNumber: `${home.code}税欠〔${dayOf(imposed).slice(0, 4)}〕${b.rand.int(100, 9999)}号`,
    amountFen: yuan(b.rand.int(800, 60_000)),
    imposedOn: dayOf(imposed),
    steps: [{ at: imposed + 86_400_000, status: 'OUTSTANDING' }, ...(settled ? [{ at: settled, status: 'SETTLED' as const }] : [])],
  });
};
