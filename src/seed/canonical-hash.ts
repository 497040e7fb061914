import { hash } from 'node:crypto';

/**
 * The RFC 8785 canonical JSON of a plain value, exactly as `json-canonicalize` writes it (the
 * serializer behind `contentHash` in src/db/content-hash.ts): keys sorted by UTF-16 code
 * units, undefined properties left out, undefined array elements written as null, values
 * with a toJSON (dates) and primitives written by JSON.stringify. It exists because the
 * library spends most of its time building error paths the seed never needs, and hashing is
 * most of the seed's CPU time; the seed tests compare it with `contentHash` on every record.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || (value as { toJSON?: unknown }).toJSON != null) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`Non-finite number (${value}) is not permitted in JSON (RFC 8785 §3.2.2.3)`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += value[i] === undefined ? 'null' : canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let next = false;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (next) out += ',';
    next = true;
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** Equal to `contentHash(value)` from src/db/content-hash.ts, computed faster. */
export function seedContentHash(value: unknown): string {
  // The one-shot hash (UTF-8 for strings) skips creating a Hash object per record.
  return hash('sha256', canonicalJson(value), 'hex');
}
