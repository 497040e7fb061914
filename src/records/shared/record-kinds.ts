import { identityRecords } from '../identity/identity.tables.js';
import { driverLicences } from '../licence-docs/driver-licence.tables.js';
import { propertyCertificates, vehicleRegistrations } from '../property/property.tables.js';
import { educationRecords } from '../education/education.tables.js';
import { employmentRecords } from '../employment/employment.tables.js';
import { creditAccounts } from '../credit/credit.tables.js';
import { paymentTransactions, transactionMonths } from '../transactions/transactions.tables.js';
import { courtRecords } from '../courts/courts.tables.js';

/** Every kind of furnished record, by the name the rest of the code uses for it. */
export const recordTables = {
  identity: identityRecords,
  driverLicence: driverLicences,
  property: propertyCertificates,
  vehicle: vehicleRegistrations,
  education: educationRecords,
  employment: employmentRecords,
  creditAccount: creditAccounts,
  transaction: paymentTransactions,
  transactionMonth: transactionMonths,
  court: courtRecords,
} as const;

export type RecordKind = keyof typeof recordTables;
export type RecordTable = (typeof recordTables)[RecordKind];
export const recordKinds = Object.keys(recordTables) as RecordKind[];
