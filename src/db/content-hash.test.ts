import { describe, expect, it } from 'vitest';
import { canonicalize } from 'json-canonicalize';
import { canonicalJson, contentHash, inCanonicalOrder } from './content-hash.js';
import { generatePeople } from '../seed/generator.js';
import { recordKinds } from '../records/index.js';
import { validateFurnishedRecord } from '../furnishing/record-schemas.js';

describe('content hash', () => {
  it('writes the RFC 8785 form of every generated record, as generated and as validated', () => {
    let fast = 0;
    let records = 0;
    for (const person of generatePeople({ people: 40, seed: 7 })) {
      for (const kind of recordKinds) {
        for (const r of person.records[kind]) {
          records++;
          expect(canonicalJson(r.content)).toBe(canonicalize(r.content));
          const validated = validateFurnishedRecord({ kind, sourceRecordId: r.sourceRecordId, nationalId: person.nationalId, content: r.content });
          expect(validated.ok).toBe(true);
          if (!validated.ok) continue;
          expect(canonicalJson(validated.record.content)).toBe(canonicalize(validated.record.content));
          // What ingestion hashes is what the seed stored: furnishing a seeded record again changes nothing.
          expect(contentHash(validated.record.content)).toBe(r.contentHash);
          if (inCanonicalOrder(validated.record.content)) fast++;
        }
      }
    }
    // Every validated record takes the fast path (sorted keys, plain JSON values).
    expect(records).toBeGreaterThan(100);
    expect(fast).toBe(records);
  });

  it('sorts keys, keeps escapes and instants, and tells different content apart', () => {
    const value = { b: 'line\nbreak "quoted" \u2028', a: 1.5, c: null, d: new Date('2025-01-02T03:04:05.678Z'), e: true, é: -0, n: { z: 1, y: [2, { b: 1, a: 2 }] } };
    expect(inCanonicalOrder(value)).toBe(false);
    expect(canonicalJson(value)).toBe(canonicalize(value));
    const sorted = { a: 1, b: [{ x: 'é', y: null }], c: '\u0007' };
    expect(inCanonicalOrder(sorted)).toBe(true);
    expect(canonicalJson(sorted)).toBe(canonicalize(sorted));
    // Integer-like keys enumerate first in JavaScript; the canonical order is by string.
    expect(inCanonicalOrder({ 10: 'a', 9: 'b' })).toBe(false);
    expect(canonicalJson({ 10: 'a', 9: 'b' })).toBe('{"10":"a","9":"b"}');
    expect(contentHash({ x: 1, y: 2 })).toBe(contentHash({ y: 2, x: 1 }));
    expect(contentHash({ x: 1, y: 2 })).not.toBe(contentHash({ x: 1, y: 3 }));
    expect(contentHash({ x: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});
