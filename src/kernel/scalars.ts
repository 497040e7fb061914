import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver as RfcDateTime } from 'graphql-scalars';
import { badInput } from './errors.js';

// The other scalars the schema uses, unchanged: every type imports its scalars from here.
export { JSONObjectResolver, SafeIntResolver } from 'graphql-scalars';

/**
 * The instants the exchange can store and compare: instants travel to PostgreSQL as ISO
 * strings, which hold years 0001 to 9999 (PostgreSQL has no year 0, and a JS Date's
 * six-digit years are not ISO 8601 it reads). Anything outside is refused as bad input
 * before it reaches a query, instead of failing there as a server error.
 */
export const EARLIEST_INSTANT = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('9999-12-31T23:59:59.999Z');

export function isStorableInstant(instant: Date): boolean {
  const t = instant.getTime();
  return t >= EARLIEST_INSTANT.getTime() && t <= LATEST_INSTANT.getTime();
}

function storable(instant: Date): Date {
  if (isStorableInstant(instant)) return instant;
  throw badInput(`DateTime ${instant.toISOString()} is outside the range the exchange keeps (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, UTC)`);
}

const base = RfcDateTime.toConfig();

/**
 * graphql-scalars' DateTime (same name and description, so the schema reads the same), with
 * its input limited to storable instants: the one DateTime every type and argument uses.
 * Named as graphql-scalars names it, so a type switches to it by its import alone.
 */
export const DateTimeResolver = new GraphQLScalarType<Date, Date>({
  ...base,
  parseValue: (value) => storable(base.parseValue!(value) as Date),
  parseLiteral: (ast, variables) => storable(base.parseLiteral!(ast, variables) as Date),
});

const INTEGER_ID = /^[1-9][0-9]{0,15}$/;

/** The largest id of a `serial` (int4) column, and of a `bigserial` one that JS numbers hold exactly. */
export const MAX_SERIAL_ID = 2_147_483_647;
export const MAX_BIGSERIAL_ID = Number.MAX_SAFE_INTEGER;

/**
 * An ID argument naming a row by its integer key. Anything else ("abc", "1.5", "-1", "1e3",
 * beyond the column's range) is refused with the argument's name, never passed on as NaN.
 */
export function integerId(value: string, argument: string, max: number = MAX_SERIAL_ID): number {
  const id = INTEGER_ID.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(id) || id > max) {
    throw badInput(`"${argument}" must be a positive whole number id (at most ${max})`, { argument });
  }
  return id;
}

const PERSON_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` has the shape of a person's stable id (a UUID). */
export const isPersonId = (value: string): boolean => PERSON_ID.test(value);

/** An ID argument naming a person by their stable id (a UUID): anything else is refused, not handed to a uuid column. */
export function personId(value: string, argument: string): string {
  if (!isPersonId(value)) throw badInput(`"${argument}" is not a person id (a UUID)`, { argument });
  return value;
}
