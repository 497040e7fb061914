import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

export const driverLicences = pgTable(
  'driver_licences',
  {
    ...furnishedRecordColumns(),
    licenceNumber: text('licence_number').notNull(),
    licenceClass: text('licence_class').notNull(),
    status: text('status').notNull(), // VALID, SUSPENDED, REVOKED, EXPIRED
    penaltyPoints: integer('penalty_points').notNull().default(0),
    issuedOn: day('issued_on'),
    expiresOn: day('expires_on'),
  },
  (t) => versionIndexes('driver_licences', t),
);
