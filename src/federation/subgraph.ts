import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { isUnionType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { createResolversMap } from 'type-graphql';
import { badInput } from '../kernel/errors.js';
import { resolvePersonReference } from './person.reference.js';

/**
 * Federation 2.5 is understood by @apollo/gateway 2.x and every Apollo Router release in use;
 * only `@key` is needed: the exchange owns every field it serves.
 */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])';

/**
 * The exchange as an Apollo Federation 2 subgraph: the type-graphql schema with Person as an
 * entity keyed by its stable id (the `@key` directive on the Person class), plus `_entities`
 * and `_service`. Permissions are applied after this, as for the plain schema. The schema is
 * passed in: federation knows nothing of the application that built it.
 */
export function buildFederatedSchema(schema: GraphQLSchema): GraphQLSchema {
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  const subgraph = buildSubgraphSchema({
    typeDefs,
    resolvers: { ...resolvers, Person: { ...resolvers.Person, __resolveReference: resolvePersonReference } } as GraphQLResolverMap<unknown>,
  });
  checkRepresentationsFirst(subgraph);
  return subgraph;
}

/**
 * `_entities` takes `_Any`, so anything arrives. Federation's own resolver fails on a typename
 * it does not know (an internal error) and would look up a number or an object as an id: a
 * representation that is not an entity of this subgraph with a string key is the caller's
 * mistake, refused as a whole before any entity is looked up.
 */
function checkRepresentationsFirst(subgraph: GraphQLSchema): void {
  const field = subgraph.getQueryType()!.getFields()._entities!;
  const entityUnion = subgraph.getType('_Entity');
  const entityTypes = new Set(isUnionType(entityUnion) ? entityUnion.getTypes().map((t) => t.name) : []);
  const expected = [...entityTypes].join(' or ');
  const resolveEntities = field.resolve as GraphQLFieldResolver<unknown, unknown, { representations: unknown[] }>;
  field.resolve = (source, args: { representations: unknown[] }, ctx, info) => {
    args.representations.forEach((r, i) => {
      const at = `representations[${i}]`;
      if (typeof r !== 'object' || r === null || Array.isArray(r)) {
        throw badInput(`${at} must be an object such as { "__typename": "Person", "id": "..." }`, { argument: 'representations' });
      }
      const { __typename, id } = r as { __typename?: unknown; id?: unknown };
      if (typeof __typename !== 'string' || !entityTypes.has(__typename)) {
        throw badInput(`${at}: "__typename" must be ${expected}, the entities this subgraph resolves`, { argument: 'representations' });
      }
      if (typeof id !== 'string') throw badInput(`${at}: "id" must be a string (the entity's stable id)`, { argument: 'representations' });
    });
    return resolveEntities(source, args, ctx, info);
  };
}

/** The subgraph SDL a router composes (what `_service { sdl }` answers). */
export function printFederatedSchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(buildFederatedSchema(schema))}\n`;
}
