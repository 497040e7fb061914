import { parseNationalId } from '../identity/national-id.js';
import { UNSTORABLE_TEXT } from '../../db/storable-text.js';

/**
 * The checks a furnished record's fields are made of. Hand-written small validators: they
 * run once per line of a million-line file, and each rejection names the field and the
 * reason in words a furnisher can act on. A kind composes them once, in its descriptor
 * (`content`, `rules`, `normalise`); nothing here is built per record.
 */

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Checks one value at `path` and returns its stored form, or throws a FieldError. */
export type Check<T = unknown> = (value: unknown, path: string) => T;

/** A JSON Schema (draft 2020-12) fragment: what a check accepts, as furnishers read it. */
export type JsonSchema = Record<string, unknown>;

const SCHEMA = Symbol('jsonSchema');
const OPTIONAL = Symbol('optional');
type Described = { [SCHEMA]?: JsonSchema; [OPTIONAL]?: true };

/**
 * Each check carries the JSON Schema of what it accepts, set where the check is made, so the
 * published record formats (schema/records/) come from the same definitions as the validators.
 */
function withSchema<C extends Check<any>>(check: C, schema: JsonSchema): C {
  (check as C & Described)[SCHEMA] = schema;
  return check;
}

/** The JSON Schema a check carries; undefined for a check made outside this file. */
export const jsonSchemaOf = (check: Check<any>): JsonSchema | undefined => (check as Check<any> & Described)[SCHEMA];

/** A check of its own (the envelope's record id) with the schema it accepts. */
export const describedCheck = withSchema;

export const fail = (path: string, reason: string): never => {
  throw new FieldError(path, reason);
};

export const absent = (v: unknown) => v === undefined || v === null;

/** Optional fields are stored as null (or their default) so every row has every column. */
export function optional<T, D extends T | null = null>(check: Check<T>, fallback: D = null as D): Check<T | D> {
  const inner = jsonSchemaOf(check) ?? {};
  const optionalCheck = withSchema<Check<T | D>>((v, path) => (absent(v) ? fallback : check(v, path)), {
    anyOf: [inner, { type: 'null' }],
    ...(fallback === null ? {} : { default: fallback }),
  });
  (optionalCheck as Check<T | D> & Described)[OPTIONAL] = true;
  return optionalCheck;
}

const CONTROL = /[\u0000-\u001f\u007f]/;


export function text(max: number): Check<string> {
  return withSchema((v, path) => {
    if (typeof v !== 'string') return fail(path, 'must be a string');
    const s = v.trim();
    if (s.length === 0) return fail(path, 'must not be empty');
    if (s.length > max) return fail(path, `must be at most ${max} characters`);
    if (CONTROL.test(s)) return fail(path, 'must not contain control characters');
    if (UNSTORABLE_TEXT.test(s)) return fail(path, 'must be valid Unicode text (it holds half of a surrogate pair)');
    return s;
  }, { type: 'string', minLength: 1, maxLength: max, pattern: '\\S', description: 'Text without control characters; spaces around it are trimmed.' });
}

export function oneOf<T extends string>(values: readonly T[]): Check<T> {
  const set = new Set<string>(values);
  return withSchema<Check<T>>(
    (v, path) => (typeof v === 'string' && set.has(v) ? (v as T) : fail(path, `must be one of ${values.join(', ')}`)),
    { type: 'string', enum: [...values] },
  );
}

export const enumValues = <E extends Record<string, string>>(e: E) => Object.values(e) as E[keyof E][];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days already checked: a load names the same few thousand days over and over. */
const realDays = new Map<string, boolean>();

function isRealDay(s: string): boolean {
  const known = realDays.get(s);
  if (known !== undefined) return known;
  if (realDays.size >= 50_000) realDays.clear();
  const real = checkDay(s);
  realDays.set(s, real);
  return real;
}

function checkDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1850 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar day 'YYYY-MM-DD' that exists (no 2025-02-30). */
export const day: Check<string> = withSchema(
  (v, path) => {
    if (typeof v !== 'string' || !DAY.test(v)) return fail(path, "must be a date written 'YYYY-MM-DD'");
    return isRealDay(v) ? v : fail(path, 'is not a real calendar date');
  },
  { type: 'string', format: 'date', pattern: DAY.source, description: 'A real calendar day, YYYY-MM-DD, from 1850.' },
);

export const month: Check<string> = withSchema(
  (v, path) => {
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})$/.exec(v) : null;
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 1850) return fail(path, "must be a month written 'YYYY-MM'");
    return v as string;
  },
  { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM, from 1850.' },
);

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 instant with its offset: a time without a zone would be ambiguous. Kept as its
 * UTC ISO string, so a record's content is plain JSON (what its hash covers, and what the
 * database parses).
 */
export const instant: Check<string> = withSchema((v, path) => {
  // A Date (GraphQL's DateTime) meets the same calendar as a written instant.
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const iso = v.toISOString();
    return isRealDay(iso.slice(0, 10)) ? iso : fail(path, 'is not a real instant');
  }
  // Already in the stored form (what most furnishers send): checked without building a Date.
  if (typeof v === 'string' && CANONICAL_INSTANT.test(v) && isRealDay(v.slice(0, 10))) return v;
  if (typeof v !== 'string' || !INSTANT.test(v)) return fail(path, "must be an ISO 8601 instant with its offset, e.g. '2025-03-01T08:30:00Z'");
  const date = new Date(v);
  if (Number.isNaN(date.getTime()) || !isRealDay(v.slice(0, 10))) return fail(path, 'is not a real instant');
  return date.toISOString();
}, { type: 'string', format: 'date-time', pattern: INSTANT.source, description: 'An ISO 8601 instant with its offset (Z or +08:00), stored in UTC.' });

/** Money in fen: an exact integer, never a float or a numeric string. */
export function fen(min: number): Check<number> {
  return withSchema((v, path) => {
    if (typeof v !== 'number') return fail(path, 'must be an integer amount in fen (a JSON number, not a string)');
    if (!Number.isInteger(v)) return fail(path, 'must be a whole number of fen (no fractions)');
    if (!Number.isSafeInteger(v)) return fail(path, 'is too large to be exact');
    if (v < min) return fail(path, min === 0 ? 'must not be negative' : `must be at least ${min}`);
    return v;
  }, { type: 'integer', minimum: Math.max(min, -Number.MAX_SAFE_INTEGER), maximum: Number.MAX_SAFE_INTEGER, description: 'An exact amount in fen (1/100 yuan), a JSON integer.' });
}

export function int(min: number, max: number): Check<number> {
  return withSchema<Check<number>>(
    (v, path) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(path, `must be an integer from ${min} to ${max}`)),
    { type: 'integer', minimum: min, maximum: max },
  );
}

export const positiveNumber: Check<number> = withSchema<Check<number>>(
  (v, path) => (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e7 ? v : fail(path, 'must be a positive number')),
  { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1e7 },
);

export const bool: Check<boolean> = withSchema<Check<boolean>>((v, path) => (typeof v === 'boolean' ? v : fail(path, 'must be true or false')), { type: 'boolean' });

/** National ID numbers already parsed: a load files many records under each person. */
const parsedIds = new Map<string, ReturnType<typeof parseNationalId>>();

export const nationalId: Check<string> = withSchema((v, path) => {
  if (typeof v !== 'string') return fail(path, 'must be a string');
  let parsed = parsedIds.get(v);
  if (!parsed) {
    if (parsedIds.size >= 100_000) parsedIds.clear();
    parsed = parseNationalId(v);
    parsedIds.set(v, parsed);
  }
  return parsed.ok ? parsed.value : fail(path, parsed.message);
}, {
  type: 'string',
  pattern: '^\\d{17}[\\dXx]$',
  description: 'A resident identity card number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check character, with a real birth date.',
});

const PHONE = /^\+?[\d-]{5,20}$/;
export const phone: Check<string> = withSchema<Check<string>>(
  (v, path) => {
    const s = text(20)(v, path);
    return PHONE.test(s) ? s : fail(path, 'must be a phone number (digits, an optional + and dashes)');
  },
  { type: 'string', maxLength: 20, pattern: PHONE.source, description: 'A phone number: digits, an optional + and dashes.' },
);

export type Shape = Record<string, Check>;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * A closed object: unknown fields are refused (a misspelt field must not vanish silently).
 * Its fields come out in sorted order, the order of canonical JSON, so hashing it needs no sort.
 */
export function object(shape: Shape): Check<Record<string, unknown>> {
  const keys = Object.keys(shape).sort();
  const schema: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: keys.filter((k) => !(shape[k] as Check & Described)[OPTIONAL]),
    properties: Object.fromEntries(keys.map((k) => [k, jsonSchemaOf(shape[k]!) ?? {}])),
  };
  return withSchema<Check<Record<string, unknown>>>((v, path) => {
    if (!isPlainObject(v)) return fail(path, 'must be an object');
    for (const key of Object.keys(v)) {
      // Own fields only: `constructor` or `__proto__` is no field of a record, whatever `in` says.
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'is not a field of this record');
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = shape[key]!(v[key], `${path}.${key}`);
    return out;
  }, schema);
}

export function list<T>(item: Check<T>, max: number): Check<T[]> {
  return withSchema<Check<T[]>>(
    (v, path) => {
      if (!Array.isArray(v)) return fail(path, 'must be a list');
      if (v.length > max) return fail(path, `must hold at most ${max} entries`);
      return v.map((x, i) => item(x, `${path}[${i}]`));
    },
    { type: 'array', maxItems: max, items: jsonSchemaOf(item) ?? {} },
  );
}

/** A cross-field rule: the day at `later` must not come before the day at `earlier`. */
export const notBefore = (c: Record<string, unknown>, later: string, earlier: string) => {
  const a = c[later];
  const b = c[earlier];
  if (typeof a === 'string' && typeof b === 'string' && a < b) fail(`content.${later}`, `must not be before ${earlier}`);
};
