import { index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

interface VersionedColumns {
  personId: AnyPgColumn;
  sourceId: AnyPgColumn;
  sourceRecordId: AnyPgColumn;
  recordedAt: AnyPgColumn;
  supersededAt: AnyPgColumn;
}

/**
 * The indexes every furnished-record table needs: at most one open version per
 * (source, source record id), profile reads by person, history reads by record.
 */
export function versionIndexes(table: string, t: VersionedColumns) {
  return [
    uniqueIndex(`${table}_open_version_uq`)
      .on(t.sourceId, t.sourceRecordId)
      .where(sql`superseded_at is null`),
    index(`${table}_person_idx`).on(t.personId, t.recordedAt),
    index(`${table}_record_idx`).on(t.sourceId, t.sourceRecordId, t.recordedAt),
  ];
}
