import type { GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * TypeScript applies parameter decorators last first, so type-graphql collects a resolver's
 * arguments in reverse and prints them so (`person(asOf, purpose, nationalId)`). Before the
 * schema is built, each method's parameters are put back in the order they are declared.
 * Safe at run time: type-graphql passes arguments to a resolver by their index, whatever
 * the order of its list.
 */
export function argumentsInDeclaredOrder(): void {
  const params = getMetadataStorage().params;
  const groupOf = new Map<Function, Map<string, number>>();
  const keyed = params.map((p, position) => {
    let byMethod = groupOf.get(p.target);
    if (!byMethod) groupOf.set(p.target, (byMethod = new Map()));
    if (!byMethod.has(p.methodName)) byMethod.set(p.methodName, position);
    return { p, group: byMethod.get(p.methodName)!, position };
  });
  keyed.sort((a, b) => a.group - b.group || a.p.index - b.p.index || a.position - b.position);
  params.splice(0, params.length, ...keyed.map((k) => k.p));
}

/** The root types' descriptions: type-graphql builds them without a place to give one. */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'What can be read: profiles for a declared purpose, the caller itself (me), and the regulator\'s oversight views. Each field says who may use it.';
  if (mutation) mutation.description = 'What can be changed: licences and keys (regulator), consents and disputes (subjects), records (furnishers), cosignatures (witnesses).';
  return schema;
}
