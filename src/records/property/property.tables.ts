import { bigint, doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';
import { furnishedRecordColumns } from '../shared/record.columns.js';
import { day } from '../../db/instant.js';
import { versionIndexes } from '../../db/record-indexes.js';

/** Where an owned asset (property or vehicle) stands. */
export const assetStatuses = ['ACTIVE', 'TRANSFERRED', 'ENCUMBERED'] as const;

/**
 * Certificates of real estate ownership. The owner's ID number and name are kept as
 * written on the certificate so they can be cross-checked against the identity registry.
 */
export const propertyCertificates = pgTable(
  'property_certificates',
  {
    ...furnishedRecordColumns(),
    certificateNumber: text('certificate_number').notNull(),
    address: text('address').notNull(),
    floorAreaM2: doublePrecision('floor_area_m2'),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    ownerNationalId: text('owner_national_id').notNull(),
    ownerName: text('owner_name').notNull(),
    status: text('status', { enum: assetStatuses }).notNull(),
    registeredOn: day('registered_on'),
  },
  (t) => versionIndexes('property_certificates', t),
);

export const vehicleRegistrations = pgTable(
  'vehicle_registrations',
  {
    ...furnishedRecordColumns(),
    plateNumber: text('plate_number').notNull(),
    vin: text('vin').notNull(),
    model: text('model').notNull(),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    ownerNationalId: text('owner_national_id').notNull(),
    ownerName: text('owner_name').notNull(),
    status: text('status', { enum: assetStatuses }).notNull(),
    registeredOn: day('registered_on'),
  },
  (t) => versionIndexes('vehicle_registrations', t),
);
