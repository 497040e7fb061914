import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, printFederatedSchema } from '../federation/subgraph.js';
import { ProfileResolver } from '../profile/profile.resolver.js';
import { PersonResolver } from '../profile/person.resolver.js';
import { IdentityResolver } from '../records/identity/identity.resolver.js';
import { CourtRecordResolver } from '../records/courts/courts.resolver.js';
import { LicenceResolver } from '../access/licence.resolver.js';
import { MeResolver } from '../access/me.resolver.js';
import { IngestionResolver } from '../furnishing/ingestion.resolver.js';
import { AuditResolver, SubjectAccessResolver } from '../audit/audit.resolver.js';
import { SubjectAccessProofResolver, TransparencyResolver } from '../audit/transparency/proofs.resolver.js';
import { DiscrepancyResolver, PersonVerificationResolver } from '../furnishing/cross-checks/verification.resolver.js';
import { DisputeResolver, SubjectDisputesResolver } from '../furnishing/disputes/dispute.resolver.js';
import { furnishedRecordResolver } from '../records/shared/record.resolver.js';
import { IdentityRecord } from '../records/identity/identity.types.js';
import { DriverLicence } from '../records/licence-docs/driver-licence.types.js';
import { PropertyCertificate, VehicleRegistration } from '../records/property/property.types.js';
import { EducationRecord } from '../records/education/education.types.js';
import { EmploymentRecord } from '../records/employment/employment.types.js';
import { CreditAccount } from '../records/credit/credit.types.js';
import { MonthlyTransactionSummary, PaymentTransaction } from '../records/transactions/transactions.types.js';
import { CourtRecord } from '../records/courts/courts.types.js';

/** Provenance and history resolvers, one per furnished record type. */
const recordFieldResolvers = [
  furnishedRecordResolver(IdentityRecord, 'identity'),
  furnishedRecordResolver(DriverLicence, 'driverLicence'),
  furnishedRecordResolver(PropertyCertificate, 'property'),
  furnishedRecordResolver(VehicleRegistration, 'vehicle'),
  furnishedRecordResolver(EducationRecord, 'education'),
  furnishedRecordResolver(EmploymentRecord, 'employment'),
  furnishedRecordResolver(CreditAccount, 'creditAccount'),
  furnishedRecordResolver(PaymentTransaction, 'transaction'),
  furnishedRecordResolver(MonthlyTransactionSummary, 'transactionMonth'),
  furnishedRecordResolver(CourtRecord, 'court'),
] as const;

/** The exchange's schema as type-graphql builds it, before permissions are applied. */
export async function buildExchangeSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      ProfileResolver,
      PersonResolver,
      IdentityResolver,
      CourtRecordResolver,
      MeResolver,
      LicenceResolver,
      IngestionResolver,
      AuditResolver,
      SubjectAccessResolver,
      TransparencyResolver,
      SubjectAccessProofResolver,
      PersonVerificationResolver,
      DiscrepancyResolver,
      DisputeResolver,
      SubjectDisputesResolver,
      ...recordFieldResolvers,
    ],
    validate: false,
  });
}

/** The exchange as an Apollo Federation 2 subgraph: the same schema plus `_entities` and `_service`. */
export async function buildExchangeSubgraph(): Promise<GraphQLSchema> {
  return buildFederatedSchema(await buildExchangeSchema());
}

/** The subgraph SDL a router composes (schema/subgraph.graphql). */
export async function printExchangeSubgraph(): Promise<string> {
  return printFederatedSchema(await buildExchangeSchema());
}
