import { describe, expect, it } from 'vitest';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson, contentHash } from './content-hash.js';
import { generatePeople } from '../seed/generator.js';
import { recordKinds } from '../records/shared/record-kinds.js';

describe('content hash', () => {
  it('writes the RFC 8785 form of every generated record, flat or nested', () => {
    let flat = 0;
    let nested = 0;
    for (const person of generatePeople({ people: 40, seed: 7 })) {
      for (const kind of recordKinds) {
        for (const r of person.records[kind]) {
          expect(canonicalJson(r.content)).toBe(canonicalize(r.content));
          if (Object.values(r.content).some((v) => typeof v === 'object' && v !== null && !(v instanceof Date))) nested++;
          else flat++;
        }
      }
    }
    // Both paths were exercised: flat records take the fast path, referee lists the general one.
    expect(flat).toBeGreaterThan(100);
    expect(nested).toBeGreaterThan(0);
  });

  it('sorts keys, keeps escapes and instants, and tells different content apart', () => {
    const value = { b: 'line\nbreak "quoted" \u2028', a: 1.5, c: null, d: new Date('2025-01-02T03:04:05.678Z'), e: true, é: -0 };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(contentHash({ x: 1, y: 2 })).toBe(contentHash({ y: 2, x: 1 }));
    expect(contentHash({ x: 1, y: 2 })).not.toBe(contentHash({ x: 1, y: 3 }));
    expect(contentHash({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
