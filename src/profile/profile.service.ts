import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { persons } from '../records/shared/persons.tables.js';
import { parseNationalId } from '../records/identity/national-id.js';
import { badInput } from '../kernel/errors.js';

/** Validates a national ID number, turning a bad one into a BAD_USER_INPUT naming the problem. */
export function requireNationalId(input: string, argument = 'nationalId'): string {
  const parsed = parseNationalId(input);
  if (!parsed.ok) {
    throw badInput(`Invalid national ID number: ${parsed.message}`, { argument, problem: parsed.problem });
  }
  return parsed.value;
}

export const MAX_BATCH = 100;

/** Finds persons by national ID number; unknown numbers are absent from the map. */
export async function findPersons(db: Db, nationalIds: string[]): Promise<Map<string, { id: string; nationalId: string }>> {
  if (nationalIds.length === 0) return new Map();
  const rows = await db
    .select({ id: persons.id, nationalId: persons.nationalId })
    .from(persons)
    .where(inArray(persons.nationalId, nationalIds));
  return new Map(rows.map((r) => [r.nationalId, r]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds persons by their stable id; malformed and unknown ids are simply absent. */
export async function findPersonsById(db: Db, ids: string[]): Promise<Map<string, { id: string; nationalId: string }>> {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return new Map();
  const rows = await db
    .select({ id: persons.id, nationalId: persons.nationalId })
    .from(persons)
    .where(inArray(persons.id, valid));
  return new Map(rows.map((r) => [r.id, r]));
}
