import { Column, SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Where a read's run-time values go in its SQL. A read is built once into a statement
 * with these as parameters; each request binds the persons, the instant and its own values.
 */
export interface ReadParams {
  /** The keys the read is for (an array: person ids, or record keys for a `keyType: 'record'` read). */
  ids: SQL;
  /** The instant the read is decided at (timestamptz): served rules, retention. */
  now: SQL;
  /** One of the read's own values (`ReadSpec.values`), by name. */
  value: (name: string) => SQL;
}

export type Row = Record<string, unknown>;

/**
 * One read of a profile, for many keys at once (persons, or records: `keyType`): the SQL that
 * selects its rows (each with the key it answers for in `_key`), how a row comes back from
 * JSON, and how one key's rows make the value its loader answers. A request's reads run either one by one
 * (a DataLoader each) or compiled together into one statement (the read planner): both run
 * this same definition, so they cannot differ in what they disclose.
 */
export interface ReadSpec<V = unknown> {
  /** Everything that shapes the SQL: equal keys, equal statements. Also the loader's cache key. */
  key: string;
  /** What the read is keyed by: persons (uuid, the default) or records (`sourceId|sourceRecordId`). */
  keyType?: 'person' | 'record';
  /** Run-time values of this read besides persons and instant (the `asOf`, a page's cursor). */
  values: Record<string, unknown>;
  rows: (p: ReadParams) => SQL;
  decode: (row: Row) => Row;
  assemble: (rows: Row[]) => V;
}

type Selected = PgColumn | SQL.Aliased | SQL;

/** `select` list aliased with the JS names, so JSON rows come back keyed as drizzle's would. */
export function projection(columns: Record<string, Selected>): SQL {
  return sql.join(
    Object.entries(columns).map(([name, c]) => sql`${c instanceof Column ? c : sql`(${c instanceof SQL.Aliased ? c.sql : c})`} as ${sql.identifier(name)}`),
    sql`, `,
  );
}

/** Turns a JSON row back into the driver's values for the columns that need it (instants). */
export function decoder(columns: Record<string, Selected>): (row: Row) => Row {
  const mapped = Object.entries(columns).filter((e): e is [string, PgColumn] => e[1] instanceof Column && e[1].dataType === 'date');
  return (row) => {
    for (const [name, c] of mapped) {
      const v = row[name];
      if (v !== null && v !== undefined) row[name] = c.mapFromDriverValue(v);
    }
    return row;
  };
}

/** An instant as a bound timestamptz parameter. */
export const instantParam = (p: ReadParams, name: string) => sql`${p.value(name)}::timestamptz`;

/** The rows of a table that belong to the records named by a record-keyed read's keys (`sourceId|sourceRecordId`). */
export const ofRecordKeys = (t: { sourceId: PgColumn; sourceRecordId: PgColumn }, p: ReadParams): SQL =>
  sql`(${t.sourceId}, ${t.sourceRecordId}) in (select split_part(k, '|', 1)::int, substr(k, strpos(k, '|') + 1) from unnest(${p.ids}) k)`;

/** A row's record key, as record-keyed reads answer by it. */
export const recordKeyColumn = (t: { sourceId: PgColumn; sourceRecordId: PgColumn }): SQL => sql`${t.sourceId}::text || '|' || ${t.sourceRecordId}`;
