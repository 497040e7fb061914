import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Serial columns are plain integers once the caller supplies their values. */
const SERIAL_TYPES: Record<string, string> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };

interface Column {
  key: string;
  name: string;
  type: string;
}

const columnCache = new WeakMap<PgTable, Column[]>();

function columnsOf(table: PgTable): Column[] {
  let columns = columnCache.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
      const declared = column.getSQLType();
      return { key, name: column.name, type: SERIAL_TYPES[declared] ?? declared };
    });
    columnCache.set(table, columns);
  }
  return columns;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts many rows with one statement and one bind parameter: the rows travel as one JSON
 * array, keyed by the table's property names, and `json_to_recordset` turns it back into
 * typed rows. Serialising is JSON.stringify (or the caller's own writer, for rows it already
 * holds as JSON), which costs far less than per-cell encoding, and the database parses one
 * document instead of an array literal per column. Only `keys` are written (by default those
 * of the first row); other columns take their defaults.
 */
export async function bulkInsert<R = Record<string, unknown>>(
  tx: Tx | Db,
  table: PgTable,
  rows: readonly R[],
  options: { keys?: readonly string[]; json?: (row: R) => string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const keys = new Set(options.keys ?? Object.keys(rows[0] as object));
  const columns = columnsOf(table).filter((c) => keys.has(c.key));
  const json = options.json ?? ((row: R) => JSON.stringify(row));
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = json(rows[i]!);
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const fields = columns.map((c) => quoteIdent(c.key)).join(', ');
  const definitions = columns.map((c) => `${quoteIdent(c.key)} ${c.type}`).join(', ');
  await tx.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(names)}) select ${sql.raw(fields)} from json_to_recordset(${`[${parts.join(',')}]`}::json) as r(${sql.raw(definitions)})`,
  );
}
