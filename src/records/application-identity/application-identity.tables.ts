import { pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

/**
 * The identity an applicant declared on a credit application, as the lender furnishes it:
 * never authoritative, tied to the application by the lender's reference. Cross-checked
 * against the identity registry and the employer network (the fake-identity case).
 */
export const applicationIdentities = pgTable(
  'application_identities',
  {
    ...furnishedRecordColumns(),
    applicationReference: text('application_reference').notNull(),
    appliedOn: day('applied_on').notNull(),
    name: text('name').notNull(),
    birthDate: day('birth_date'),
    phone: text('phone'),
    address: text('address'),
    employer: text('employer'),
  },
  (t) => versionIndexes('application_identities', t),
);
