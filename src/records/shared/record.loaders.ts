import DataLoader from 'dataloader';
import { and, asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sources } from '../../furnishing/source.tables.js';
import { recordTables, type RecordKind } from './record-kinds.js';
import { versionRecordedBy, versionVisibleAt } from './versioning.js';
import type { RecordRow, Source } from './record.types.js';

type Row = RecordRow & Record<string, unknown>;

function groupBy<K, V>(rows: V[], key: (v: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

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

  /** The versions of `kind` in force at `asOf` for each person id. */
  current<T extends Row = Row>(kind: RecordKind, asOf: Date | null): DataLoader<string, T[]> {
    return this.memo(`current|${kind}|${stamp(asOf)}`, () =>
      new DataLoader<string, T[]>(async (personIds) => {
        const table = recordTables[kind];
        const rows = (await this.db
          .select()
          .from(table)
          .where(and(inArray(table.personId, [...personIds]), versionVisibleAt(table, asOf)))
          .orderBy(asc(table.id))) as unknown as T[];
        for (const r of rows) r.asOf = asOf;
        const byPerson = groupBy(rows, (r) => r.personId);
        return personIds.map((id) => byPerson.get(id) ?? []);
      }),
    );
  }

  /** Every version of a record (by its source and source record id) recorded by `asOf`. */
  history<T extends Row = Row>(kind: RecordKind, asOf: Date | null): DataLoader<RecordRow, T[], string> {
    return this.memo(`history|${kind}|${stamp(asOf)}`, () =>
      new DataLoader<RecordRow, T[], string>(
        async (records) => {
          const table = recordTables[kind];
          const rows = (await this.db
            .select()
            .from(table)
            .where(
              and(
                inArray(table.sourceRecordId, [...new Set(records.map((r) => r.sourceRecordId))]),
                inArray(table.sourceId, [...new Set(records.map((r) => r.sourceId))]),
                versionRecordedBy(table, asOf),
              ),
            )
            .orderBy(asc(table.recordedAt), asc(table.id))) as unknown as T[];
          for (const r of rows) r.asOf = asOf;
          const byKey = groupBy(rows, (r) => `${r.sourceId}|${r.sourceRecordId}`);
          return records.map((r) => byKey.get(`${r.sourceId}|${r.sourceRecordId}`) ?? []);
        },
        { cacheKeyFn: (r) => `${r.sourceId}|${r.sourceRecordId}` },
      ),
    );
  }

  /** Sources are few: one statement loads those a request needs. */
  source(): DataLoader<number, Source> {
    return this.memo('sources', () =>
      new DataLoader<number, Source>(async (ids) => {
        const rows = await this.db.select().from(sources).where(inArray(sources.id, [...ids]));
        const byId = new Map(rows.map((r) => [r.id, r as unknown as Source]));
        return ids.map((id) => byId.get(id) ?? new Error(`unknown source ${id}`));
      }),
    );
  }
}
