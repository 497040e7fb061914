/**
 * The rental platform's own records, in memory. They know applicants only by the exchange's
 * stable person id (never the national ID number): the platform stores it once, when the
 * applicant's first check at the exchange succeeds.
 */
export interface TenancyApplicationRecord {
  id: string;
  listing: string;
  monthlyRentFen: number;
  submittedAt: string;
  applicantId: string;
}

export interface TenancyRecord {
  id: string;
  personId: string;
  address: string;
  monthlyRentFen: number;
  startedOn: string;
  endedOn: string | null;
  rentPaidOnTime: boolean;
}

export interface RentalData {
  applications: TenancyApplicationRecord[];
  tenancies: TenancyRecord[];
}

const listings = ['朝阳区 望京 2-bedroom', '浦东新区 陆家嘴 studio', '南山区 科技园 1-bedroom', '天河区 珠江新城 3-bedroom'];
const addresses = ['北京市海淀区中关村大街 27 号', '上海市徐汇区漕溪北路 88 号', '深圳市福田区深南大道 6008 号', '广州市越秀区东风中路 437 号'];

/** Deterministic sample data: one application per applicant, 0 to 2 past tenancies each. */
export function buildRentalData(applicantIds: readonly string[]): RentalData {
  const applications: TenancyApplicationRecord[] = [];
  const tenancies: TenancyRecord[] = [];
  applicantIds.forEach((personId, i) => {
    const rent = 350_000 + (i % 7) * 50_000;
    applications.push({
      id: `APP-${String(i + 1).padStart(4, '0')}`,
      listing: listings[i % listings.length]!,
      monthlyRentFen: rent,
      submittedAt: new Date(Date.UTC(2025, 5, 1 + (i % 28))).toISOString(),
      applicantId: personId,
    });
    for (let k = 0; k < i % 3; k++) {
      tenancies.push({
        id: `TEN-${i + 1}-${k + 1}`,
        personId,
        address: addresses[(i + k) % addresses.length]!,
        monthlyRentFen: rent - 50_000 * (k + 1),
        startedOn: `${2019 + k * 2}-03-01`,
        endedOn: `${2021 + k * 2}-02-28`,
        rentPaidOnTime: (i + k) % 4 !== 3,
      });
    }
  });
  return { applications, tenancies };
}
