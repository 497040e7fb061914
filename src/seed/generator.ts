import { createHash } from 'node:crypto';
import { composeNationalId } from '../records/identity/national-id.js';
import { demoPeople, type DemoPersonName } from './demo-people.js';
import { PersonBuilder, type PersonFacts, type PersonRecords } from './person-builder.js';
import { mobile, personName, streetAddress } from '../records/shared/seeding/draws.js';
import { buildPlantedPerson, plantedCount } from './planted.js';
import { Rand, createFaker } from '../records/shared/seeding/random.js';
import { DATA_START, dayOf } from '../records/shared/seeding/time.js';
import { regions, tierOneRegions } from '../records/shared/seeding/zh-data.js';

export { demoPeople, demoPersonNames, type DemoPersonName } from './demo-people.js';
export { REFERENCE_NOW } from '../records/shared/seeding/time.js';
export { CRITERIA_BURST_START } from './planted.js';
export type { GeneratedRecord, PersonFacts, PersonRecords, KindContent as RecordContent } from './person-builder.js';

export const DEFAULT_TRANSACTIONS_PER_PERSON = 24;

export interface GeneratorOptions {
  /** How many people in all, the planted demo people included (never fewer than those). */
  people: number;
  seed: number;
  /** Payment transactions per person over the last six months (default 24). */
  transactionsPerPerson?: number;
}

export interface GeneratedPerson extends PersonFacts {
  /** Which planted demo person this is, if any. */
  demo: DemoPersonName | null;
  records: PersonRecords;
}

/** The number of people a data set holds: the planted people are always included. */
export function peopleCount(requested: number): number {
  return Math.max(plantedCount, Math.floor(requested));
}

/**
 * A deterministic uuid for person `index`, in the UUIDv7 layout: the 48-bit time field holds
 * DATA_START plus the index in milliseconds and the rest comes from a hash of (seed, index).
 * Ids that grow with the index keep every person_id index append-only while seeding, which
 * at 100k people is several times faster than scattering random uuids over large indexes.
 */
export function personUuid(seed: number, index: number, planted: boolean): string {
  const h = createHash('sha256')
    .update(planted ? `credit-exchange/demo-person/${index}` : `credit-exchange/person/${seed}/${index}`)
    .digest('hex');
  const time = (DATA_START + index).toString(16).padStart(12, '0');
  const variant = ((parseInt(h[0]!, 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${h.slice(1, 4)}-${variant}${h.slice(4, 7)}-${h.slice(7, 19)}`;
}

const BIRTH_FROM = Date.UTC(1955, 0, 1);
const BIRTH_TO = Date.UTC(2005, 0, 1);

/**
 * People and their furnished records, one at a time (a large data set never sits in memory).
 * The planted demo people come first; person i of a seed is the same whatever `people` is,
 * because each person draws from its own stream seeded by (seed, i).
 */
export function* generatePeople(options: GeneratorOptions): Generator<GeneratedPerson> {
  const total = peopleCount(options.people);
  const transactionsPerPerson = options.transactionsPerPerson ?? DEFAULT_TRANSACTIONS_PER_PERSON;
  const rand = new Rand(createFaker());
  const usedIds = new Set<string>(Object.values(demoPeople).map((p) => p.nationalId));
  for (let index = 0; index < total; index++) {
    if (index < plantedCount) {
      const { facts, builder, name } = buildPlantedPerson(rand, index, personUuid(options.seed, index, true), transactionsPerPerson);
      yield { ...facts, demo: name, records: builder.records };
      continue;
    }
    rand.seed([options.seed, index]);
    const facts = randomFacts(rand, options.seed, index, usedIds);
    const builder = new PersonBuilder(rand, facts, transactionsPerPerson);
    yield { ...facts, demo: null, records: builder.buildRandomRecords() };
  }
}

function randomFacts(rand: Rand, seed: number, index: number, usedIds: Set<string>): PersonFacts {
  const gender: 'M' | 'F' = rand.chance(0.5) ? 'M' : 'F';
  const birthRegion = rand.pick(regions);
  let birthDate = '';
  let nationalId = '';
  // The sequence number's parity says the sex: odd for men, even for women.
  for (let attempt = 0; ; attempt++) {
    if (attempt % 8 === 0) birthDate = dayOf(rand.instant(BIRTH_FROM, BIRTH_TO));
    const sequence = gender === 'M' ? 2 * rand.int(0, 498) + 1 : 2 * rand.int(1, 499);
    nationalId = composeNationalId(birthRegion.code, birthDate, sequence);
    if (!usedIds.has(nationalId)) break;
  }
  usedIds.add(nationalId);
  // One in five moved to a first-tier city for work.
  const home = birthRegion.tier !== 1 && rand.chance(0.2) ? rand.pick(tierOneRegions) : birthRegion;
  return {
    index,
    id: personUuid(seed, index, false),
    nationalId,
    name: personName(rand, gender),
    gender,
    birthDate,
    birthRegion,
    home,
    address: streetAddress(rand, home),
    phone: mobile(rand),
  };
}
