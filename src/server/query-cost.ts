import {
  GraphQLError,
  getNamedType,
  getNullableType,
  getVariableValues,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';
import { badInput, exchangeError } from '../kernel/errors.js';
import { queryLimits } from './limits.js';

/**
 * The cost of a query is the number of values its answer is expected to hold: every field
 * counts 1, and a list field counts its expected size times (1 + its selection's cost).
 * What bounds a list's size, field by field:
 *   - an argument: a connection's `first` (default 20, at most 100), `persons` by the length
 *     of `nationalIds`, `_entities` by the length of `representations` (at most 100 each);
 *   - otherwise the size stated below. The demo data holds at most 3 records of a kind and
 *     4 versions of a record; a list larger than its estimate only ever holds what a person
 *     has, since the query cannot ask for more of it.
 * Opening a profile (the licence gate, consent, an access-log entry) counts 10 more: measured,
 * it takes about as long as resolving 10 values.
 * An alias names every value of its field in the answer: each 16 characters of one count 1
 * more, so a long alias cannot inflate the answer for free.
 * Introspection (`__schema`, `__type`) costs nothing: it is bounded by the schema, not the data.
 *
 * The limit (QUERY_MAX_COST, default 35000), from measured costs: the largest legitimate query
 * is test/batching.test.ts's 50 full profiles with histories (29200); bench/profile.bench.ts's
 * profile costs 772, the federation benchmark's 83, the README's examples under 100, every
 * other query in test/ under 5000. 35000 lets the 50-profile batch through with 20% to spare
 * and refuses 100 of them (58400: two requests). The worst answers it lets through, built to
 * hit exactly what the model counts least (people and transactions at their real number,
 * cursors and addresses, aliases), measured at most 1.6 MB, in 1.4 to 3.7 s on two busy cores
 * (test/query-cost.test.ts); lists count at their real size there, so a lower limit shrinks
 * them in proportion.
 */
export const EXPECTED_LIST_SIZE = {
  /** A record's versions (`history`). */
  history: 10,
  /** A person's records of one kind (`courtRecords`, `properties`, ...). */
  records: 5,
  /** Any other list: a dispute's events, a licence's grants, ... */
  otherwise: 10,
  /** Lists with a size of their own. */
  fields: {
    'Person.transactionSummaries': 12, // months
    'CreditAccount.repaymentHistory': 24, // months, as a credit report shows them
    'EmploymentRecord.referees': 3,
    'IngestionReport.accepted': 500, // a whole submitRecords batch
    'IngestionReport.rejected': 500,
    'OversightStatistics.byOrganisationDay': 100,
  } as Record<string, number>,
};

/** List fields sized by the length of one of their arguments. */
const SIZED_BY_ARGUMENT: Record<string, string> = {
  'Query.persons': 'nationalIds',
  'Query._entities': 'representations',
};

/** A record's version list: `history` returning the record's own type. */
const isHistory = (parent: GraphQLCompositeType, fieldName: string, returned: GraphQLNamedType) =>
  fieldName === 'history' && returned.name === parent.name;

const isFurnishedRecord = (type: GraphQLNamedType) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'FurnishedRecord');

function expectedSize(parent: GraphQLCompositeType, fieldName: string, returned: GraphQLNamedType): number {
  const stated = EXPECTED_LIST_SIZE.fields[`${parent.name}.${fieldName}`];
  if (stated !== undefined) return stated;
  if (isHistory(parent, fieldName, returned)) return EXPECTED_LIST_SIZE.history;
  return isFurnishedRecord(returned) ? EXPECTED_LIST_SIZE.records : EXPECTED_LIST_SIZE.otherwise;
}

/** What opening one profile adds (see above). */
export const PROFILE_COST = 10;

const listCost: ComplexityEstimator = ({ type, field, node, args, childComplexity }) => {
  if (field.name === '__schema' || field.name === '__type') return 0;
  const alias = node.alias ? Math.floor(node.alias.value.length / 16) : 0;
  const coordinate = `${type.name}.${field.name}`;
  const child = childComplexity + (getNamedType(field.type).name === 'Person' || coordinate === 'Query._entities' ? PROFILE_COST : 0);
  const sizingArgument = SIZED_BY_ARGUMENT[coordinate];
  if (sizingArgument) {
    const list = args[sizingArgument];
    return alias + (Array.isArray(list) ? list.length : 1) * (1 + child);
  }
  // Connections: `first` edges, or `last` when paging backward (pageInfo is counted per edge too: a small overcount).
  const edges = typeof args.last === 'number' ? args.last : args.first;
  if (typeof edges === 'number') return 1 + alias + Math.max(0, edges) * child;
  // A connection's edges are counted by its `first`, above.
  const connectionEdges = field.name === 'edges' && type.name.endsWith('Connection');
  if (!isListType(getNullableType(field.type)) || connectionEdges) return 1 + alias + child;
  return alias + expectedSize(type, field.name, getNamedType(field.type)) * (1 + child);
};

function operationOnly(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode {
  return { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)] };
}

/**
 * The cost of one operation with its variables; null when the variables do not fit the
 * operation (execution refuses those itself, before any resolver runs).
 */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number | null {
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return null;
  return getComplexity({ schema, query: operationOnly(document, operation), variables, estimators: [listCost] });
}

const tooComplex = (message: string, extensions: Record<string, unknown> = {}) =>
  exchangeError('QUERY_TOO_COMPLEX', message, { ...extensions, http: { status: 400 } });

/**
 * Refuses, before any resolver runs, an operation whose cost is over the limit. A plugin, not
 * a validation rule: list sizes come from variables (`first: $n`, `nationalIds: $ids`),
 * which validation does not see.
 */
export const queryCostPlugin = (maxCost = queryLimits.maxCost): ApolloServerPlugin => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        let cost: number | null;
        try {
          cost = queryCost(schema, document, operation, request.variables ?? {});
        } catch (err) {
          // The library stops at 10,000 selections (fragments expanded): a fragment bomb.
          if (err instanceof GraphQLError && /maximum allowed number of nodes/.test(err.message)) {
            throw tooComplex(`The query expands to too many selections (over 10000) to be answered`, { limit: maxCost });
          }
          throw badInput(err instanceof Error ? err.message : String(err), { http: { status: 400 } });
        }
        if (cost !== null && cost > maxCost) {
          throw tooComplex(
            `Query cost ${cost} is over the limit of ${maxCost} (each value counts 1; lists count their size: connections by "first", persons by its national IDs, other lists by an expected size)`,
            { cost, limit: maxCost },
          );
        }
      },
    };
  },
});

/**
 * A version in `history` is the record as it was: it has no history of its own. Selecting
 * `history` inside `history` (directly, or through fragments) multiplies the answer by the
 * number of versions at every level, so it is refused during validation. QUERY_TOO_COMPLEX
 * (mapped from the message by LIMIT_MESSAGE in limits.ts), not BAD_USER_INPUT: the query's
 * shape is refused like depth and cost, and no argument value is wrong.
 */
export function noHistoryInsideHistory(context: ValidationContext): ASTVisitor {
  const schema = context.getSchema();
  // A fragment's verdict depends only on whether it is reached inside a history: walk each once per case.
  const walked = new Set<string>();
  const reported = new Set<unknown>();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, inside: boolean) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field || !selection.selectionSet) continue;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        const history = isHistory(parent, field.name, named);
        if (history && inside && !reported.has(selection)) {
          reported.add(selection);
          context.reportError(
            new GraphQLError(`${parent.name}.history selected inside another history: a version has no history of its own`, { nodes: [selection] }),
          );
        }
        walk(selection.selectionSet, named, inside || history);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, inside);
      } else {
        const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(selection.name.value);
        const key = `${selection.name.value}:${inside}`;
        if (!fragment || walked.has(key)) continue;
        walked.add(key);
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) walk(fragment.selectionSet, type, inside);
      }
    }
  };

  return {
    OperationDefinition(operation) {
      const root = schema.getRootType(operation.operation);
      if (root) walk(operation.selectionSet, root, false);
    },
  };
}
