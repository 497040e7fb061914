import { sql, type SQL } from 'drizzle-orm';

const NEEDS_ESCAPE = /["\\]/;
const ESCAPED = /["\\]/g;

/** One element of a PostgreSQL array literal, quoted. */
export function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`;
}

/** One bind parameter for a whole list: a thousand-parameter IN list costs more to plan. */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map(quoted).join(',')}}`}::text[]`;
}

export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.join(',')}}`}::int[]`;
}

/** A list of UUIDs as one bind parameter (they never need quoting). */
export function uuidArray(values: readonly string[]): SQL {
  return sql`${`{${values.join(',')}}`}::uuid[]`;
}
