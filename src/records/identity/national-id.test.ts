import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { composeNationalId, parseNationalId } from './national-id.js';

const vectors = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/national-ids.json', import.meta.url), 'utf8'),
) as {
  valid: { id: string; birthDate?: string; sex?: string; normalised?: string }[];
  invalid: { id: string; reason: string }[];
};

describe('national ID numbers (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each(vectors.valid)('accepts $id', (v) => {
    const r = parseNationalId(v.id);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    if (v.birthDate) expect(r.birthDate).toBe(v.birthDate);
    if (v.sex) expect(r.sex).toBe(v.sex);
    expect(r.value).toBe(v.normalised ?? v.id);
  });

  it.each(vectors.invalid)('rejects "$id" for its $reason', (v) => {
    const r = parseNationalId(v.id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toBe(v.reason);
  });

  it('composes numbers that parse back', () => {
    const id = composeNationalId('110105', '1990-03-07', 123);
    const r = parseNationalId(id);
    expect(r).toMatchObject({ ok: true, birthDate: '1990-03-07', sex: 'M' });
  });
});
