import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Serial columns are plain integers once the seed supplies their values. */
const SERIAL_TYPES: Record<string, string> = { smallserial: 'smallint', serial: 'integer', bigserial: 'bigint' };

/** Quotes one element of a PostgreSQL array literal. */
function element(value: string | null): string {
  if (value === null) return 'NULL';
  if (value.includes('"') || value.includes('\\')) return `"${value.replace(/[\\"]/g, '\\$&')}"`;
  return `"${value}"`;
}

function toText(value: unknown, json: boolean): string | null {
  if (value === null || value === undefined) return null;
  if (json) return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

/**
 * Inserts many rows with one statement per batch and one bind parameter per column: every
 * column travels as a PostgreSQL array literal and `unnest` turns the arrays back into rows.
 * Building a drizzle multi-row insert costs more CPU than the database spends storing it at
 * seed volumes, and this way no statement comes near the 65535 bind parameter limit. The
 * rows use the table's property names (as for `db.insert(table).values(rows)`); columns absent
 * from the first row take their defaults.
 */
export async function bulkInsert(tx: Tx | Db, table: PgTable, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  const first = rows[0]!;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  const params = columns.map(([key, column]) => {
    const declared = column.getSQLType();
    const type = SERIAL_TYPES[declared] ?? declared;
    const json = type === 'jsonb' || type === 'json';
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) parts[i] = element(toText(rows[i]![key], json));
    const literal = `{${parts.join(',')}}`;
    // Typed as text first, so both drivers pass the literal through unchanged.
    return sql`${literal}::text::${sql.raw(type)}[]`;
  });
  await tx.execute(
    sql`insert into ${sql.identifier(getTableName(table))} (${sql.raw(names)}) select * from unnest(${sql.join(params, sql`, `)})`,
  );
}
