import { bigint, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Every phone number in force in identity and employment records, one row per use (the
 * person's own phone, an employer's switchboard, a referee's phone). It is derived, not
 * furnished: triggers on the record tables keep it in step with the versions in force
 * (migrations/0006_contact_phone_triggers.sql), so the shared-contact cross-check is an
 * index probe per phone instead of a search through every person's referees.
 */
export const contactPhones = pgTable(
  'contact_phones',
  {
    phone: text('phone').notNull(),
    personId: uuid('person_id').notNull(),
    recordKind: text('record_kind').notNull(),
    recordId: bigint('record_id', { mode: 'number' }).notNull(),
    sourceId: integer('source_id').notNull(),
    sourceRecordId: text('source_record_id').notNull(),
    contentHash: text('content_hash').notNull(),
    /** SUBJECT (the person's own phone), EMPLOYER or REFEREE. */
    role: text('role').notNull(),
    employer: text('employer'),
  },
  (t) => [
    index('contact_phones_subject_idx').on(t.phone).where(sql`role = 'SUBJECT'`),
    index('contact_phones_work_idx').on(t.phone, t.employer).where(sql`role <> 'SUBJECT'`),
    index('contact_phones_person_idx').on(t.personId),
    index('contact_phones_record_idx').on(t.recordKind, t.recordId),
  ],
);
