import type { KindSeed, RecordContent, SeedBuilder, SourceCode, Step } from '../shared/seeding/builder.js';
import { pad, streetAddress, yuan } from '../shared/seeding/draws.js';
import { DATA_START, DAY, NOW, addYears, ageAt, dayOf, dayStart } from '../shared/seeding/time.js';
import { vehicleModels, type Region } from '../shared/seeding/zh-data.js';
import { propertyCertificates, vehicleRegistrations } from './property.tables.js';

export type PropertyContent = RecordContent<typeof propertyCertificates>;
export type VehicleContent = RecordContent<typeof vehicleRegistrations>;

// ---- property -------------------------------------------------------------------------

function certificateNumber(b: SeedBuilder, region: Region, registered: number, k: number): string {
  // Multiplying by a number coprime to 10^7 scatters the serials without repeating one.
  const serial = ((b.facts.index * 4 + k) * 7919) % 10_000_000;
  const place = region.province === region.city ? region.district : region.city;
  return `${region.abbr}(${new Date(registered).getUTCFullYear()})${place}不动产权第${pad(serial, 7)}号`;
}

export function propertyContent(b: SeedBuilder, k: number, over: Partial<PropertyContent> = {}): PropertyContent {
  const { rand, facts } = b;
  const region = facts.home;
  const birth = dayStart(facts.birthDate);
  const registered = rand.instant(Math.max(addYears(birth, 22), Date.UTC(2005, 0, 1)), NOW - 60 * DAY);
  const area = Math.round(rand.float(38, 180) * 10) / 10;
  const perM2 = region.tier === 1 ? rand.int(45_000, 110_000) : region.tier === 2 ? rand.int(14_000, 45_000) : rand.int(7_000, 20_000);
  const registeredOn = over.registeredOn ?? dayOf(registered);
  return {
    certificateNumber: certificateNumber(b, region, dayStart(registeredOn), k),
    address: streetAddress(rand, region),
    floorAreaM2: area,
    valueFen: yuan(Math.round((area * perM2) / 1000) * 1000),
    ownerNationalId: facts.nationalId,
    ownerName: facts.name,
    status: rand.weighted([
      { weight: 65, value: 'ACTIVE' },
      { weight: 30, value: 'ENCUMBERED' },
      { weight: 5, value: 'TRANSFERRED' },
    ]),
    ...over,
    registeredOn,
  };
}

/** A certificate from the property registry; a mortgage release or a sale adds a version. */
export function property(b: SeedBuilder, k: number, over: Partial<PropertyContent> = {}, source: SourceCode = 'property-registry'): void {
  const final = propertyContent(b, k, over);
  const from = Math.max(DATA_START, dayStart(final.registeredOn!) + DAY);
  const earlier = final.status === 'TRANSFERRED' ? 'ACTIVE' : final.status === 'ACTIVE' && b.rand.chance(0.3) ? 'ENCUMBERED' : null;
  const times = b.rand.instants(earlier ? 2 : 1, from, NOW - DAY);
  const steps: Step<typeof propertyCertificates>[] = earlier
    ? [
        { at: times[0]!, content: { ...final, status: earlier } },
        { at: times[1]!, content: final },
      ]
    : [{ at: times[0]!, content: final }];
  b.chain(propertyCertificates, source, b.rid('PR', k), steps);
}

/** Four in ten adults of 23 or more own a home, a few of them two. */
export const seedProperty: KindSeed = (b) => {
  if (ageAt(b.facts.birthDate, NOW) >= 23 && b.rand.chance(0.4)) {
    const n = b.rand.chance(0.75) ? 1 : 2;
    for (let k = 1; k <= n; k++) property(b, k);
  }
};

// ---- vehicles -------------------------------------------------------------------------

const PLATE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const VIN_CHARS = [...'0123456789ABCDEFGHJKLMNPRSTUVWXYZ'];
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_VALUES: Record<string, number> = Object.fromEntries(
  [...'0123456789'].map((c, i) => [c, i]).concat(
    [...'ABCDEFGH'].map((c, i) => [c, i + 1]),
    [...'JKLMN'].map((c, i) => [c, i + 1]),
    [['P', 7]],
    [['R', 9]],
    [...'STUVWXYZ'].map((c, i) => [c, i + 2]),
  ),
);
const EV_MODELS = /EV|特斯拉|理想|MINIEV/;

function plate(b: SeedBuilder, k: number, ev: boolean): string {
  let v = ((b.facts.index * 3 + k) * 1_000_003) % 34 ** 5;
  let s = '';
  for (let i = 0; i < 5; i++) {
    s = PLATE_CHARS[v % 34]! + s;
    v = Math.floor(v / 34);
  }
  return `${b.facts.home.abbr}${b.facts.home.plateLetter}${ev ? 'D' : ''}${s}`;
}

function vin(b: SeedBuilder): string {
  const chars = Array.from({ length: 17 }, () => b.rand.pick(VIN_CHARS));
  chars[0] = 'L'; // vehicles made in China
  let sum = 0;
  chars.forEach((c, i) => (sum += (VIN_VALUES[c] ?? 0) * VIN_WEIGHTS[i]!));
  chars[8] = sum % 11 === 10 ? 'X' : String(sum % 11);
  return chars.join('');
}

export function vehicleContent(b: SeedBuilder, k: number, over: Partial<VehicleContent> = {}): VehicleContent {
  const { rand, facts } = b;
  const model = rand.pick(vehicleModels);
  const registered = rand.instant(Math.max(addYears(dayStart(facts.birthDate), 20), NOW - 12 * 365 * DAY), NOW - 30 * DAY);
  const ageYears = (NOW - registered) / (365 * DAY);
  const price = rand.float(model.minYuan, model.maxYuan) * Math.pow(0.85, ageYears);
  return {
    plateNumber: plate(b, k, EV_MODELS.test(model.model)),
    vin: vin(b),
    model: model.model,
    valueFen: yuan(Math.round(price / 100) * 100),
    ownerNationalId: facts.nationalId,
    ownerName: facts.name,
    status: rand.weighted([
      { weight: 75, value: 'ACTIVE' },
      { weight: 20, value: 'ENCUMBERED' },
      { weight: 5, value: 'TRANSFERRED' },
    ]),
    registeredOn: dayOf(registered),
    ...over,
  };
}

export function vehicle(b: SeedBuilder, k: number, over: Partial<VehicleContent> = {}): void {
  const final = vehicleContent(b, k, over);
  const from = Math.max(DATA_START, dayStart(final.registeredOn!) + DAY);
  if (final.status !== 'ENCUMBERED' && b.rand.chance(0.25)) {
    const [x, y] = b.rand.instants(2, from, NOW - DAY);
    b.chain(vehicleRegistrations, 'vehicle-registry', b.rid('VR', k), [
      { at: x!, content: { ...final, status: final.status === 'ACTIVE' ? 'ENCUMBERED' : 'ACTIVE' } },
      { at: y!, content: final },
    ]);
  } else {
    b.chain(vehicleRegistrations, 'vehicle-registry', b.rid('VR', k), [{ at: b.rand.instant(from, NOW - DAY), content: final }]);
  }
}

/** About a third of adults of 21 or more own a car, a few of them two. */
export const seedVehicle: KindSeed = (b) => {
  if (ageAt(b.facts.birthDate, NOW) >= 21 && b.rand.chance(0.35)) {
    const n = b.rand.chance(0.85) ? 1 : 2;
    for (let k = 1; k <= n; k++) vehicle(b, k);
  }
};
