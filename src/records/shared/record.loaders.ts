import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { registry, type RecordKind } from '../index.js';
import { restrictedView, type RestrictedViewDeclaration } from './record-kind.js';
import { allSources, ALL, currentRecords, recordHistory } from './record.reads.js';
import type { ReadSpec } from './read-spec.js';
import { runReads, type ReadRequest } from './read-runner.js';
import type { ReadScope, RecordRow, Source } from './record.types.js';

type Row = RecordRow & Record<string, unknown>;

/**
 * The per-request loaders of furnished records. One statement per read however many people a
 * request reaches (the count follows the query's shape), or none once the read planner has
 * primed them from its one statement per profile root.
 */
export class RecordLoaders {
  private readonly cache = new Map<string, DataLoader<unknown, unknown>>();

  constructor(private readonly db: Db) {}

  private memo<K, V>(key: string, make: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.cache.get(key);
    if (!loader) {
      loader = make() as DataLoader<unknown, unknown>;
      this.cache.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /**
   * The loader of one read (a ReadSpec): batched per request by person id, run as a compiled
   * statement. The read planner primes the same loaders from its one statement per root.
   */
  load<V>(spec: ReadSpec<V>): DataLoader<string, V> {
    return this.memo(`${spec.key}|${JSON.stringify(spec.values)}`, () =>
      new DataLoader<string, V>(async (personIds) => {
        const [answers] = await runReads(this.db, [{ spec: spec as ReadSpec, keys: [...personIds] }]);
        return personIds.map((id) => answers!.get(id) as V);
      }),
    );
  }

  /** Hands the loaders what a compiled plan already read, so the resolvers issue no statement. */
  prime(requests: ReadRequest[], answers: Map<string, unknown>[]): void {
    requests.forEach((r, i) => {
      // A read of the records another returned answers for exactly those records.
      const loader = this.load(r.spec);
      for (const [id, value] of answers[i]!) loader.prime(id, value);
    });
  }

  /**
   * The versions of `kind` in force at `asOf` for each person id. A restricted view (a
   * coarse grant) selects fewer columns or rows, so the database never returns what the
   * reader may not see. `servedOnly` (licensees) leaves out what may not be served to them.
   */
  current<T extends Row = Row>(kind: RecordKind, asOf: Date | null, view?: RestrictedViewDeclaration, servedOnly = false): DataLoader<string, T[]> {
    return this.load(currentRecords(kind, asOf, view, servedOnly)) as DataLoader<string, T[]>;
  }

  /**
   * The records of `kind` a reader may see of one person, each carrying the reader's scope and
   * the restricted view it was read under: their nested fields (provenance, history) are
   * disclosed under the same rules as the records themselves. Kinds' Person fields read here.
   */
  async read<T extends Row = Row>(kind: RecordKind, person: ReadScope & { id: string }): Promise<(T & { view: ReadScope; restriction?: RestrictedViewDeclaration })[]> {
    const restriction = restrictedView(registry[kind], person.grants);
    const rows = await this.current<T>(kind, person.asOf, restriction, person.servedOnly).load(person.id);
    return rows.map((r) => ({ ...r, view: person, restriction }));
  }

  /**
   * Every version of a record (by its source and source record id) recorded by the scope's
   * `asOf`, read under the same rules as the record itself: the same restricted view (a
   * JUDGMENTS_ONLY reader never sees the FILED or PENDING versions of a judged case), the same
   * served rules, and no version that went out of force before the consent's lookback.
   */
  history<T extends Row = Row>(kind: RecordKind, scope: ReadScope, view?: RestrictedViewDeclaration): DataLoader<string, T[]> {
    return this.load(recordHistory(kind, scope, view)) as DataLoader<string, T[]>;
  }

  /** Sources are few: the first use in a request loads them all, in one statement (or the plan's). */
  source(): DataLoader<number, Source> {
    return this.memo('sources', () =>
      new DataLoader<number, Source>(async (ids) => {
        const all = await this.load(allSources).load(ALL);
        const byId = new Map(all.map((s) => [(s as unknown as { id: number }).id, s]));
        return ids.map((id) => byId.get(id) ?? new Error(`unknown source ${id}`));
      }),
    );
  }
}
