import DataLoader from 'dataloader';
import { and, asc, gt, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sources } from './sources.tables.js';
import { recordTables, registry, type RecordKind } from '../index.js';
import { versionRecordedBy, versionVisibleAt } from './versioning.js';
import { restrictedView, type RestrictedViewDeclaration } from './record-kind.js';
import { servedCondition } from './served.js';
import type { ReadScope, RecordRow, Source } from './record.types.js';
import { recordKey } from './record-key.js';
import { groupBy } from '../../kernel/collections.js';

type Row = RecordRow & Record<string, unknown>;

const stamp = (asOf: Date | null) => (asOf ? asOf.toISOString() : 'now');

/**
 * The per-request loaders of furnished records. One SQL statement per record kind and
 * `asOf` however many people a request reaches: the count follows the query's shape.
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
   * The versions of `kind` in force at `asOf` for each person id. A restricted view (a
   * coarse grant) selects fewer columns or rows, so the database never returns what the
   * reader may not see. `servedOnly` (licensees) leaves out what may not be served to them.
   */
  current<T extends Row = Row>(kind: RecordKind, asOf: Date | null, view?: RestrictedViewDeclaration, servedOnly = false): DataLoader<string, T[]> {
    return this.memo(`current|${kind}|${stamp(asOf)}|${view?.name ?? 'all'}|${servedOnly}`, () =>
      new DataLoader<string, T[]>(async (personIds) => {
        const table = recordTables[kind];
        const restriction = view;
        const conditions: (SQL | undefined)[] = [inArray(table.personId, [...personIds]), versionVisibleAt(table, asOf)];
        if (restriction?.where) conditions.push(restriction.where);
        if (servedOnly) conditions.push(servedCondition(kind, asOf !== null));
        const query = restriction?.columns ? this.db.select(restriction.columns) : this.db.select();
        const rows = (await query
          .from(table)
          .where(and(...conditions))
          .orderBy(asc(table.id))) as unknown as T[];
        for (const r of rows) r.asOf = asOf;
        const byPerson = groupBy(rows, (r) => r.personId);
        return personIds.map((id) => byPerson.get(id) ?? []);
      }),
    );
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
  history<T extends Row = Row>(kind: RecordKind, scope: ReadScope, view?: RestrictedViewDeclaration): DataLoader<RecordRow, T[], string> {
    const key = `history|${kind}|${stamp(scope.asOf)}|${view?.name ?? 'all'}|${scope.servedOnly}|${scope.notBefore?.toISOString() ?? ''}`;
    return this.memo(key, () =>
      new DataLoader<RecordRow, T[], string>(
        async (records) => {
          const table = recordTables[kind];
          const restriction = view;
          const conditions: (SQL | undefined)[] = [
            inArray(table.sourceRecordId, [...new Set(records.map((r) => r.sourceRecordId))]),
            inArray(table.sourceId, [...new Set(records.map((r) => r.sourceId))]),
            versionRecordedBy(table, scope.asOf),
            restriction?.where,
          ];
          if (scope.servedOnly) conditions.push(servedCondition(kind, true));
          if (scope.notBefore) conditions.push(or(isNull(table.supersededAt), gt(table.supersededAt, scope.notBefore)));
          const query = restriction?.columns ? this.db.select(restriction.columns) : this.db.select();
          const rows = (await query
            .from(table)
            .where(and(...conditions))
            .orderBy(asc(table.recordedAt), asc(table.id))) as unknown as T[];
          for (const r of rows) r.asOf = scope.asOf;
          const byKey = groupBy(rows, (r) => recordKey(r.sourceId, r.sourceRecordId));
          return records.map((r) => byKey.get(recordKey(r.sourceId, r.sourceRecordId)) ?? []);
        },
        { cacheKeyFn: (r) => recordKey(r.sourceId, r.sourceRecordId) },
      ),
    );
  }

  private allSources: Promise<Map<number, Source>> | null = null;

  /** Sources are few: the first use in a request loads them all, in one statement. */
  source(): DataLoader<number, Source> {
    return this.memo('sources', () =>
      new DataLoader<number, Source>(async (ids) => {
        this.allSources ??= this.db
          .select()
          .from(sources)
          .then((rows) => new Map(rows.map((r) => [r.id, r as unknown as Source])));
        const byId = await this.allSources;
        return ids.map((id) => byId.get(id) ?? new Error(`unknown source ${id}`));
      }),
    );
  }
}
