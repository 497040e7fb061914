import type { KindSeed, RecordContent, SeedBuilder, Step } from '../shared/seeding/builder.js';
import { DATA_START, DAY, NOW, addYears, ageAt, dayOf, dayStart } from '../shared/seeding/time.js';
import { driverLicences } from './driver-licence.tables.js';

export type DriverLicenceContent = RecordContent<typeof driverLicences>;

export function licenceContent(b: SeedBuilder, over: Partial<DriverLicenceContent> = {}): DriverLicenceContent {
  const { rand, facts } = b;
  const birth = dayStart(facts.birthDate);
  const issued = rand.instant(Math.max(addYears(birth, 18), NOW - 12 * 365 * DAY), NOW - 40 * DAY);
  const longTerm = ageAt(facts.birthDate, NOW) > 45 && rand.chance(0.3);
  const expires = longTerm ? null : addYears(issued, rand.chance(0.5) ? 6 : 10);
  const expired = expires !== null && expires < NOW;
  return {
    licenceNumber: facts.nationalId,
    // Heavy-vehicle classes (A, B) are downgraded at 60.
    licenceClass: rand.weighted(
      ageAt(facts.birthDate, NOW) >= 60
        ? [
            { weight: 80, value: 'C1' },
            { weight: 15, value: 'C2' },
            { weight: 5, value: 'D' },
          ]
        : [
            { weight: 70, value: 'C1' },
            { weight: 15, value: 'C2' },
            { weight: 6, value: 'B2' },
            { weight: 3, value: 'B1' },
            { weight: 2, value: 'A2' },
            { weight: 1, value: 'A1' },
            { weight: 3, value: 'D' },
          ],
    ),
    status: expired
      ? 'EXPIRED'
      : rand.weighted([
          { weight: 95, value: 'VALID' },
          { weight: 4, value: 'SUSPENDED' },
          { weight: 1, value: 'REVOKED' },
        ]),
    penaltyPoints: rand.weighted([
      { weight: 60, value: 0 },
      { weight: 15, value: 2 },
      { weight: 12, value: 3 },
      { weight: 8, value: 6 },
      { weight: 5, value: 9 },
    ]),
    issuedOn: dayOf(issued),
    expiresOn: expires === null ? null : dayOf(expires),
    ...over,
  };
}

export function randomDriverLicence(b: SeedBuilder): void {
  const final = licenceContent(b);
  const steps: Step<typeof driverLicences>[] = [];
  const from = Math.max(DATA_START, dayStart(final.issuedOn!) + DAY);
  if (final.penaltyPoints > 0 && b.rand.chance(0.5)) {
    // Points were added by a later report of the traffic authority.
    const [x, y] = b.rand.instants(2, from, NOW - DAY);
    steps.push({ at: x!, content: { ...final, penaltyPoints: 0, status: 'VALID' } }, { at: y!, content: final });
  } else {
    steps.push({ at: b.rand.instant(from, NOW - DAY), content: final });
  }
  b.chain(driverLicences, 'traffic-authority', `DL-${b.facts.nationalId}`, steps);
}

/** Six people in ten hold a licence. */
export const seedDriverLicence: KindSeed = (b) => {
  if (b.rand.chance(0.6)) randomDriverLicence(b);
};
