import type { Rand } from './random.js';
import { companyBrands, companyIndustries, compounds, mobilePrefixes, streets, surnames, type Region } from './zh-data.js';

/** Small facts several kinds draw: names, phones, addresses, employers, money. */

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const yuan = (y: number) => Math.round(y * 100);

export function personName(rand: Rand, gender: 'M' | 'F' = rand.chance(0.5) ? 'M' : 'F'): string {
  return rand.weighted(surnames) + rand.faker.person.firstName(gender === 'M' ? 'male' : 'female');
}

export function mobile(rand: Rand): string {
  return rand.pick(mobilePrefixes) + rand.digits(8);
}

export function landline(rand: Rand, region: Region): string {
  return `${region.areaCode}-${rand.int(2, 8)}${rand.digits(7)}`;
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

export function employerName(rand: Rand, region: Region): string {
  const city = region.city.replace(/市$/, '');
  return `${city}${rand.pick(companyBrands)}${rand.pick(companyIndustries)}有限公司`;
}

