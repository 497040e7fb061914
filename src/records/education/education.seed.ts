import type { KindSeed, RecordContent, SeedBuilder, SourceCode } from '../shared/seeding/builder.js';
import { DATA_START, DAY, NOW, dayStart } from '../shared/seeding/time.js';
import { fieldsOfStudy, universities, vocationalColleges } from '../shared/seeding/zh-data.js';
import { educationLevels, educationRecords } from './education.tables.js';

export type EducationContent = RecordContent<typeof educationRecords>;
type EducationLevel = (typeof educationLevels)[number];

export function degreeContent(b: SeedBuilder, level: EducationLevel, graduationYear: number, over: Partial<EducationContent> = {}): EducationContent {
  const school = level === 'VOCATIONAL' ? b.rand.pick(vocationalColleges) : b.rand.pick(universities);
  const levelCode = { DOCTORATE: '01', MASTER: '02', BACHELOR: '05', VOCATIONAL: '06' }[level];
  return {
    institution: school.name,
    level,
    field: b.rand.pick(fieldsOfStudy),
    graduatedOn: `${graduationYear}-${b.rand.chance(0.9) ? '06-30' : '07-01'}`,
    certificateNumber: `${school.code}1${graduationYear}${levelCode}${b.rand.digits(6)}`,
    issuerConfirmed: true,
    ...over,
  };
}

/** A degree record; the education registry confirms its own, other channels only claim. */
export function degree(b: SeedBuilder, k: number, content: EducationContent, source: SourceCode = 'education-registry', at?: number): void {
  const graduated = content.graduatedOn ? dayStart(content.graduatedOn) : DATA_START;
  const recorded = at ?? b.rand.instant(Math.max(DATA_START, graduated + 7 * DAY), NOW - DAY);
  const prefix = source === 'education-registry' ? 'EDU' : source === 'partner-app' ? 'PA-EDU' : 'EMP-EDU';
  b.chain(educationRecords, source, b.rid(prefix, k), [{ at: recorded, content }]);
}

export function randomEducation(b: SeedBuilder): void {
  const birthYear = Number(b.facts.birthDate.slice(0, 4));
  const lastYear = new Date(NOW).getUTCFullYear() - (new Date(NOW).getUTCMonth() >= 6 ? 0 : 1);
  let level: EducationLevel = b.rand.weighted([
    { weight: 35, value: 'VOCATIONAL' as const },
    { weight: 50, value: 'BACHELOR' as const },
    { weight: 12, value: 'MASTER' as const },
    { weight: 3, value: 'DOCTORATE' as const },
  ]);
  const age = { VOCATIONAL: 21, BACHELOR: 22, MASTER: 25, DOCTORATE: 29 };
  // Younger people cannot hold the higher degrees yet.
  while (level !== 'VOCATIONAL' && birthYear + age[level] > lastYear) {
    level = level === 'DOCTORATE' ? 'MASTER' : level === 'MASTER' ? 'BACHELOR' : 'VOCATIONAL';
  }
  const year = Math.min(lastYear, birthYear + age[level] + b.rand.int(0, 1));
  if (level === 'MASTER' || level === 'DOCTORATE') {
    degree(b, 1, degreeContent(b, 'BACHELOR', year - (level === 'MASTER' ? 3 : 7)));
    degree(b, 2, degreeContent(b, level, year));
  } else {
    degree(b, 1, degreeContent(b, level, year));
  }
}

/** Seven people in ten hold a degree the registry knows of. */
export const seedEducation: KindSeed = (b) => {
  if (b.rand.chance(0.7)) randomEducation(b);
};
