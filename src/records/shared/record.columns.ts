import { bigserial, integer, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../../db/instant.js';
import { verificationStatus } from '../../db/enums.js';
import { persons } from './persons.tables.js';
import { sources } from './sources.tables.js';



/**
 * Columns every furnished record carries: provenance and its place in the version chain.
 * A record is identified by (source_id, source_record_id); each change appends a row and
 * closes the previous one by setting superseded_at, so nothing is updated in place.
 */
export const furnishedRecordColumns = () => ({
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  personId: uuid('person_id')
    .notNull()
    .references(() => persons.id),
  sourceId: integer('source_id')
    .notNull()
    .references(() => sources.id),
  sourceRecordId: text('source_record_id').notNull(),
  receivedAt: instant('received_at').notNull(),
  recordedAt: instant('recorded_at').notNull().defaultNow(),
  supersededAt: instant('superseded_at'),
  verification: verificationStatus('verification').notNull().default('UNVERIFIED'),
  contentHash: text('content_hash').notNull(),
});

/** The provenance and versioning columns every record row carries, by property name (one list for every reader). */
export const provenanceColumnNames = ['id', 'personId', 'sourceId', 'sourceRecordId', 'receivedAt', 'recordedAt', 'supersededAt', 'verification'] as const;
