import { Faker, base, zh_CN, type Randomizer } from '@faker-js/faker';

/**
 * sfc32 (a small, fast counter-based PRNG) as faker's randomizer. Reseeding it is cheap,
 * which matters because every person gets its own stream: person i depends only on
 * (seed, i), not on how many people are generated.
 */
export function sfc32Randomizer(): Randomizer {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 1;
  const next32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  return {
    next: () => next32() / 0x1_0000_0000,
    seed(seed: number | number[]) {
      const parts = Array.isArray(seed) ? seed : [seed];
      // Fold every part through a murmur3-style mix into four state words.
      let h = 0x9e3779b9;
      const words = [0, 0, 0, 0];
      parts.forEach((part, i) => {
        h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
        h ^= h >>> 13;
        h = Math.imul(h ^ Math.floor(part / 0x1_0000_0000), 0xc2b2ae35);
        h ^= h >>> 16;
        words[i % 4] = (words[i % 4]! ^ h) >>> 0;
      });
      a = words[0]! ^ 0xa341316c;
      b = words[1]! ^ 0xc8013ea4;
      c = words[2]! ^ 0xad90777d;
      d = (words[3]! ^ 0x7e95761e) | 1;
      for (let i = 0; i < 15; i++) next32();
    },
  };
}

/** A zh_CN faker with its own seeded stream (never the shared `fakerZH_CN` instance). */
export function createFaker(): Faker {
  return new Faker({ locale: [zh_CN, base], randomizer: sfc32Randomizer() });
}

/** Short names for the draws the generator makes, all from one faker stream. */
export class Rand {
  constructor(readonly faker: Faker) {}

  seed(parts: number[]): void {
    this.faker.seed(parts);
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min, max });
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.faker.number.float() < p;
  }

  float(min: number, max: number): number {
    return min + (max - min) * this.faker.number.float();
  }

  pick<T>(values: readonly T[]): T {
    return this.faker.helpers.arrayElement(values);
  }

  weighted<T>(values: ReadonlyArray<{ weight: number; value: T }>): T {
    return this.faker.helpers.weightedArrayElement(values);
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** A whole-second instant in [from, to). */
  instant(from: number, to: number): number {
    if (to <= from) return Math.floor(from / 1000) * 1000;
    return Math.floor((from + (to - from) * this.faker.number.float()) / 1000) * 1000;
  }

  /** n increasing whole-second instants in [from, to), at least a minute apart. */
  instants(n: number, from: number, to: number): number[] {
    const out = Array.from({ length: n }, () => this.instant(from, to)).sort((x, y) => x - y);
    for (let i = 1; i < out.length; i++) {
      if (out[i]! < out[i - 1]! + 60_000) out[i] = out[i - 1]! + 60_000;
    }
    return out;
  }
}
