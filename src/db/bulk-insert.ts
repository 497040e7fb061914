import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import { quoted } from './sql-arrays.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Serial columns are plain integers once the caller supplies their values. */
const SERIAL_TYPES: Record<string, string> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };


type Encode = (value: unknown) => string;

const encodeJson: Encode = (v) => (v === null || v === undefined ? 'NULL' : quoted(JSON.stringify(v)));
const encodeScalar: Encode = (v) => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return quoted(v);
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return quoted(String(v));
};

interface Column {
  key: string;
  name: string;
  type: string;
  encode: Encode;
}

const columnCache = new WeakMap<PgTable, Column[]>();

function columnsOf(table: PgTable): Column[] {
  let columns = columnCache.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
      const declared = column.getSQLType();
      const type = SERIAL_TYPES[declared] ?? declared;
      return { key, name: column.name, type, encode: type === 'jsonb' || type === 'json' ? encodeJson : encodeScalar };
    });
    columnCache.set(table, columns);
  }
  return columns;
}

/** Reads a column's value (by the table's property name) from a row of the caller's shape. */
export type ValueOf<R> = (row: R, key: string) => unknown;

const ownProperty: ValueOf<Record<string, unknown>> = (row, key) => row[key];

/**
 * Inserts many rows with one statement and one bind parameter per column: every column
 * travels as a PostgreSQL array literal and `unnest` turns the arrays back into rows.
 * Building a drizzle multi-row insert costs more CPU than the database spends storing the
 * rows at bulk volumes, and no statement comes near the 65535 bind parameter limit. Only
 * `keys` are written (by default those of the first row); other columns take their defaults.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  tx: Tx | Db,
  table: PgTable,
  rows: readonly R[],
  options: { keys?: readonly string[]; read?: ValueOf<R> } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const keys = new Set(options.keys ?? Object.keys(rows[0] as object));
  const read = (options.read ?? ownProperty) as ValueOf<R>;
  const columns = columnsOf(table).filter((c) => keys.has(c.key));
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const params = columns.map(({ key, type, encode }) => {
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) parts[i] = encode(read(rows[i]!, key));
    // Typed as text first, so both drivers pass the literal through unchanged.
    return sql`${`{${parts.join(',')}}`}::text::${sql.raw(type)}[]`;
  });
  await tx.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(names)}) select * from unnest(${sql.join(params, sql`, `)})`,
  );
}
