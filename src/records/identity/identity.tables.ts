import { pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

/** What a source says about who a person is. The identity registry is authoritative. */
export const identityRecords = pgTable(
  'identity_records',
  {
    ...furnishedRecordColumns(),
    nationalId: text('national_id').notNull(),
    name: text('name').notNull(),
    birthDate: day('birth_date').notNull(),
    gender: text('gender'),
    address: text('address'),
    phone: text('phone'),
  },
  (t) => versionIndexes('identity_records', t),
);
