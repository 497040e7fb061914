import { demoPeople, type DemoPersonName } from './demo-people.js';
import { PersonBuilder, type PersonFacts } from './person-builder.js';
import type { Rand } from '../records/shared/seeding/random.js';
import { mobile, streetAddress, yuan } from '../records/shared/seeding/draws.js';
import { DAY, HOUR, MINUTE, NOW } from '../records/shared/seeding/time.js';
import { regionByCode, type Region } from '../records/shared/seeding/zh-data.js';
import { identityContent } from '../records/identity/identity.seed.js';
import { identityRecords } from '../records/identity/identity.tables.js';
import { licenceContent, randomDriverLicence } from '../records/licence-docs/driver-licence.seed.js';
import { driverLicences } from '../records/licence-docs/driver-licence.tables.js';
import { property, propertyContent, vehicle } from '../records/property/property.seed.js';
import { propertyCertificates } from '../records/property/property.tables.js';
import { degree, degreeContent } from '../records/education/education.seed.js';
import { employment, employmentContent, randomEmployment, referees } from '../records/employment/employment.seed.js';
import { employmentRecords } from '../records/employment/employment.tables.js';
import { creditAccount, randomCreditAccounts } from '../records/credit/credit.seed.js';
import { transactions } from '../records/transactions/transactions.seed.js';
import { courtCase } from '../records/courts/courts.seed.js';
import { publicRecord } from '../records/public-records/public-records.seed.js';
import { applicationIdentity } from '../records/application-identity/application-identity.seed.js';

const at = (iso: string) => Date.parse(iso);

function region(code: string): Region {
  const r = regionByCode.get(code);
  if (!r) throw new Error(`unknown region ${code}`);
  return r;
}

interface PlantedSpec {
  name: DemoPersonName;
  gender: 'M' | 'F';
  birthDate: string;
  region: string;
  build: (b: PersonBuilder) => void;
}

/**
 * The instant the criteria burst starts: every change of `criteriaBurst` falls within 24 hours
 * of it, and all of them within the 24 hours before the data set's clock (NOW), so the
 * cross-checks the seed runs at that clock find the burst and quarantine it.
 */
export const CRITERIA_BURST_START = at('2026-10-31T01:00:00Z');

const specs: PlantedSpec[] = [
  {
    name: 'ordinary',
    gender: 'M',
    birthDate: '1988-05-17',
    region: '110105',
    build(b) {
      const f = b.facts;
      const oldAddress = streetAddress(b.rand, region('110108'));
      const oldPhone = mobile(b.rand);
      b.chain(identityRecords, 'identity-registry', `ID-${f.nationalId}`, [
        { at: at('2022-03-14T02:11:05Z'), content: identityContent(b, { address: oldAddress, phone: oldPhone }) },
        { at: at('2024-06-02T07:45:30Z'), content: identityContent(b, { phone: oldPhone }) },
        { at: at('2025-09-18T03:20:12Z'), content: identityContent(b) },
      ]);
      b.chain(driverLicences, 'traffic-authority', `DL-${f.nationalId}`, [
        {
          at: at('2022-05-09T01:00:00Z'),
          content: licenceContent(b, {
            licenceClass: 'C1',
            status: 'VALID',
            penaltyPoints: 0,
            issuedOn: '2018-08-20',
            expiresOn: '2028-08-20',
          }),
        },
      ]);
      property(b, 1, { status: 'ENCUMBERED', floorAreaM2: 89.5, valueFen: yuan(6_086_000), registeredOn: '2019-04-11' });
      vehicle(b, 1, { model: '丰田 卡罗拉', status: 'ACTIVE', valueFen: yuan(92_000), registeredOn: '2020-10-08' });
      degree(b, 1, degreeContent(b, 'BACHELOR', 2010, { institution: '中国人民大学', field: '计算机科学与技术', graduatedOn: '2010-06-30', certificateNumber: '100021201005004217' }));
      employment(b, 
        1,
        employmentContent(b, { occupation: '软件工程师', startedOn: '2010-07-12', endedOn: '2016-03-31', employer: '北京华信科技有限公司' }),
      );
      const current = employmentContent(b, {
        employer: '北京博远网络科技有限公司',
        occupation: '产品经理',
        startedOn: '2016-05-03',
        endedOn: null,
        employerPhone: '010-65871234',
        referees: referees(b, 2),
      });
      b.chain(employmentRecords, 'employer-network', b.rid('EMP', 2), [
        { at: at('2022-08-01T06:00:00Z'), content: { ...current, referees: referees(b, 1) } },
        { at: at('2025-02-17T06:30:00Z'), content: current },
      ]);
      creditAccount(b, 1, {
        source: 'bank-lender',
        accountKind: 'CREDIT_LINE',
        lender: '招商银行',
        finalStatus: 'CURRENT',
        versions: 2,
        limitFen: yuan(80_000),
        openedOn: '2019-03-01',
      });
      creditAccount(b, 2, {
        source: 'bank-lender',
        accountKind: 'BANK_LOAN',
        lender: '中国建设银行',
        finalStatus: 'CURRENT',
        versions: 1,
        limitFen: yuan(150_000),
        openedOn: '2023-06-15',
      });
      transactions(b, b.transactionsPerPerson, yuan(28_000), current.employer);
      // Tax arrears settled two years ago: still served (five years after settlement).
      publicRecord(b, 1, {
        recordType: 'TAX_ARREARS',
        authority: '国家税务总局北京市朝阳区税务局',
        referenceNumber: '京朝税欠〔2024〕0417号',
        amountFen: yuan(12_480),
        imposedOn: '2024-03-01',
        steps: [
          { status: 'OUTSTANDING', at: at('2024-03-02T02:00:00Z') },
          { status: 'SETTLED', at: at('2024-09-12T02:00:00Z'), settledOn: '2024-09-10' },
        ],
      });
      // Someone applied to a P2P platform under his number: right name, the rest theirs.
      applicationIdentity(b, 1, {
        source: 'p2p-lender',
        applicationReference: 'QJB-APP-20261020-0417',
        appliedOn: '2026-10-20',
        at: at('2026-10-20T09:42:00Z'),
        declared: {
          birthDate: '1988-07-15',
          phone: '17052318846',
          address: '广东省深圳市宝安区西乡街道固戍二路88号',
          employer: '深圳市鑫汇达贸易有限公司',
        },
      });
    },
  },
  {
    name: 'suedNotJudged',
    gender: 'F',
    birthDate: '2003-09-12',
    region: '420111',
    build(b) {
      b.chain(identityRecords, 'identity-registry', `ID-${b.facts.nationalId}`, [
        { at: at('2022-01-20T03:00:00Z'), content: identityContent(b) },
      ]);
      degree(b, 1, degreeContent(b, 'BACHELOR', 2025, { institution: '武汉大学', field: '汉语言文学', graduatedOn: '2025-06-30' }));
      // Enrolled in a master's programme: the registry's record of a student has no graduation date yet.
      degree(b, 2, degreeContent(b, 'MASTER', 2028, { institution: '华中科技大学', field: '新闻学', graduatedOn: null, certificateNumber: 'M202510487' + b.rand.digits(4) }), 'education-registry', at('2025-10-10T02:00:00Z'));
      creditAccount(b, 1, {
        source: 'p2p-lender',
        accountKind: 'P2P_LOAN',
        lender: '快借宝',
        finalStatus: 'DELINQUENT',
        versions: 2,
        limitFen: yuan(8_000),
        openedOn: '2025-11-20',
        daysPastDue: 45,
      });
      transactions(b, b.transactionsPerPerson, null, null);
      courtCase(b, 1, {
        role: 'DEFENDANT',
        filedOn: '2026-08-18',
        steps: [
          { status: 'FILED', at: at('2026-08-21T02:30:00Z') },
          { status: 'PENDING', at: at('2026-09-15T08:10:00Z') },
        ],
      });
    },
  },
  {
    name: 'judgmentDebtor',
    gender: 'M',
    birthDate: '1975-02-08',
    region: '440304',
    build(b) {
      const f = b.facts;
      b.chain(identityRecords, 'identity-registry', `ID-${f.nationalId}`, [
        { at: at('2022-02-08T01:00:00Z'), content: identityContent(b, { phone: mobile(b.rand) }) },
        { at: at('2024-09-30T05:00:00Z'), content: identityContent(b) },
      ]);
      b.chain(driverLicences, 'traffic-authority', `DL-${f.nationalId}`, [
        { at: at('2023-04-02T01:00:00Z'), content: licenceContent(b, { licenceClass: 'B2', status: 'VALID', penaltyPoints: 6, issuedOn: '2019-02-11', expiresOn: '2029-02-11' }) },
      ]);
      property(b, 1, { status: 'TRANSFERRED', registeredOn: '2012-07-19' });
      degree(b, 1, degreeContent(b, 'VOCATIONAL', 1996));
      const jobs = randomEmployment(b, 2);
      creditAccount(b, 1, {
        source: 'bank-lender',
        accountKind: 'BANK_LOAN',
        lender: '平安银行',
        finalStatus: 'DEFAULTED',
        versions: 3,
        limitFen: yuan(300_000),
        openedOn: '2021-04-12',
        daysPastDue: 150,
        times: [at('2023-12-01T02:00:00Z'), at('2024-06-03T02:00:00Z'), at('2024-10-08T02:00:00Z')],
      });
      creditAccount(b, 2, { source: 'p2p-lender', accountKind: 'P2P_LOAN', finalStatus: 'CLOSED', versions: 2 });
      const current = jobs.find((j) => j.endedOn === null) ?? null;
      transactions(b, b.transactionsPerPerson, current ? yuan(9_500) : null, current?.employer ?? null);
      // An older case he lost and paid.
      courtCase(b, 1, {
        role: 'DEFENDANT',
        filedOn: '2022-03-10',
        steps: [
          { status: 'PENDING', at: at('2022-04-06T02:00:00Z') },
          { status: 'JUDGMENT', at: at('2022-09-20T02:00:00Z') },
          { status: 'SATISFIED', at: at('2023-01-12T02:00:00Z') },
        ],
        judgmentOn: '2022-09-15',
        judgmentAmountFen: yuan(42_000),
      });
      // A claim the court dismissed.
      courtCase(b, 2, {
        role: 'DEFENDANT',
        filedOn: '2024-02-26',
        steps: [
          { status: 'FILED', at: at('2024-03-01T02:00:00Z') },
          { status: 'DISMISSED', at: at('2024-07-09T02:00:00Z') },
        ],
      });
      // The bank's suit over the defaulted loan: judged, then listed for failing to perform.
      courtCase(b, 3, {
        role: 'DEFENDANT',
        filedOn: '2024-11-05',
        steps: [
          { status: 'FILED', at: at('2024-11-08T02:00:00Z') },
          { status: 'PENDING', at: at('2024-12-10T02:00:00Z') },
          { status: 'JUDGMENT', at: at('2025-06-20T02:00:00Z') },
          { status: 'JUDGMENT', at: at('2025-10-15T02:00:00Z'), judgmentDebtor: true },
        ],
        judgmentOn: '2025-06-16',
        judgmentAmountFen: yuan(286_500),
      });
      // An administrative penalty still outstanding: the coarse FLAG shows it.
      publicRecord(b, 1, {
        recordType: 'ADMINISTRATIVE_PENALTY',
        authority: '国家税务总局深圳市福田区税务局',
        referenceNumber: '深福税罚〔2025〕1182号',
        amountFen: yuan(35_000),
        imposedOn: '2025-08-20',
        steps: [{ status: 'OUTSTANDING', at: at('2025-08-22T02:00:00Z') }],
      });
    },
  },
  {
    name: 'propertyMismatch',
    gender: 'F',
    birthDate: '1982-11-23',
    region: '310115',
    build(b) {
      b.chain(identityRecords, 'identity-registry', `ID-${b.facts.nationalId}`, [
        { at: at('2022-05-16T04:00:00Z'), content: identityContent(b) },
      ]);
      property(b, 1, { status: 'ACTIVE', registeredOn: '2015-09-03' });
      // The registry's certificate spells the owner's name with a different character.
      b.chain(propertyCertificates, 'property-registry', b.rid('PR', 2), [
        {
          at: at('2026-09-22T03:15:00Z'),
          content: propertyContent(b, 2, { ownerName: '刘方', status: 'ACTIVE', registeredOn: '2026-09-08' }),
        },
      ]);
      degree(b, 1, degreeContent(b, 'BACHELOR', 2004));
      const jobs = randomEmployment(b, 1);
      randomCreditAccounts(b, 2);
      transactions(b, b.transactionsPerPerson, yuan(21_000), jobs[jobs.length - 1]?.employer ?? null);
    },
  },
  {
    name: 'degreeNonAuthoritative',
    gender: 'M',
    birthDate: '1995-07-30',
    region: '510107',
    build(b) {
      b.chain(identityRecords, 'identity-registry', `ID-${b.facts.nationalId}`, [
        { at: at('2022-07-01T04:00:00Z'), content: identityContent(b) },
      ]);
      randomDriverLicence(b);
      // Claimed through the employer network only; the education registry has nothing.
      degree(b, 
        1,
        degreeContent(b, 'MASTER', 2020, { institution: '清华大学', field: '金融学', graduatedOn: '2020-06-30', issuerConfirmed: false }),
        'employer-network',
        at('2024-03-11T06:00:00Z'),
      );
      const job = employmentContent(b, { occupation: '数据分析师', startedOn: '2020-08-03', endedOn: null });
      employment(b, 1, job);
      randomCreditAccounts(b, 1);
      transactions(b, b.transactionsPerPerson, yuan(16_000), job.employer);
    },
  },
  {
    name: 'criteriaBurst',
    gender: 'F',
    birthDate: '1992-03-04',
    region: '330106',
    build(b) {
      const f = b.facts;
      const burst = (h: number, m = 0) => CRITERIA_BURST_START + h * HOUR + m * MINUTE;
      b.chain(identityRecords, 'identity-registry', `ID-${f.nationalId}`, [
        { at: at('2023-05-10T02:00:00Z'), content: identityContent(b) },
      ]);
      const newPhone = mobile(b.rand);
      const newAddress = streetAddress(b.rand, region('440305'));
      b.chain(identityRecords, 'partner-app', b.rid('PA-ID', 1), [
        { at: at('2025-03-12T09:00:00Z'), content: identityContent(b) },
        { at: burst(0, 10), content: identityContent(b, { phone: newPhone }) },
        { at: burst(1, 40), content: identityContent(b, { phone: newPhone, address: newAddress }) },
      ]);
      degree(b, 1, degreeContent(b, 'BACHELOR', 2014, { institution: '杭州电子科技大学', field: '会计学', graduatedOn: '2014-06-30' }));
      const job = employmentContent(b, { occupation: '会计', startedOn: '2019-03-18', endedOn: null });
      b.chain(employmentRecords, 'employer-network', b.rid('EMP', 1), [{ at: at('2022-04-06T03:00:00Z'), content: job }]);
      creditAccount(b, 1, { source: 'bank-lender', accountKind: 'CREDIT_LINE', finalStatus: 'CURRENT', versions: 2 });
      creditAccount(b, 2, { source: 'p2p-lender', accountKind: 'P2P_LOAN', finalStatus: 'CURRENT', versions: 1 });
      transactions(b, b.transactionsPerPerson, yuan(12_500), job.employer);
      // Within one day, through the partner app: a certificate, a degree, an occupation, referees.
      b.chain(propertyCertificates, 'partner-app', b.rid('PA-PR', 1), [
        { at: burst(3, 5), content: propertyContent(b, 1, { status: 'ACTIVE', registeredOn: '2021-06-18' }) },
      ]);
      degree(b, 
        1,
        degreeContent(b, 'MASTER', 2018, { institution: '浙江大学', field: '金融学', graduatedOn: '2018-06-30', issuerConfirmed: false }),
        'partner-app',
        burst(4, 30),
      );
      const declared = job;
      b.chain(employmentRecords, 'partner-app', b.rid('PA-EMP', 1), [
        { at: at('2025-03-12T09:05:00Z'), content: declared },
        { at: burst(6), content: { ...declared, occupation: '财务经理' } },
        { at: burst(7, 20), content: { ...declared, occupation: '财务经理', referees: referees(b, 3) } },
      ]);
    },
  },
];

export const plantedCount = specs.length;

/** A stream seed of their own, so the demo people are the same whatever the data set's seed. */
const PLANTED_STREAM = 0x5eed_de30;

export function buildPlantedPerson(rand: Rand, index: number, id: string, transactionsPerPerson: number): { facts: PersonFacts; builder: PersonBuilder; name: DemoPersonName } {
  const spec = specs[index]!;
  rand.seed([PLANTED_STREAM, index]);
  const home = region(spec.region);
  const facts: PersonFacts = {
    index,
    id,
    nationalId: demoPeople[spec.name].nationalId,
    name: demoPeople[spec.name].name,
    gender: spec.gender,
    birthDate: spec.birthDate,
    birthRegion: home,
    home,
    address: streetAddress(rand, home),
    phone: mobile(rand),
  };
  const builder = new PersonBuilder(rand, facts, transactionsPerPerson);
  spec.build(builder);
  return { facts, builder, name: spec.name };
}

export const plantedOrder: readonly DemoPersonName[] = specs.map((s) => s.name);

// Sanity: the burst (its changes span 7 h 20 min) must fall within the day before the reference now.
if (CRITERIA_BURST_START < NOW - DAY || CRITERIA_BURST_START + 8 * HOUR > NOW) throw new Error('criteria burst must fall within the day before the reference now');
