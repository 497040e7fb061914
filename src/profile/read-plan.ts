import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { RequestContext } from '../kernel/context.js';
import { recordKindList } from '../records/index.js';
import { precisionRank, restrictedView, type RestrictedViewDeclaration } from '../records/shared/record-kind.js';
import type { PersonView } from '../records/shared/person.types.js';
import type { ReadSpec } from '../records/shared/read-spec.js';
import { runReads, type ReadRequest } from '../records/shared/read-runner.js';
import { allSources, ALL, currentRecords, recordHistory } from '../records/shared/record.reads.js';
import { assetSummary, assetSummaryFields } from '../records/property/property.loaders.js';
import { transactionPageRead } from '../records/transactions/transactions.loaders.js';
import { recordStatement, recordWithdrawal } from '../records/shared/record-events.loaders.js';
import { transactionPageArgs } from '../records/transactions/transactions.service.js';
import { config } from '../kernel/config.js';

/** Each profile field: the kind that serves it and the least precision of its category that discloses it. */
const servedBy = new Map(
  recordKindList.flatMap((d) =>
    Object.entries(d.profileFields).map(([path, precision]) => [path.replace(/^Person\./, ''), { d, rank: precisionRank(d.category, precision) }] as const),
  ),
);

/** Fields whose answer names record sources (besides any `provenance` in the selection). */
const namingSources = new Set(['identity', 'judgmentDebtor']);

/** A read for one person: of the person, or of the records another read returns for them (`of`). */
interface PlannedRead {
  spec: ReadSpec;
  of?: ReadSpec;
}

/**
 * The reads one selected profile field needs for one person, under what the gate decided for
 * that person: nothing for a field the grants do not reach (never selected, never read), the
 * kind's restricted view for a coarse grant, only servable records for a licensee; and the
 * history, statements and withdrawals of the records it returns when the selection asks for
 * them, under the same view.
 */
function readsOf(field: ResolveTree, nested: ReadonlySet<string>, view: PersonView): PlannedRead[] {
  const served = servedBy.get(field.name);
  if (!served || (view.grants[served.d.category.name] ?? -1) < served.rank) return [];
  const asset = assetSummaryFields[field.name];
  if (asset) return [{ spec: assetSummary(asset, view.asOf, view.servedOnly) }];
  let records: ReadSpec;
  // The view the records are read under, which their history follows (transactions have none).
  let restriction: RestrictedViewDeclaration | undefined;
  if (field.name === 'transactions') {
    try {
      records = transactionPageRead(view.asOf, transactionPageArgs(view, field.args as unknown as Parameters<typeof transactionPageArgs>[1]), view.servedOnly);
    } catch {
      // Arguments the resolver will refuse: it answers the error, with nothing read for it here.
      return [];
    }
  } else {
    restriction = restrictedView(served.d, view.grants);
    records = currentRecords(served.d.kind, view.asOf, restriction, view.servedOnly);
  }
  const reads: PlannedRead[] = [{ spec: records }];
  const kind = served.d.kind;
  if (nested.has('history')) reads.push({ spec: recordHistory(kind, view, restriction), of: records });
  if (nested.has('statement')) reads.push({ spec: recordStatement(kind, view.asOf), of: records });
  if (nested.has('withdrawnAt')) reads.push({ spec: recordWithdrawal(kind, view.asOf), of: records });
  return reads;
}

/** The names of every field selected below `tree`, at any depth (collected once per field). */
function nestedNames(tree: ResolveTree, into = new Set<string>()): Set<string> {
  for (const fields of Object.values(tree.fieldsByTypeName)) {
    for (const f of Object.values(fields)) {
      into.add(f.name);
      nestedNames(f, into);
    }
  }
  return into;
}

/**
 * The read planner. Once the gate has decided who may read what, the profile fields selected
 * under a root (`person`, `persons`, `me.person`, `_entities`), with their aliases, fragments
 * and arguments, become the reads they need for every admitted person; all of them run as one
 * compiled statement, and the request's loaders are primed with the answers, so the resolvers
 * that follow assemble the response without another statement. A field the plan does not know
 * (the verification counts) reads through the same loaders, lazily.
 */
export async function planProfileReads(ctx: RequestContext, info: GraphQLResolveInfo, decided: readonly unknown[]): Promise<void> {
  if (!config.compiledReads) return;
  const views = decided.filter((d): d is PersonView => d !== null && !(d instanceof Error) && typeof d === 'object');
  if (views.length === 0) return;
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const fields = tree ? Object.values(tree.fieldsByTypeName.Person ?? {}) : [];
  const requests = new Map<string, { spec: ReadSpec; of?: ReadSpec; keys: Set<string> }>();
  const add = ({ spec, of }: PlannedRead, key: string) => {
    const id = [spec, of].map((s) => (s ? `${s.key}|${JSON.stringify(s.values)}` : '')).join('<');
    const request = requests.get(id) ?? { spec, of, keys: new Set<string>() };
    request.keys.add(key);
    requests.set(id, request);
  };
  for (const field of fields) {
    const nested = nestedNames(field);
    for (const view of views) for (const read of readsOf(field, nested, view)) add(read, view.id);
    if (namingSources.has(field.name) || nested.has('provenance')) add({ spec: allSources }, ALL);
  }
  const planned: ReadRequest[] = [...requests.values()].map(({ spec, of, keys }) => (of ? { spec, of: { spec: of, keys: [...keys] } } : { spec, keys: [...keys] }));
  if (planned.length === 0) return;
  const answers = await runReads(ctx.db, planned);
  ctx.loaders.records.prime(planned, answers);
}
