import { and, gt, isNull, lte, or, type SQL } from 'drizzle-orm';

/** An instant: a value, or a parameter of a compiled read. */
type Instant = Date | SQL;
import type { PgColumn } from 'drizzle-orm/pg-core';

interface VersionColumns {
  recordedAt: PgColumn;
  supersededAt: PgColumn;
}

/**
 * The versions the exchange held at `asOf`: recorded by then and not yet superseded.
 * With no `asOf`, the versions in force now.
 */
export function versionVisibleAt(t: VersionColumns, asOf: Instant | null): SQL {
  if (!asOf) return isNull(t.supersededAt);
  return and(lte(t.recordedAt, asOf), or(isNull(t.supersededAt), gt(t.supersededAt, asOf)))!;
}

/** Every version recorded up to `asOf` (all of them with no `asOf`). */
export function versionRecordedBy(t: VersionColumns, asOf: Instant | null): SQL | undefined {
  return asOf ? lte(t.recordedAt, asOf) : undefined;
}
