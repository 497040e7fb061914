import type { RecordRow, Source } from '../shared/record.types.js';
import { SourceKind } from '../shared/record.types.js';

/**
 * The identity in force: the identity registry is authoritative; without its record the
 * most recently recorded claim stands in (and stays UNVERIFIED).
 */
export function pickUnifiedIdentity<T extends RecordRow>(rows: T[], sources: (Source | Error)[]): T | null {
  const registry = rows.find((_, i) => {
    const s = sources[i];
    return !(s instanceof Error) && s.kind === SourceKind.IDENTITY_REGISTRY;
  });
  if (registry) return registry;
  return rows.reduce<T | null>((latest, r) => (!latest || r.recordedAt > latest.recordedAt ? r : latest), null);
}
