import { getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { identityRecords } from '../identity/identity.tables.js';
import { courtRecords } from '../courts/courts.tables.js';
import { judgmentStatuses } from '../courts/courts.service.js';

const provenanceColumns = (t: typeof identityRecords) => {
  const { id, personId, sourceId, sourceRecordId, receivedAt, recordedAt, supersededAt, verification } = getTableColumns(t);
  return { id, personId, sourceId, sourceRecordId, receivedAt, recordedAt, supersededAt, verification };
};

/**
 * The coarse views of the catalogue that narrow what a loader selects:
 * `identityBasic` (name and birth year only),
 * `judgmentsOnly` (court cases a court has ruled on; lawsuits stay in the database).
 */
export const restrictedViews = {
  identityBasic: {
    columns: {
      ...provenanceColumns(identityRecords),
      name: identityRecords.name,
      birthYear: sql<number>`extract(year from ${identityRecords.birthDate})::int`.as('birth_year'),
    } as Record<string, PgColumn | SQL.Aliased>,
    where: undefined as SQL | undefined,
  },
  judgmentsOnly: {
    columns: undefined as Record<string, PgColumn | SQL.Aliased> | undefined,
    where: inArray(courtRecords.status, [...judgmentStatuses]) as SQL | undefined,
  },
};

export type RestrictedView = keyof typeof restrictedViews;
