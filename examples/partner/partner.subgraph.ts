import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import type { RentalData, TenancyApplicationRecord, TenancyRecord } from './rentals.js';

/**
 * The rental platform's subgraph. It owns tenancy applications and past tenancies, and adds
 * `tenancies` to the exchange's Person entity, which it knows by the key `id` alone.
 */
export const partnerTypeDefs = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

type Query {
  "Applications to the platform's listings, in order of submission."
  tenancyApplications(first: Int! = 20): [TenancyApplication!]!
  tenancyApplication(id: ID!): TenancyApplication
}

type TenancyApplication {
  id: ID!
  listing: String!
  monthlyRentFen: Int!
  submittedAt: String!
  "The applicant, resolved by the exchange under the gateway's declared purpose."
  applicant: Person!
}

"A past or current lease on the platform."
type Tenancy {
  id: ID!
  address: String!
  monthlyRentFen: Int!
  startedOn: String!
  endedOn: String
  rentPaidOnTime: Boolean!
}

type Person @key(fields: "id") {
  id: ID!
  "Leases on this platform; its own records, not the exchange's."
  tenancies: [Tenancy!]!
}
`;

export function buildPartnerSubgraph(data: RentalData): GraphQLSchema {
  const byPerson = new Map<string, TenancyRecord[]>();
  for (const t of data.tenancies) byPerson.set(t.personId, [...(byPerson.get(t.personId) ?? []), t]);
  return buildSubgraphSchema({
    typeDefs: parse(partnerTypeDefs),
    resolvers: {
      Query: {
        tenancyApplications: (_: unknown, args: { first: number }) => data.applications.slice(0, Math.max(0, Math.min(args.first, 100))),
        tenancyApplication: (_: unknown, args: { id: string }) => data.applications.find((a) => a.id === args.id) ?? null,
      },
      TenancyApplication: {
        // A reference only: the gateway asks the exchange for every other Person field.
        applicant: (a: TenancyApplicationRecord) => ({ __typename: 'Person', id: a.applicantId }),
      },
      Person: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        tenancies: (p: { id: string }) => byPerson.get(p.id) ?? [],
      },
    },
  });
}
