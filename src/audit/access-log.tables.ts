import { bigint, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from '../db/instant.js';

/**
 * One entry per person reached per request (or per refused attempt), chained by hash:
 * `hash` = SHA-256 over the entry's canonical content and the previous entry's hash.
 * Partitioned by month on `at` (see migrations/*_access_log_partitions.sql); a trigger
 * refuses UPDATE and DELETE.
 */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: instant('at').notNull(),
    requestId: text('request_id').notNull(),
    principalId: integer('principal_id').notNull(),
    organisationId: integer('organisation_id'),
    licenceId: integer('licence_id'),
    purpose: text('purpose'),
    caseReference: text('case_reference'),
    consentId: integer('consent_id'),
    subjectId: uuid('subject_id'),
    /** DISCLOSED (some data went out) or REFUSED (nothing did). */
    outcome: text('outcome').notNull(),
    /** For a refusal: the error code the caller received. */
    reason: text('reason'),
    disclosed: text('disclosed').array().notNull(),
    denied: text('denied').array().notNull(),
    /**
     * The grants the reader held for this person (`category:precision`), so the precision of
     * what went out can be told later (correction notices); null for a refusal.
     */
    grants: text('grants').array(),
    /** NATIONAL_ID when the reader named the person by national ID, PERSON_ID by the stable id; null for a refusal. */
    reachedBy: text('reached_by'),
    /** The consent artefact (its jti) a disclosure rested on; null when it rested on none. */
    consentArtefact: text('consent_artefact'),
    operationName: text('operation_name'),
    operationHash: text('operation_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.seq, t.at] }),
    index('access_log_org_at_idx').on(t.organisationId, t.at),
    index('access_log_subject_at_idx').on(t.subjectId, t.at),
    index('access_log_seq_idx').on(t.seq),
  ],
);

/** The head of the chain: one row, locked by every append so several processes chain in turn. */
export const accessLogHead = pgTable('access_log_head', {
  id: integer('id').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** Time of the last entry: entries never go back in time along the chain. */
  at: instant('at').notNull(),
});
