import { jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

export interface Referee {
  name: string;
  relation: string;
  phone: string;
}

export const employmentRecords = pgTable(
  'employment_records',
  {
    ...furnishedRecordColumns(),
    employer: text('employer').notNull(),
    occupation: text('occupation').notNull(),
    startedOn: day('started_on').notNull(),
    endedOn: day('ended_on'),
    employerPhone: text('employer_phone'),
    referees: jsonb('referees').$type<Referee[]>().notNull().default([]),
  },
  (t) => versionIndexes('employment_records', t),
);
