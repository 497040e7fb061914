import { createHash } from 'node:crypto';
import { Placeholder, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/**
 * A statement built once and run many times: its text and its parameters, where a
 * parameter is either a constant of the plan or the name of a value given at each run.
 * The hot path neither builds SQL nor walks drizzle's objects: it fills values and sends.
 */
export interface CompiledStatement {
  /** A name derived from the text: PostgreSQL prepares it once per connection. */
  name: string;
  text: string;
  params: (Placeholder | unknown)[];
}

const dialect = new PgDialect();

/** Turns SQL (with `sql.placeholder(name)` where run-time values go) into a compiled statement. */
export function compileStatement(query: SQL): CompiledStatement {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `cx_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  return { name, text, params };
}

/** What runs a compiled statement on the driver underneath, counting it like any other. */
export interface StatementRunner {
  run(statement: CompiledStatement, values: unknown[]): Promise<Record<string, unknown>[]>;
}

const runners = new WeakMap<object, StatementRunner>();

/** Called by openDatabase: the runner of each database handle (a drizzle `Db`) it opens. */
export function registerRunner(db: object, runner: StatementRunner): void {
  runners.set(db, runner);
}

/** Runs `statement` with the named values; fails loudly on a missing value (never binds undefined). */
export async function runCompiled(db: object, statement: CompiledStatement, values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const runner = runners.get(db);
  if (!runner) throw new Error('This database handle has no statement runner (open it with openDatabase)');
  const bound = statement.params.map((p) => {
    if (!(p instanceof Placeholder)) return p;
    const value = values[p.name];
    if (value === undefined) throw new Error(`No value for the statement parameter "${p.name}"`);
    return value;
  });
  return runner.run(statement, bound);
}
