import type { KindSeed, RecordContent, SeedBuilder, SourceCode } from '../shared/seeding/builder.js';
import { DATA_START, DAY, HOUR, NOW, dayOf, dayStart } from '../shared/seeding/time.js';
import { creditAccounts } from '../credit/credit.tables.js';
import { employmentRecords } from '../employment/employment.tables.js';
import { applicationIdentities } from './application-identity.tables.js';

type ApplicationIdentityContent = RecordContent<typeof applicationIdentities>;

export interface ApplicationSpec {
  source: Extract<SourceCode, 'bank-lender' | 'p2p-lender'>;
  applicationReference: string;
  appliedOn: string;
  /** When the lender furnished it. */
  at: number;
  /** What the applicant declared, where it is not the person's own facts. */
  declared?: Partial<Pick<ApplicationIdentityContent, 'name' | 'birthDate' | 'phone' | 'address' | 'employer'>>;
}

/** The person's current job as the employer network states it, if any. */
const currentEmployer = (b: SeedBuilder) => b.current(employmentRecords).find((j) => j.endedOn === null)?.employer ?? null;

/** The identity declared on one application, as its lender furnished it. */
export function applicationIdentity(b: SeedBuilder, k: number, spec: ApplicationSpec): void {
  const f = b.facts;
  b.chain(applicationIdentities, spec.source, b.rid(spec.source === 'bank-lender' ? 'BK-APP' : 'P2P-APP', k), [
    {
      at: spec.at,
      content: {
        applicationReference: spec.applicationReference,
        appliedOn: spec.appliedOn,
        name: f.name,
        birthDate: f.birthDate,
        phone: f.phone,
        address: f.address,
        employer: currentEmployer(b),
        ...spec.declared,
      },
    },
  ]);
}

/**
 * Half the people whose latest account was opened within the data's span furnished the
 * identity they declared on its application, truthfully: their own facts and current job.
 */
export const seedApplicationIdentities: KindSeed = (b) => {
  const accounts = b.current(creditAccounts).filter((a) => dayStart(a.openedOn) >= DATA_START);
  const latest = accounts.sort((a, c) => a.openedOn.localeCompare(c.openedOn)).at(-1);
  if (!latest || !b.rand.chance(0.5)) return;
  // Applied a few days before the account was opened.
  const at = Math.max(DATA_START + HOUR, Math.min(NOW - HOUR, dayStart(latest.openedOn) - b.rand.int(1, 10) * DAY + b.rand.int(1, 23) * HOUR));
  applicationIdentity(b, 1, {
    source: latest.accountKind === 'P2P_LOAN' ? 'p2p-lender' : 'bank-lender',
    applicationReference: `APP-${dayOf(at).replaceAll('-', '')}-${b.rand.digits(6)}`,
    appliedOn: dayOf(at),
    at,
  });
};
