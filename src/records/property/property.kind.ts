import { seedProperty, seedVehicle } from './property.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { assetStatuses, propertyCertificates, vehicleRegistrations } from './property.tables.js';
import { day, fen, nationalId, oneOf, optional, positiveNumber, text } from '../shared/validation.js';

/** The fields every owned asset carries: its value and its owner as the certificate names them. */
const ownedAsset = {
  valueFen: fen(0),
  ownerNationalId: nationalId,
  ownerName: text(100),
  status: oneOf(assetStatuses),
  registeredOn: optional(day),
};
import { PropertyCertificate, VehicleRegistration } from './property.types.js';
import { PropertyPersonFields, VehiclePersonFields } from './property.resolver.js';

const assetPrecisions = ['FLAG', 'SUMMARY', 'FULL'] as const;

/** Certificates of real estate ownership from the property registry. */
export const propertyKind = defineRecordKind({
  kind: 'property',
  table: propertyCertificates,
  type: PropertyCertificate,
  resolvers: [PropertyPersonFields],
  lockId: 7411_102,
  seed: seedProperty,
  content: {
    certificateNumber: text(60),
    address: text(300),
    floorAreaM2: optional(positiveNumber),
    ...ownedAsset,
  },
  category: { name: 'property', precisions: assetPrecisions, description: 'Real estate: FLAG (owns any), SUMMARY (count and total value) or FULL (the certificates).' },
  profileFields: { 'Person.ownsProperty': 'FLAG', 'Person.propertySummary': 'SUMMARY', 'Person.properties': 'FULL' },
  listings: ['Person.properties'],
  identifyingPrecision: 'FULL',
  authority: 'PROPERTY_REGISTRY',
  furnishers: ['PROPERTY_REGISTRY', 'PARTNER_APP'],
  comparison: { key: 'certificateNumber', agree: ['ownerNationalId', 'ownerName', 'address', 'status'], confirm: ['valueFen'] },
  burstCriteria: { property: 'lag(content_hash) over w is distinct from content_hash' },
  ownerMatch: { finding: 'PROPERTY_OWNER_MISMATCH', nationalId: 'ownerNationalId', name: 'ownerName' },
});

/** Vehicle registrations from the vehicle registry. */
export const vehicleKind = defineRecordKind({
  kind: 'vehicle',
  table: vehicleRegistrations,
  type: VehicleRegistration,
  resolvers: [VehiclePersonFields],
  lockId: 7411_103,
  seed: seedVehicle,
  content: {
    plateNumber: text(20),
    vin: text(17),
    model: text(100),
    ...ownedAsset,
  },
  category: { name: 'vehicles', precisions: assetPrecisions, description: 'Vehicles: FLAG (owns any), SUMMARY (count and total value) or FULL (the registrations).' },
  profileFields: { 'Person.ownsVehicle': 'FLAG', 'Person.vehicleSummary': 'SUMMARY', 'Person.vehicles': 'FULL' },
  listings: ['Person.vehicles'],
  identifyingPrecision: 'FULL',
  authority: 'VEHICLE_REGISTRY',
  furnishers: ['VEHICLE_REGISTRY', 'PARTNER_APP'],
  comparison: { key: 'vin', agree: ['plateNumber', 'ownerNationalId', 'ownerName', 'status'], confirm: ['valueFen'] },
  burstCriteria: { property: 'lag(content_hash) over w is distinct from content_hash' },
  ownerMatch: { finding: 'VEHICLE_OWNER_MISMATCH', nationalId: 'ownerNationalId', name: 'ownerName' },
});
