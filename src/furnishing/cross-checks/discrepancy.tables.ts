import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/instant.js';
import { persons } from '../../records/shared/persons.tables.js';

/** One record a finding is about: its kind, its source's identity for it, and the version read. */
export interface DiscrepancyRecordRef {
  kind: string;
  sourceId: number;
  sourceRecordId: string;
  /** Row id of the version the cross-check read. */
  versionId: number;
}

/**
 * Findings of the cross-checks. `fingerprint` names the finding (its kind, person and the
 * content of the records involved), so re-running a check never raises the same finding twice,
 * and a finding a regulator closed stays closed until the records themselves change.
 */
export const discrepancies = pgTable(
  'discrepancies',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind').notNull(),
    fingerprint: text('fingerprint').notNull(),
    records: jsonb('records').$type<DiscrepancyRecordRef[]>().notNull(),
    /** OPEN, RESOLVED (reviewed or confirmed by the authorities), RELEASED (quarantine lifted by a regulator). */
    status: text('status').notNull().default('OPEN'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: instant('created_at').notNull(),
    resolvedAt: instant('resolved_at'),
    /** The regulator's principal; null when the authoritative sources confirmed the records. */
    resolvedBy: integer('resolved_by'),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('discrepancies_fingerprint_uq').on(t.fingerprint),
    index('discrepancies_person_idx').on(t.personId, t.status),
    index('discrepancies_status_idx').on(t.status, t.id),
  ],
);
