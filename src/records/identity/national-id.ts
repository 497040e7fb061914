/**
 * Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male) and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type NationalIdProblem = 'length' | 'character' | 'birth date' | 'birth date in the future' | 'check digit';

export type NationalIdResult =
  | { ok: true; value: string; birthDate: string; sex: 'M' | 'F' }
  | { ok: false; problem: NationalIdProblem; message: string };

const MESSAGES: Record<NationalIdProblem, string> = {
  length: 'a national ID number has exactly 18 characters',
  character: 'a national ID number has 17 digits followed by a digit or X',
  'birth date': 'the birth date inside the national ID number is not a real date',
  'birth date in the future': 'the birth date inside the national ID number is in the future',
  'check digit': 'the check digit of the national ID number does not match (ISO 7064 MOD 11-2)',
};

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function fail(problem: NationalIdProblem): NationalIdResult {
  return { ok: false, problem, message: MESSAGES[problem] };
}

export function parseNationalId(input: string, today: Date = new Date()): NationalIdResult {
  const value = input.toUpperCase();
  if (!/^[\dX]*$/.test(value)) return fail('character');
  if (value.length !== 18) return fail('length');
  if (!/^\d{17}[\dX]$/.test(value)) return fail('character');
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return fail('birth date');
  }
  if (birth.getTime() > today.getTime()) return fail('birth date in the future');
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return fail('check digit');
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const sex = Number(value[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, value, birthDate, sex };
}

/** Builds a valid number from its parts (used by the seed generator). */
export function composeNationalId(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
