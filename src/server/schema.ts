import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema, printFederatedSchema } from '../federation/subgraph.js';
import { argumentsInDeclaredOrder, describeRootTypes } from './schema-conventions.js';
import { ProfileResolver } from '../profile/profile.resolver.js';
import { LicenceResolver } from '../access/licence.resolver.js';
import { AdministrationResolver } from '../administration/administration.resolver.js';
import { MeResolver } from '../access/me.resolver.js';
import { ConsentManagerResolver } from '../access/consent-artefacts/consent-manager.resolver.js';
import { EnrolmentResolver } from '../access/enrolment/enrolment.resolver.js';
import { IngestionResolver } from '../furnishing/ingestion.resolver.js';
import { AuditResolver, SubjectAccessResolver } from '../audit/audit.resolver.js';
import { SubjectAccessProofResolver, TransparencyResolver } from '../audit/transparency/proofs.resolver.js';
import { DiscrepancyResolver, PersonVerificationResolver } from '../furnishing/cross-checks/verification.resolver.js';
import { DisputeResolver, SubjectDisputesResolver } from '../furnishing/disputes/dispute.resolver.js';
import { recordKindList } from '../records/index.js';
import { furnishedRecordResolver } from '../records/shared/record.resolver.js';

/** Each record kind's resolvers (its Person fields), and provenance and history for its type. */
const recordResolvers = recordKindList.flatMap((d) => [...d.resolvers, furnishedRecordResolver(d.type, d.kind)]);

/** The exchange's schema as type-graphql builds it, before permissions are applied. */
export async function buildExchangeSchema(): Promise<GraphQLSchema> {
  argumentsInDeclaredOrder();
  return describeRootTypes(await buildSchema({
    resolvers: [
      ProfileResolver,
      MeResolver,
      ConsentManagerResolver,
      EnrolmentResolver,
      LicenceResolver,
      AdministrationResolver,
      IngestionResolver,
      AuditResolver,
      SubjectAccessResolver,
      TransparencyResolver,
      SubjectAccessProofResolver,
      PersonVerificationResolver,
      DiscrepancyResolver,
      DisputeResolver,
      SubjectDisputesResolver,
      ...recordResolvers,
    ],
    validate: false,
  }));
}

/** The exchange as an Apollo Federation 2 subgraph: the same schema plus `_entities` and `_service`. */
export async function buildExchangeSubgraph(): Promise<GraphQLSchema> {
  return buildFederatedSchema(await buildExchangeSchema());
}

/** The subgraph SDL a router composes (schema/subgraph.graphql). */
export async function printExchangeSubgraph(): Promise<string> {
  return printFederatedSchema(await buildExchangeSchema());
}
