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
