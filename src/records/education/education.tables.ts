import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

export const educationLevels = ['VOCATIONAL', 'BACHELOR', 'MASTER', 'DOCTORATE'] as const;

export const educationRecords = pgTable(
  'education_records',
  {
    ...furnishedRecordColumns(),
    institution: text('institution').notNull(),
    level: text('level', { enum: educationLevels }).notNull(),
    field: text('field').notNull(),
    graduatedOn: day('graduated_on'),
    certificateNumber: text('certificate_number').notNull(),
    issuerConfirmed: boolean('issuer_confirmed').notNull().default(false),
  },
  (t) => versionIndexes('education_records', t),
);
