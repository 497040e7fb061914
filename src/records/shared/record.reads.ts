import { and, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { recordTables, type RecordKind } from '../index.js';
import type { RecordTable, RestrictedViewDeclaration } from './record-kind.js';
import { servedCondition } from './served.js';
import { versionRecordedBy, versionVisibleAt } from './versioning.js';
import { decoder, instantParam, ofRecordKeys, projection, recordKeyColumn, type ReadSpec, type Row } from './read-spec.js';
import { sources } from './sources.tables.js';
import type { ReadScope, Source } from './record.types.js';

const stamp = (asOf: Date | null) => (asOf ? 'asOf' : 'now');

/** A kind's selected columns under a view, and their decoder: built once, not per read. */
const selections = new WeakMap<object, { columns: Record<string, PgColumn | SQL.Aliased>; decode: (row: Row) => Row }>();
function selectionOf(table: RecordTable, view: RestrictedViewDeclaration | undefined) {
  const owner = view ?? table;
  let found = selections.get(owner);
  if (!found) {
    const columns = view?.columns ?? getTableColumns(table);
    found = { columns, decode: decoder(columns) };
    selections.set(owner, found);
  }
  return found;
}

/**
 * The records of `kind` in force at `asOf`, under the reader's restricted view (fewer columns
 * or rows: what the reader may not see is never selected) and, for licensees, only what may
 * be served. Every profile path to a kind's records reads through this one definition.
 */
export function currentRecords(kind: RecordKind, asOf: Date | null, view: RestrictedViewDeclaration | undefined, servedOnly: boolean): ReadSpec<Row[]> {
  const table = recordTables[kind];
  const { columns, decode } = selectionOf(table, view);
  return {
    key: `current|${kind}|${stamp(asOf)}|${view?.name ?? 'all'}|${servedOnly}`,
    values: asOf ? { asOf: asOf.toISOString() } : {},
    rows: (p) =>
      sql`select ${projection(columns)}, ${table.personId} as "_key" from ${table}
        where ${and(
          sql`${table.personId} = any(${p.ids})`,
          versionVisibleAt(table, asOf ? instantParam(p, 'asOf') : null),
          view?.where,
          servedOnly ? servedCondition(kind, asOf !== null, p.now) : undefined,
        )}
        order by ${table.id}`,
    decode,
    assemble: (rows) => {
      for (const r of rows) r.asOf = asOf;
      return rows;
    },
  };
}

/** The key under which reads that are not per person (every source) answer. */
export const ALL = '00000000-0000-0000-0000-000000000000';

const sourceColumns = getTableColumns(sources);

/** Every source: few, and named by the provenance of every record. */
export const allSources: ReadSpec<Source[]> = {
  key: 'sources',
  values: {},
  rows: () => sql`select ${projection(sourceColumns)}, ${ALL}::uuid as "_key" from ${sources}`,
  decode: decoder(sourceColumns),
  assemble: (rows) => rows as unknown as Source[],
};

/**
 * Every version of the given records (keys `sourceId|sourceRecordId`) recorded by the scope's
 * `asOf`, read under the same rules as the records themselves: the same restricted view (a
 * JUDGMENTS_ONLY reader never sees the FILED or PENDING versions of a judged case), the same
 * served rules (decided on the version in force now), and no version that went out of force
 * before the consent's lookback.
 */
export function recordHistory(kind: RecordKind, scope: ReadScope, view: RestrictedViewDeclaration | undefined): ReadSpec<Row[]> {
  const table = recordTables[kind];
  const { columns, decode } = selectionOf(table, view);
  const values: Record<string, unknown> = {};
  if (scope.asOf) values.asOf = scope.asOf.toISOString();
  if (scope.notBefore) values.notBefore = scope.notBefore.toISOString();
  return {
    key: `history|${kind}|${stamp(scope.asOf)}|${view?.name ?? 'all'}|${scope.servedOnly}|${scope.notBefore ? 'notBefore' : '-'}`,
    keyType: 'record',
    values,
    rows: (p) =>
      sql`select ${projection(columns)}, ${recordKeyColumn(table)} as "_key" from ${table}
        where ${and(
          ofRecordKeys(table, p),
          versionRecordedBy(table, scope.asOf ? instantParam(p, 'asOf') : null),
          view?.where,
          scope.servedOnly ? servedCondition(kind, true, p.now) : undefined,
          scope.notBefore ? sql`(${table.supersededAt} is null or ${table.supersededAt} > ${instantParam(p, 'notBefore')})` : undefined,
        )}
        order by ${table.recordedAt}, ${table.id}`,
    decode,
    assemble: (rows) => {
      for (const r of rows) r.asOf = scope.asOf;
      return rows;
    },
  };
}
