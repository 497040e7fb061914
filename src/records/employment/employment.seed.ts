import type { KindSeed, RecordContent, SeedBuilder, SourceCode } from '../shared/seeding/builder.js';
import { employerName, landline, mobile, personName } from '../shared/seeding/draws.js';
import { DATA_START, DAY, NOW, addYears, ageAt, dayOf, dayStart } from '../shared/seeding/time.js';
import { occupations, refereeRelations } from '../shared/seeding/zh-data.js';
import { employmentRecords, type Referee } from './employment.tables.js';

export type EmploymentContent = RecordContent<typeof employmentRecords>;

/** People who vouch for the employee. */
export function referees(b: SeedBuilder, n: number): Referee[] {
  return Array.from({ length: n }, () => ({
    name: personName(b.rand),
    relation: b.rand.pick(refereeRelations),
    phone: mobile(b.rand),
  }));
}

export function employmentContent(b: SeedBuilder, over: Partial<EmploymentContent> = {}): EmploymentContent {
  const region = b.rand.chance(0.85) ? b.facts.home : b.facts.birthRegion;
  return {
    employer: employerName(b.rand, region),
    occupation: b.rand.pick(occupations),
    startedOn: dayOf(NOW - 365 * DAY),
    endedOn: null,
    employerPhone: landline(b.rand, region),
    referees: referees(b, b.rand.int(1, 3)),
    ...over,
  };
}

/** Consecutive jobs, the last one current unless the person has retired. */
export function randomEmployment(b: SeedBuilder, count: number): EmploymentContent[] {
  const { rand, facts } = b;
  const birth = dayStart(facts.birthDate);
  const careerStart = Math.min(addYears(birth, rand.int(18, 23)), NOW - 400 * DAY);
  const retired = ageAt(facts.birthDate, NOW) >= 60 ? addYears(birth, 60) : null;
  let end: number | null = retired;
  let cursor = retired ?? NOW - rand.int(0, 60) * DAY;
  const jobs: EmploymentContent[] = [];
  for (let k = 0; k < count; k++) {
    const start = Math.max(careerStart, cursor - rand.int(120, 8 * 365) * DAY);
    if (start >= cursor - 30 * DAY) break;
    jobs.unshift(employmentContent(b, { startedOn: dayOf(start), endedOn: end === null ? null : dayOf(end) }));
    end = start - rand.int(7, 120) * DAY;
    cursor = end;
    if (cursor <= careerStart + 60 * DAY) break;
  }
  jobs.forEach((job, i) => employment(b, i + 1, job));
  return jobs;
}

/** A job as the employer network reported it; some changed occupation or referees later. */
export function employment(b: SeedBuilder, k: number, final: EmploymentContent, source: SourceCode = 'employer-network'): void {
  const from = Math.max(DATA_START, dayStart(final.startedOn) + DAY);
  const to = final.endedOn ? Math.max(from + DAY, Math.min(NOW - DAY, dayStart(final.endedOn) + 30 * DAY)) : NOW - DAY;
  const prefix = source === 'employer-network' ? 'EMP' : 'PA-EMP';
  if (b.rand.chance(0.25)) {
    const [x, y] = b.rand.instants(2, from, to);
    const before = b.rand.chance(0.5)
      ? { ...final, occupation: b.rand.pick(occupations) }
      : { ...final, referees: referees(b, b.rand.int(1, 2)) };
    b.chain(employmentRecords, source, b.rid(prefix, k), [
      { at: x!, content: final.endedOn ? { ...before, endedOn: null } : before },
      { at: y!, content: final },
    ]);
  } else {
    b.chain(employmentRecords, source, b.rid(prefix, k), [{ at: b.rand.instant(from, to), content: final }]);
  }
}

/** One to three consecutive jobs. */
export const seedEmployment: KindSeed = (b) => {
  randomEmployment(b, b.rand.int(1, 3));
};
