import { seedDriverLicence } from './driver-licence.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { driverLicenceStatuses, driverLicences, licenceClasses } from './driver-licence.tables.js';
import { day, int, notBefore, oneOf, optional, text } from '../shared/validation.js';
import { DriverLicence } from './driver-licence.types.js';
import { DriverLicencePersonFields } from './driver-licence.resolver.js';

/** Driver's licences issued by the traffic authority. */
export const driverLicenceKind = defineRecordKind({
  kind: 'driverLicence',
  table: driverLicences,
  type: DriverLicence,
  resolvers: [DriverLicencePersonFields],
  lockId: 7411_101,
  seed: seedDriverLicence,
  content: {
    licenceNumber: text(40),
    licenceClass: oneOf(licenceClasses),
    status: oneOf(driverLicenceStatuses),
    penaltyPoints: optional(int(0, 100), 0),
    issuedOn: optional(day),
    expiresOn: optional(day),
  },
  rules: (c) => notBefore(c, 'expiresOn', 'issuedOn'),
  category: { name: 'driverLicence', precisions: ['FULL'], description: "Driver's licences: number, class, status and penalty points." },
  profileFields: { 'Person.driverLicences': 'FULL' },
  listings: ['Person.driverLicences'],
  identifyingPrecision: 'FULL',
  authority: 'TRAFFIC_AUTHORITY',
  furnishers: ['TRAFFIC_AUTHORITY', 'PARTNER_APP'],
  comparison: { key: 'licenceNumber', agree: ['licenceClass', 'status'], confirm: ['penaltyPoints'] },
  burstCriteria: { driver_licence: 'lag(content_hash) over w is distinct from content_hash' },
});
