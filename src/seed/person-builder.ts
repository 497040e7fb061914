import { seedContentHash as contentHash } from './canonical-hash.js';
import { initialVerification } from '../furnishing/authority.js';
import type { RecordKind, recordTables } from '../records/index.js';
import type { Referee } from '../records/employment/employment.tables.js';
import type { RepaymentMonth } from '../records/credit/credit.tables.js';
import { demoSources, type SourceCode, type SourceKind } from './sources.js';
import type { Rand } from './random.js';
import {
  DATA_START,
  DAY,
  HOUR,
  NOW,
  SECOND,
  addMonths,
  addYears,
  ageAt,
  dayOf,
  dayStart,
  monthOf,
  monthStart,
  monthsBetween,
} from './time.js';
import {
  banks,
  companyBrands,
  companyIndustries,
  compounds,
  fieldsOfStudy,
  merchantCategories,
  mobilePrefixes,
  occupations,
  p2pPlatforms,
  paymentChannels,
  refereeRelations,
  streets,
  surnames,
  universities,
  vehicleModels,
  vocationalColleges,
  type Region,
} from './zh-data.js';

type ProvenanceKey =
  | 'id'
  | 'personId'
  | 'sourceId'
  | 'sourceRecordId'
  | 'receivedAt'
  | 'recordedAt'
  | 'supersededAt'
  | 'verification'
  | 'contentHash';

/** A record's own fields (what its content hash covers), every nullable one present. */
export type RecordContent<K extends RecordKind> = Omit<(typeof recordTables)[K]['$inferSelect'], ProvenanceKey>;

export type SeedVerification = 'VERIFIED' | 'UNVERIFIED';

/** One version of a furnished record, with its provenance. */
export interface GeneratedRecord<K extends RecordKind = RecordKind> {
  source: SourceCode;
  sourceRecordId: string;
  receivedAt: Date;
  recordedAt: Date;
  supersededAt: Date | null;
  verification: SeedVerification;
  contentHash: string;
  content: RecordContent<K>;
}

export type PersonRecords = { [K in RecordKind]: GeneratedRecord<K>[] };

export interface PersonFacts {
  index: number;
  /** Deterministic uuid of the persons row. */
  id: string;
  nationalId: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  birthRegion: Region;
  /** Where the person lives now (differs from the birth region for people who moved). */
  home: Region;
  address: string;
  phone: string;
}

const sourceKindByCode = new Map<string, SourceKind>(demoSources.map((s) => [s.code, s.kind]));

/** The seed starts records as ingestion would: VERIFIED from the authority, else UNVERIFIED. */
export function verificationFor(kind: RecordKind, source: SourceCode): SeedVerification {
  return initialVerification(sourceKindByCode.get(source)!, kind);
}

export function emptyRecords(): PersonRecords {
  return {
    identity: [],
    driverLicence: [],
    property: [],
    vehicle: [],
    education: [],
    employment: [],
    creditAccount: [],
    transaction: [],
    transactionMonth: [],
    court: [],
  };
}

export interface Step<K extends RecordKind> {
  at: number;
  content: RecordContent<K>;
}

export type CreditAccountKind = 'BANK_LOAN' | 'CREDIT_LINE' | 'P2P_LOAN';
export type CreditStatus = 'CURRENT' | 'DELINQUENT' | 'DEFAULTED' | 'CLOSED';
export type CourtStatus = 'FILED' | 'PENDING' | 'JUDGMENT' | 'SATISFIED' | 'DISMISSED' | 'OVERTURNED';
export type EducationLevel = 'VOCATIONAL' | 'BACHELOR' | 'MASTER' | 'DOCTORATE';

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

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const yuan = (y: number) => Math.round(y * 100);
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
const judgmentStatuses: ReadonlySet<CourtStatus> = new Set(['JUDGMENT', 'SATISFIED', 'OVERTURNED']);
const EV_MODELS = /EV|特斯拉|理想|MINIEV/;

export function personName(rand: Rand, gender: 'M' | 'F' = rand.chance(0.5) ? 'M' : 'F'): string {
  return rand.weighted(surnames) + rand.faker.person.firstName(gender === 'M' ? 'male' : 'female');
}

export function mobile(rand: Rand): string {
  return rand.pick(mobilePrefixes) + rand.digits(8);
}

/** A street address in a district: province, city, district, street, compound, flat. */
export function streetAddress(rand: Rand, region: Region): string {
  const prefix = region.province === region.city ? region.city : region.province + region.city;
  const floor = rand.int(1, 28);
  return (
    `${prefix}${region.district}${rand.pick(streets)}${rand.int(1, 399)}号` +
    `${rand.pick(compounds)}${rand.int(1, 30)}栋${rand.int(1, 4)}单元${floor}${pad(rand.int(1, 6), 2)}室`
  );
}

/**
 * Builds one person's records from their own random stream. The random person is built by
 * `buildRandomRecords`; the planted demo people use the same building blocks with fixed facts.
 */
export class PersonBuilder {
  readonly records: PersonRecords = emptyRecords();

  constructor(
    readonly rand: Rand,
    readonly facts: PersonFacts,
    readonly transactionsPerPerson: number,
  ) {}

  /** The source's own id for a record, unique per person and source. */
  rid(prefix: string, k: number): string {
    return `${prefix}-${pad(this.facts.index, 7)}-${k}`;
  }

  /** Appends a record's versions: each closes the previous one at its own recorded instant. */
  chain<K extends RecordKind>(kind: K, source: SourceCode, sourceRecordId: string, steps: Step<K>[]): void {
    const verification = verificationFor(kind, source);
    const list = this.records[kind] as GeneratedRecord<K>[];
    steps.forEach((step, i) => {
      const next = steps[i + 1];
      if (next && next.at <= step.at) throw new Error(`versions of ${sourceRecordId} are not in time order`);
      if (step.at > NOW) throw new Error(`version of ${sourceRecordId} is recorded after the reference now`);
      list.push({
        source,
        sourceRecordId,
        receivedAt: new Date(step.at - this.rand.int(2, 900) * SECOND),
        recordedAt: new Date(step.at),
        supersededAt: next ? new Date(next.at) : null,
        verification,
        contentHash: contentHash(step.content),
        content: step.content,
      });
    });
  }

  // ---- small facts ----------------------------------------------------------------------

  personName(gender?: 'M' | 'F'): string {
    return personName(this.rand, gender);
  }

  mobile(): string {
    return mobile(this.rand);
  }

  landline(region: Region): string {
    return `${region.areaCode}-${this.rand.int(2, 8)}${this.rand.digits(7)}`;
  }

  address(region: Region): string {
    return streetAddress(this.rand, region);
  }

  employerName(region: Region): string {
    const city = region.city.replace(/市$/, '');
    return `${city}${this.rand.pick(companyBrands)}${this.rand.pick(companyIndustries)}有限公司`;
  }

  referees(n: number): Referee[] {
    return Array.from({ length: n }, () => ({
      name: this.personName(),
      relation: this.rand.pick(refereeRelations),
      phone: this.mobile(),
    }));
  }

  // ---- identity -------------------------------------------------------------------------

  identityContent(over: Partial<RecordContent<'identity'>> = {}): RecordContent<'identity'> {
    const f = this.facts;
    return {
      nationalId: f.nationalId,
      name: f.name,
      birthDate: f.birthDate,
      gender: f.gender,
      address: f.address,
      phone: f.phone,
      ...over,
    };
  }

  randomIdentity(): void {
    const versions = this.rand.weighted([
      { weight: 60, value: 1 },
      { weight: 30, value: 2 },
      { weight: 10, value: 3 },
    ]);
    const times = this.rand.instants(versions, DATA_START, NOW - 2 * DAY);
    // The registry's earlier versions held the older address or phone; the last one is current.
    const contents: RecordContent<'identity'>[] = [this.identityContent()];
    for (let i = 1; i < versions; i++) {
      const prev = contents[0]!;
      contents.unshift(
        this.rand.chance(0.7)
          ? { ...prev, address: this.address(this.rand.chance(0.6) ? this.facts.home : this.facts.birthRegion) }
          : { ...prev, phone: this.mobile() },
      );
    }
    this.chain(
      'identity',
      'identity-registry',
      `ID-${this.facts.nationalId}`,
      times.map((at, i) => ({ at, content: contents[i]! })),
    );
  }

  /** What the person declared through a partner app: often the same, sometimes not. */
  randomPartnerIdentity(): void {
    const content = this.identityContent({
      address: this.rand.chance(0.3) ? this.address(this.facts.home) : this.facts.address,
      phone: this.rand.chance(0.2) ? this.mobile() : this.facts.phone,
    });
    this.chain('identity', 'partner-app', this.rid('PA-ID', 1), [
      { at: this.rand.instant(DATA_START, NOW - DAY), content },
    ]);
  }

  // ---- driver licence -------------------------------------------------------------------

  licenceContent(over: Partial<RecordContent<'driverLicence'>> = {}): RecordContent<'driverLicence'> {
    const birth = dayStart(this.facts.birthDate);
    const issued = this.rand.instant(Math.max(addYears(birth, 18), NOW - 12 * 365 * DAY), NOW - 40 * DAY);
    const longTerm = ageAt(this.facts.birthDate, NOW) > 45 && this.rand.chance(0.3);
    const expires = longTerm ? null : addYears(issued, this.rand.chance(0.5) ? 6 : 10);
    const expired = expires !== null && expires < NOW;
    return {
      licenceNumber: this.facts.nationalId,
      // Heavy-vehicle classes (A, B) are downgraded at 60.
      licenceClass: this.rand.weighted(
        ageAt(this.facts.birthDate, NOW) >= 60
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
        : this.rand.weighted([
            { weight: 95, value: 'VALID' },
            { weight: 4, value: 'SUSPENDED' },
            { weight: 1, value: 'REVOKED' },
          ]),
      penaltyPoints: this.rand.weighted([
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

  randomDriverLicence(): void {
    const final = this.licenceContent();
    const steps: Step<'driverLicence'>[] = [];
    const from = Math.max(DATA_START, dayStart(final.issuedOn!) + DAY);
    if (final.penaltyPoints > 0 && this.rand.chance(0.5)) {
      // Points were added by a later report of the traffic authority.
      const [a, b] = this.rand.instants(2, from, NOW - DAY);
      steps.push({ at: a!, content: { ...final, penaltyPoints: 0, status: 'VALID' } }, { at: b!, content: final });
    } else {
      steps.push({ at: this.rand.instant(from, NOW - DAY), content: final });
    }
    this.chain('driverLicence', 'traffic-authority', `DL-${this.facts.nationalId}`, steps);
  }

  // ---- property -------------------------------------------------------------------------

  certificateNumber(region: Region, registered: number, k: number): string {
    // Multiplying by a number coprime to 10^7 scatters the serials without repeating one.
    const serial = ((this.facts.index * 4 + k) * 7919) % 10_000_000;
    const place = region.province === region.city ? region.district : region.city;
    return `${region.abbr}(${new Date(registered).getUTCFullYear()})${place}不动产权第${pad(serial, 7)}号`;
  }

  propertyContent(k: number, over: Partial<RecordContent<'property'>> = {}): RecordContent<'property'> {
    const region = this.facts.home;
    const birth = dayStart(this.facts.birthDate);
    const registered = this.rand.instant(Math.max(addYears(birth, 22), Date.UTC(2005, 0, 1)), NOW - 60 * DAY);
    const area = Math.round(this.rand.float(38, 180) * 10) / 10;
    const perM2 =
      region.tier === 1 ? this.rand.int(45_000, 110_000) : region.tier === 2 ? this.rand.int(14_000, 45_000) : this.rand.int(7_000, 20_000);
    const registeredOn = over.registeredOn ?? dayOf(registered);
    return {
      certificateNumber: this.certificateNumber(region, dayStart(registeredOn), k),
      address: this.address(region),
      floorAreaM2: area,
      valueFen: yuan(Math.round((area * perM2) / 1000) * 1000),
      ownerNationalId: this.facts.nationalId,
      ownerName: this.facts.name,
      status: this.rand.weighted([
        { weight: 65, value: 'ACTIVE' },
        { weight: 30, value: 'ENCUMBERED' },
        { weight: 5, value: 'TRANSFERRED' },
      ]),
      ...over,
      registeredOn,
    };
  }

  /** A certificate from the property registry; a mortgage release or a sale adds a version. */
  property(k: number, over: Partial<RecordContent<'property'>> = {}, source: SourceCode = 'property-registry'): void {
    const final = this.propertyContent(k, over);
    const from = Math.max(DATA_START, dayStart(final.registeredOn!) + DAY);
    const earlier =
      final.status === 'TRANSFERRED' ? 'ACTIVE' : final.status === 'ACTIVE' && this.rand.chance(0.3) ? 'ENCUMBERED' : null;
    const times = this.rand.instants(earlier ? 2 : 1, from, NOW - DAY);
    const steps: Step<'property'>[] = earlier
      ? [
          { at: times[0]!, content: { ...final, status: earlier } },
          { at: times[1]!, content: final },
        ]
      : [{ at: times[0]!, content: final }];
    this.chain('property', source, this.rid('PR', k), steps);
  }

  // ---- vehicles -------------------------------------------------------------------------

  plate(k: number, ev: boolean): string {
    let v = ((this.facts.index * 3 + k) * 1_000_003) % 34 ** 5;
    let s = '';
    for (let i = 0; i < 5; i++) {
      s = PLATE_CHARS[v % 34]! + s;
      v = Math.floor(v / 34);
    }
    return `${this.facts.home.abbr}${this.facts.home.plateLetter}${ev ? 'D' : ''}${s}`;
  }

  vin(): string {
    const chars = Array.from({ length: 17 }, () => this.rand.pick(VIN_CHARS));
    chars[0] = 'L'; // vehicles made in China
    let sum = 0;
    chars.forEach((c, i) => (sum += (VIN_VALUES[c] ?? 0) * VIN_WEIGHTS[i]!));
    chars[8] = sum % 11 === 10 ? 'X' : String(sum % 11);
    return chars.join('');
  }

  vehicleContent(k: number, over: Partial<RecordContent<'vehicle'>> = {}): RecordContent<'vehicle'> {
    const model = this.rand.pick(vehicleModels);
    const registered = this.rand.instant(Math.max(addYears(dayStart(this.facts.birthDate), 20), NOW - 12 * 365 * DAY), NOW - 30 * DAY);
    const ageYears = (NOW - registered) / (365 * DAY);
    const price = this.rand.float(model.minYuan, model.maxYuan) * Math.pow(0.85, ageYears);
    return {
      plateNumber: this.plate(k, EV_MODELS.test(model.model)),
      vin: this.vin(),
      model: model.model,
      valueFen: yuan(Math.round(price / 100) * 100),
      ownerNationalId: this.facts.nationalId,
      ownerName: this.facts.name,
      status: this.rand.weighted([
        { weight: 75, value: 'ACTIVE' },
        { weight: 20, value: 'ENCUMBERED' },
        { weight: 5, value: 'TRANSFERRED' },
      ]),
      registeredOn: dayOf(registered),
      ...over,
    };
  }

  vehicle(k: number, over: Partial<RecordContent<'vehicle'>> = {}): void {
    const final = this.vehicleContent(k, over);
    const from = Math.max(DATA_START, dayStart(final.registeredOn!) + DAY);
    if (final.status !== 'ENCUMBERED' && this.rand.chance(0.25)) {
      const [a, b] = this.rand.instants(2, from, NOW - DAY);
      this.chain('vehicle', 'vehicle-registry', this.rid('VR', k), [
        { at: a!, content: { ...final, status: final.status === 'ACTIVE' ? 'ENCUMBERED' : 'ACTIVE' } },
        { at: b!, content: final },
      ]);
    } else {
      this.chain('vehicle', 'vehicle-registry', this.rid('VR', k), [{ at: this.rand.instant(from, NOW - DAY), content: final }]);
    }
  }

  // ---- education ------------------------------------------------------------------------

  degreeContent(level: EducationLevel, graduationYear: number, over: Partial<RecordContent<'education'>> = {}): RecordContent<'education'> {
    const school = level === 'VOCATIONAL' ? this.rand.pick(vocationalColleges) : this.rand.pick(universities);
    const levelCode = { DOCTORATE: '01', MASTER: '02', BACHELOR: '05', VOCATIONAL: '06' }[level];
    return {
      institution: school.name,
      level,
      field: this.rand.pick(fieldsOfStudy),
      graduatedOn: `${graduationYear}-${this.rand.chance(0.9) ? '06-30' : '07-01'}`,
      certificateNumber: `${school.code}1${graduationYear}${levelCode}${this.rand.digits(6)}`,
      issuerConfirmed: true,
      ...over,
    };
  }

  /** A degree record; the education registry confirms its own, other channels only claim. */
  degree(k: number, content: RecordContent<'education'>, source: SourceCode = 'education-registry', at?: number): void {
    const graduated = content.graduatedOn ? dayStart(content.graduatedOn) : DATA_START;
    const recorded = at ?? this.rand.instant(Math.max(DATA_START, graduated + 7 * DAY), NOW - DAY);
    const prefix = source === 'education-registry' ? 'EDU' : source === 'partner-app' ? 'PA-EDU' : 'EMP-EDU';
    this.chain('education', source, this.rid(prefix, k), [{ at: recorded, content }]);
  }

  randomEducation(): void {
    const birthYear = Number(this.facts.birthDate.slice(0, 4));
    const lastYear = new Date(NOW).getUTCFullYear() - (new Date(NOW).getUTCMonth() >= 6 ? 0 : 1);
    let level: EducationLevel = this.rand.weighted([
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
    const year = Math.min(lastYear, birthYear + age[level] + this.rand.int(0, 1));
    if (level === 'MASTER' || level === 'DOCTORATE') {
      this.degree(1, this.degreeContent('BACHELOR', year - (level === 'MASTER' ? 3 : 7)));
      this.degree(2, this.degreeContent(level, year));
    } else {
      this.degree(1, this.degreeContent(level, year));
    }
  }

  // ---- employment -----------------------------------------------------------------------

  employmentContent(over: Partial<RecordContent<'employment'>> = {}): RecordContent<'employment'> {
    const region = this.rand.chance(0.85) ? this.facts.home : this.facts.birthRegion;
    return {
      employer: this.employerName(region),
      occupation: this.rand.pick(occupations),
      startedOn: dayOf(NOW - 365 * DAY),
      endedOn: null,
      employerPhone: this.landline(region),
      referees: this.referees(this.rand.int(1, 3)),
      ...over,
    };
  }

  /** Consecutive jobs, the last one current unless the person has retired. */
  randomEmployment(count: number): RecordContent<'employment'>[] {
    const birth = dayStart(this.facts.birthDate);
    const careerStart = Math.min(addYears(birth, this.rand.int(18, 23)), NOW - 400 * DAY);
    const retired = ageAt(this.facts.birthDate, NOW) >= 60 ? addYears(birth, 60) : null;
    let end: number | null = retired;
    let cursor = retired ?? NOW - this.rand.int(0, 60) * DAY;
    const jobs: RecordContent<'employment'>[] = [];
    for (let k = 0; k < count; k++) {
      const start = Math.max(careerStart, cursor - this.rand.int(120, 8 * 365) * DAY);
      if (start >= cursor - 30 * DAY) break;
      jobs.unshift(this.employmentContent({ startedOn: dayOf(start), endedOn: end === null ? null : dayOf(end) }));
      end = start - this.rand.int(7, 120) * DAY;
      cursor = end;
      if (cursor <= careerStart + 60 * DAY) break;
    }
    jobs.forEach((job, i) => this.employment(i + 1, job));
    return jobs;
  }

  /** A job as the employer network reported it; some changed occupation or referees later. */
  employment(k: number, final: RecordContent<'employment'>, source: SourceCode = 'employer-network'): void {
    const from = Math.max(DATA_START, dayStart(final.startedOn) + DAY);
    const to = final.endedOn ? Math.max(from + DAY, Math.min(NOW - DAY, dayStart(final.endedOn) + 30 * DAY)) : NOW - DAY;
    const prefix = source === 'employer-network' ? 'EMP' : 'PA-EMP';
    if (this.rand.chance(0.25)) {
      const [a, b] = this.rand.instants(2, from, to);
      const before = this.rand.chance(0.5)
        ? { ...final, occupation: this.rand.pick(occupations) }
        : { ...final, referees: this.referees(this.rand.int(1, 2)) };
      this.chain('employment', source, this.rid(prefix, k), [
        { at: a!, content: final.endedOn ? { ...before, endedOn: null } : before },
        { at: b!, content: final },
      ]);
    } else {
      this.chain('employment', source, this.rid(prefix, k), [{ at: this.rand.instant(from, to), content: final }]);
    }
  }

  // ---- credit accounts ------------------------------------------------------------------

  creditAccount(k: number, spec: CreditAccountSpec): void {
    const rand = this.rand;
    const kind = spec.accountKind;
    const limitFen =
      spec.limitFen ??
      yuan(
        kind === 'BANK_LOAN'
          ? rand.int(30, 500) * 1000
          : kind === 'CREDIT_LINE'
            ? rand.int(5, 200) * 1000
            : rand.int(1, 50) * 1000,
      );
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
    const steps: Step<'creditAccount'>[] = times.map((at, i) => {
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
    this.chain('creditAccount', spec.source, this.rid(spec.source === 'bank-lender' ? 'BK' : 'P2P', k), steps);
  }

  randomCreditAccounts(count: number): void {
    for (let k = 1; k <= count; k++) {
      const accountKind = this.rand.weighted([
        { weight: 35, value: 'BANK_LOAN' as const },
        { weight: 40, value: 'CREDIT_LINE' as const },
        { weight: 25, value: 'P2P_LOAN' as const },
      ]);
      this.creditAccount(k, {
        source: accountKind === 'P2P_LOAN' ? 'p2p-lender' : 'bank-lender',
        accountKind,
        finalStatus: this.rand.weighted([
          { weight: 72, value: 'CURRENT' as const },
          { weight: 12, value: 'CLOSED' as const },
          { weight: 10, value: 'DELINQUENT' as const },
          { weight: 6, value: 'DEFAULTED' as const },
        ]),
        versions: this.rand.weighted([
          { weight: 50, value: 1 },
          { weight: 35, value: 2 },
          { weight: 15, value: 3 },
        ]),
      });
    }
  }

  // ---- payment transactions -------------------------------------------------------------

  /**
   * `count` transactions over the six calendar months before the reference month, plus the
   * clearing house's monthly aggregate of each of those months, computed from them.
   */
  transactions(count: number, salaryFen: number | null, employer: string | null): void {
    if (count <= 0) return;
    const rand = this.rand;
    const windowStart = monthStart(NOW, -6);
    const windowEnd = monthStart(NOW);
    const txs: Array<RecordContent<'transaction'>> = [];
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
          counterparty: this.personName(),
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
    txs.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    const months = new Map<string, { transactionCount: number; inflowFen: number; outflowFen: number }>();
    for (let m = 0; m < 6; m++) months.set(monthOf(monthStart(windowStart, m)), { transactionCount: 0, inflowFen: 0, outflowFen: 0 });
    txs.forEach((tx, i) => {
      const at = tx.occurredAt.getTime();
      this.chain('transaction', 'clearing-house', `TXN-${pad(this.facts.index, 8)}-${pad(i + 1, 5)}`, [
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
      this.chain('transactionMonth', 'clearing-house', `AGG-${pad(this.facts.index, 8)}-${month}`, [
        { at: Math.min(NOW, closes + rand.int(1, 3600) * SECOND), content: { month, ...agg } },
      ]);
    }
  }

  // ---- court records --------------------------------------------------------------------

  court(): string {
    const r = this.facts.home;
    return `${r.city}${r.district}人民法院`;
  }

  courtCase(k: number, spec: CourtCaseSpec): void {
    const home = this.facts.home;
    const year = spec.filedOn.slice(0, 4);
    const caseNumber = `（${year}）${home.abbr}${home.code.slice(2)}${spec.caseType ?? '民初'}${this.rand.int(1000, 39999)}号`;
    const court = this.court();
    this.chain(
      'court',
      'court-system',
      this.rid('CT', k),
      spec.steps.map((step) => ({
        at: step.at,
        content: {
          caseNumber,
          court,
          filedOn: spec.filedOn,
          role: spec.role,
          status: step.status,
          judgmentOn: judgmentStatuses.has(step.status) ? (spec.judgmentOn ?? null) : null,
          judgmentAmountFen: judgmentStatuses.has(step.status) ? (spec.judgmentAmountFen ?? null) : null,
          judgmentDebtor: step.judgmentDebtor ?? false,
        },
      })),
    );
  }

  randomCourtCase(k: number): void {
    const rand = this.rand;
    const final = rand.weighted<CourtStatus>([
      { weight: 5, value: 'FILED' },
      { weight: 25, value: 'PENDING' },
      { weight: 30, value: 'JUDGMENT' },
      { weight: 20, value: 'SATISFIED' },
      { weight: 15, value: 'DISMISSED' },
      { weight: 5, value: 'OVERTURNED' },
    ]);
    const role = rand.chance(0.75) ? 'DEFENDANT' : 'PLAINTIFF';
    const filedRange: Record<CourtStatus, [number, number]> = {
      FILED: [NOW - 60 * DAY, NOW - 20 * DAY],
      PENDING: [NOW - 400 * DAY, NOW - 70 * DAY],
      JUDGMENT: [DATA_START, NOW - 500 * DAY],
      SATISFIED: [DATA_START, NOW - 560 * DAY],
      DISMISSED: [DATA_START, NOW - 220 * DAY],
      OVERTURNED: [DATA_START, NOW - 600 * DAY],
    };
    const filed = dayStart(dayOf(rand.instant(...filedRange[final])));
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
    this.courtCase(k, {
      role,
      filedOn: dayOf(filed),
      steps,
      judgmentOn: judgmentAt ? dayOf(judgmentAt - rand.int(1, 10) * DAY) : undefined,
      judgmentAmountFen: judgmentAt ? yuan(rand.int(50, 5000) * 100) : undefined,
    });
  }

  // ---- a random person ------------------------------------------------------------------

  buildRandomRecords(): PersonRecords {
    const rand = this.rand;
    this.randomIdentity();
    if (rand.chance(0.2)) this.randomPartnerIdentity();
    if (rand.chance(0.6)) this.randomDriverLicence();
    const age = ageAt(this.facts.birthDate, NOW);
    if (age >= 23 && rand.chance(0.4)) {
      const n = rand.chance(0.75) ? 1 : 2;
      for (let k = 1; k <= n; k++) this.property(k);
    }
    if (age >= 21 && rand.chance(0.35)) {
      const n = rand.chance(0.85) ? 1 : 2;
      for (let k = 1; k <= n; k++) this.vehicle(k);
    }
    if (rand.chance(0.7)) this.randomEducation();
    const jobs = this.randomEmployment(rand.int(1, 3));
    this.randomCreditAccounts(rand.int(1, 4));
    const current = jobs.find((j) => j.endedOn === null) ?? null;
    this.transactions(this.transactionsPerPerson, current ? yuan(rand.int(40, 400) * 100) : null, current?.employer ?? null);
    if (rand.chance(0.05)) {
      const n = rand.chance(0.8) ? 1 : 2;
      for (let k = 1; k <= n; k++) this.randomCourtCase(k);
    }
    return this.records;
  }
}
