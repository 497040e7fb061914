/** Every table of the exchange, for drizzle's typed queries. */
export * from './enums.js';
export * from '../profile/person.tables.js';
export * from '../furnishing/source.tables.js';
export * from '../access/access.tables.js';
export * from '../records/identity/identity.tables.js';
export * from '../records/licence-docs/driver-licence.tables.js';
export * from '../records/property/property.tables.js';
export * from '../records/education/education.tables.js';
export * from '../records/employment/employment.tables.js';
export * from '../records/credit/credit.tables.js';
export * from '../records/transactions/transactions.tables.js';
export * from '../records/courts/courts.tables.js';
export * from '../audit/oversight.tables.js';
export * from '../audit/access-log.tables.js';
export * from '../furnishing/cross-checks/discrepancy.tables.js';
export * from '../furnishing/disputes/dispute.tables.js';
export * from '../furnishing/cross-checks/contact-phone.tables.js';
