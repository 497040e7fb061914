import { hash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/**
 * Plain JSON already in canonical order: strings, finite numbers, booleans, nulls, lists,
 * and objects whose keys are sorted. For such a value JSON.stringify writes exactly the
 * RFC 8785 form, natively and without a sort. Validated furnished records come out of their
 * validator this way, and ingestion hashes every one of them.
 */
export function inCanonicalOrder(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(inCanonicalOrder);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  let previous: string | null = null;
  for (const key in value) {
    if (!Object.hasOwn(value, key) || (previous !== null && !(previous < key))) return false;
    if (!inCanonicalOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

/** RFC 8785 canonical JSON of a value. */
export function canonicalJson(value: unknown): string {
  return inCanonicalOrder(value) ? JSON.stringify(value) : canonicalize(value);
}

/** SHA-256 (hex) of canonical JSON already written (see canonicalJson). */
export const hashCanonicalJson = (json: string): string => hash('sha256', json, 'hex');

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a value: equal content, equal hash. */
export function contentHash(value: unknown): string {
  return hashCanonicalJson(canonicalJson(value));
}
