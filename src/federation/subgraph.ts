import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import { buildExchangeSchema } from '../server/schema.js';
import { resolvePersonReference } from './person.reference.js';

/**
 * Federation 2.5 is understood by @apollo/gateway 2.x and every Apollo Router release in use;
 * only `@key` is needed: the exchange owns every field it serves.
 */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])';

/**
 * The exchange as an Apollo Federation 2 subgraph: the type-graphql schema with Person as an
 * entity keyed by its stable id (the `@key` directive on the Person class), plus `_entities`
 * and `_service`. Permissions are applied after this, as for the plain schema.
 */
export async function buildExchangeSubgraph(): Promise<GraphQLSchema> {
  const schema = await buildExchangeSchema();
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  return buildSubgraphSchema({
    typeDefs,
    resolvers: { ...resolvers, Person: { ...resolvers.Person, __resolveReference: resolvePersonReference } } as GraphQLResolverMap<unknown>,
  });
}

/** The subgraph SDL a router composes (what `_service { sdl }` answers). */
export async function printExchangeSubgraph(): Promise<string> {
  return `${printSubgraphSchema(await buildExchangeSubgraph())}\n`;
}
