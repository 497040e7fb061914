/**
 * The seed's clock. Every timestamp of the generated data is computed from this fixed
 * instant, never from the wall clock, so the same seed gives byte-identical data.
 */
export const REFERENCE_NOW = new Date('2026-11-01T00:00:00.000Z');
export const NOW = REFERENCE_NOW.getTime();
/** The exchange started receiving furnished records at this instant. */
export const DATA_START = Date.UTC(2022, 0, 1);

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of an instant (UTC). */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** Midnight UTC of a 'YYYY-MM-DD' day. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** 'YYYY-MM' of an instant (UTC). */
export function monthOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}`;
}

/** Adds calendar months (UTC), clamping the day to the target month's length. */
export function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

export function addYears(ms: number, years: number): number {
  return addMonths(ms, 12 * years);
}

/** Start (UTC) of the month an instant falls in, shifted by `offset` months. */
export function monthStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/** Whole months from a to b (how many month starts lie in (a, b]). */
export function monthsBetween(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  return (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + db.getUTCMonth() - da.getUTCMonth();
}

export function ageAt(birthDate: string, at: number): number {
  const b = new Date(dayStart(birthDate));
  const n = new Date(at);
  let age = n.getUTCFullYear() - b.getUTCFullYear();
  if (n.getUTCMonth() < b.getUTCMonth() || (n.getUTCMonth() === b.getUTCMonth() && n.getUTCDate() < b.getUTCDate())) {
    age--;
  }
  return age;
}
