import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a value: equal content, equal hash. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalize(value), 'utf8').digest('hex');
}
