import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

export const licenceClasses = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'D', 'E', 'F', 'M', 'N', 'P'] as const;
/** A driver's licence's status (not an exchange licence's: access/access.tables.ts). */
export const driverLicenceStatuses = ['VALID', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;

export const driverLicences = pgTable(
  'driver_licences',
  {
    ...furnishedRecordColumns(),
    licenceNumber: text('licence_number').notNull(),
    licenceClass: text('licence_class', { enum: licenceClasses }).notNull(),
    status: text('status', { enum: driverLicenceStatuses }).notNull(),
    penaltyPoints: integer('penalty_points').notNull().default(0),
    issuedOn: day('issued_on'),
    expiresOn: day('expires_on'),
  },
  (t) => versionIndexes('driver_licences', t),
);
