import { bigint, bigserial, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from '../../db/instant.js';
import { persons } from './persons.tables.js';
import { sources } from './sources.tables.js';

/** What identifies a furnished record across its versions. */
const recordRef = () => ({
  personId: uuid('person_id')
    .notNull()
    .references(() => persons.id),
  recordKind: text('record_kind').notNull(),
  sourceId: integer('source_id')
    .notNull()
    .references(() => sources.id),
  sourceRecordId: text('source_record_id').notNull(),
});

/**
 * A subject's challenge of a record. While OPEN the record shows DISPUTED; the furnisher
 * answers by `deadline_at` (CONFIRMED, CORRECTED, WITHDRAWN). An OPEN dispute past its deadline
 * suppresses the record from licensees, decided at read time.
 */
export const disputes = pgTable(
  'disputes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ...recordRef(),
    /** Row id of the version the subject disputed. */
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('OPEN'),
    /** The status the record had before the dispute: a confirmation restores it. */
    priorVerification: text('prior_verification').notNull(),
    openedAt: instant('opened_at').notNull(),
    deadlineAt: instant('deadline_at').notNull(),
    answeredAt: instant('answered_at'),
    answeredBy: integer('answered_by'),
  },
  (t) => [
    uniqueIndex('disputes_one_open_uq')
      .on(t.recordKind, t.sourceId, t.sourceRecordId)
      .where(sql`status = 'OPEN'`),
    index('disputes_record_idx').on(t.recordKind, t.sourceId, t.sourceRecordId),
    index('disputes_source_open_idx').on(t.sourceId, t.status, t.id),
  ],
);

/**
 * Everything that happened to a record besides its furnished content, append-only: a dispute
 * opened (DISPUTED) and answered (CONFIRMED, CORRECTED, WITHDRAWN), or a source's withdrawal.
 * Withdrawals here stop a record being served; correction notices are read from here.
 */
export const recordEvents = pgTable(
  'record_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ...recordRef(),
    action: text('action').notNull(),
    at: instant('at').notNull(),
    disputeId: bigint('dispute_id', { mode: 'number' }).references(() => disputes.id),
    actorPrincipalId: integer('actor_principal_id'),
    /** Row id of the version the event produced or concerned. */
    recordId: bigint('record_id', { mode: 'number' }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('record_events_record_idx').on(t.recordKind, t.sourceId, t.sourceRecordId, t.action),
    index('record_events_person_idx').on(t.personId, t.at),
    index('record_events_dispute_idx').on(t.disputeId),
  ],
);

/** A subject's short statement about a record; the newest one is shown beside the record. */
export const recordStatements = pgTable(
  'record_statements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ...recordRef(),
    text: text('text').notNull(),
    createdAt: instant('created_at').notNull(),
    principalId: integer('principal_id').notNull(),
  },
  (t) => [index('record_statements_record_idx').on(t.recordKind, t.sourceId, t.sourceRecordId, t.createdAt)],
);
