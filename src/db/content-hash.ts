import { hash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/**
 * A flat record (strings, finite numbers, booleans, nulls, instants): JSON.stringify with its
 * keys sorted writes exactly the RFC 8785 form, natively and several times faster than a
 * general canonicaliser. Ingestion hashes every furnished record, so this path is hot.
 */
function flatCanonical(value: Record<string, unknown>): string | null {
  const keys = Object.keys(value);
  for (const key of keys) {
    const v = value[key];
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) continue;
    if (typeof v === 'number' && Number.isFinite(v)) continue;
    return null;
  }
  return JSON.stringify(value, keys.sort());
}

/** RFC 8785 canonical JSON of a value. */
export function canonicalJson(value: unknown): string {
  const flat = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) ? flatCanonical(value as Record<string, unknown>) : null;
  return flat ?? canonicalize(value);
}

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a value: equal content, equal hash. */
export function contentHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}
