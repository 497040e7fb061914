import { and, getTableColumns, sql } from 'drizzle-orm';
import { recordTables, type RecordKind } from '../index.js';
import type { RestrictedViewDeclaration } from './record-kind.js';
import { servedCondition } from './served.js';
import { versionVisibleAt } from './versioning.js';
import { decoder, instantParam, projection, type ReadSpec, type Row } from './read-spec.js';
import { sources } from './sources.tables.js';
import type { Source } from './record.types.js';

const stamp = (asOf: Date | null) => (asOf ? 'asOf' : 'now');

/**
 * The records of `kind` in force at `asOf`, under the reader's restricted view (fewer columns
 * or rows: what the reader may not see is never selected) and, for licensees, only what may
 * be served. Every profile path to a kind's records reads through this one definition.
 */
export function currentRecords(kind: RecordKind, asOf: Date | null, view: RestrictedViewDeclaration | undefined, servedOnly: boolean): ReadSpec<Row[]> {
  const table = recordTables[kind];
  const columns = view?.columns ?? getTableColumns(table);
  return {
    key: `current|${kind}|${stamp(asOf)}|${view?.name ?? 'all'}|${servedOnly}`,
    values: asOf ? { asOf: asOf.toISOString() } : {},
    rows: (p) =>
      sql`select ${projection(columns)}, ${table.personId} as "_person" from ${table}
        where ${and(
          sql`${table.personId} = any(${p.ids})`,
          versionVisibleAt(table, asOf ? instantParam(p, 'asOf') : null),
          view?.where,
          servedOnly ? servedCondition(kind, asOf !== null, p.now) : undefined,
        )}
        order by ${table.id}`,
    decode: decoder(columns),
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
  rows: () => sql`select ${projection(sourceColumns)}, ${ALL}::uuid as "_person" from ${sources}`,
  decode: decoder(sourceColumns),
  assemble: (rows) => rows as unknown as Source[],
};
