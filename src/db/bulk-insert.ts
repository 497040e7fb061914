import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
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
  json: boolean;
}

const columnCache = new WeakMap<PgTable, Column[]>();

function columnsOf(table: PgTable): Column[] {
  let columns = columnCache.get(table);
  if (!columns) {
    columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
      const declared = column.getSQLType();
      return { key, name: column.name, type: SERIAL_TYPES[declared] ?? declared, json: declared === 'json' || declared === 'jsonb' };
    });
    columnCache.set(table, columns);
  }
  return columns;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface BulkInsertOptions<R> {
  /** The properties to write (by default those of the first row); other columns take their defaults. */
  keys?: readonly string[];
  /** A row's value for a property (by default `row[key]`). */
  value?: (row: R, key: string) => unknown;
}

/**
 * Inserts many rows with one statement. On PostgreSQL the rows are streamed with COPY, the
 * cheapest way in for the server: no statement to plan, no JSON to parse. Elsewhere (PGlite)
 * they travel as one JSON array in one bind parameter, turned back into typed rows by
 * `json_to_recordset`. Either way, triggers, constraints and foreign keys apply as for any
 * insert, and inside a transaction the rows commit or roll back with it.
 */
export async function bulkInsert<R = Record<string, unknown>>(tx: Tx | Db, table: PgTable, rows: readonly R[], options: BulkInsertOptions<R> = {}): Promise<void> {
  if (rows.length === 0) return;
  const keys = new Set(options.keys ?? Object.keys(rows[0] as object));
  const columns = columnsOf(table).filter((c) => keys.has(c.key));
  const value = options.value ?? ((row: R, key: string) => (row as Record<string, unknown>)[key]);
  const client = postgresClientOf(tx);
  if (client) return copyRows(client, getTableName(table), columns, rows, value);
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = JSON.stringify(Object.fromEntries(columns.map((c) => [c.key, value(rows[i]!, c.key)])));
  const names = columns.map((c) => quoteIdent(c.name)).join(', ');
  const fields = columns.map((c) => quoteIdent(c.key)).join(', ');
  const definitions = columns.map((c) => `${quoteIdent(c.key)} ${c.type}`).join(', ');
  await tx.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(names)}) select ${sql.raw(fields)} from json_to_recordset(${`[${parts.join(',')}]`}::json) as r(${sql.raw(definitions)})`,
  );
}

/**
 * The node-postgres connection a drizzle transaction runs on; null for a pool (COPY needs
 * the transaction's own connection) and for PGlite.
 */
function postgresClientOf(tx: Tx | Db): pg.ClientBase | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

async function copyRows<R>(client: pg.ClientBase, table: string, columns: Column[], rows: readonly R[], value: (row: R, key: string) => unknown): Promise<void> {
  const lines = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let line = '';
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j]!;
      line += (j === 0 ? '' : '\t') + copyField(value(row, c.key), c.json);
    }
    lines[i] = line;
  }
  const stream = client.query(copyFrom(`copy ${quoteIdent(table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')}) from stdin`));
  stream.end(lines.join('\n') + '\n');
  await finished(stream);
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field in COPY's text format: \N for null, the four special characters escaped. */
export function copyField(value: unknown, json: boolean): string {
  if (value === null || value === undefined) return '\\N';
  let text: string;
  if (json) text = JSON.stringify(value);
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'boolean') return value ? 't' : 'f';
  else if (value instanceof Date) return value.toISOString();
  else if (typeof value === 'object') text = JSON.stringify(value);
  else return String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}
