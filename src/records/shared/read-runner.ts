import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { compileStatement, runCompiled, type CompiledStatement } from '../../db/compiled.js';
import { retentionConfig } from './retention.config.js';
import type { ReadParams, ReadSpec, Row } from './read-spec.js';

/**
 * One read: for the given keys, or (`of`) for the records another read of the same statement
 * returns, so a record's history is read with the records themselves in one statement.
 */
export type ReadRequest = { spec: ReadSpec; keys: string[] } | { spec: ReadSpec; of: { spec: ReadSpec; keys: string[] } };

const MAX_PLANS = 1000;
/** Compiled statements by the shapes of their reads: built once, then only bound and sent. */
const plans = new Map<string, CompiledStatement>();

const keyArray = (spec: ReadSpec, name: string) => sql`${sql.placeholder(name)}::${sql.raw(spec.keyType === 'record' ? 'text' : 'uuid')}[]`;

function paramsFor(spec: ReadSpec, prefix: string, now: SQL, ids?: SQL): ReadParams {
  return { ids: ids ?? keyArray(spec, prefix), now, value: (name) => sql.placeholder(`${prefix}_${name}`) as unknown as SQL };
}

function planFor(reads: ReadRequest[]): CompiledStatement {
  // The retention period is a constant of the statement (tests and operators may change it).
  const shape = reads.map((r) => ('of' in r ? `${r.spec.key}<${r.of.spec.key}` : r.spec.key));
  const key = `${shape.join(';')}|${retentionConfig.negativeRecordYears}`;
  let plan = plans.get(key);
  if (plan) return plan;
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const parts: SQL[] = reads.map((read, i) => {
    if (!('of' in read)) {
      const rows = read.spec.rows(paramsFor(read.spec, `s${i}`, now));
      return sql`select ${sql.raw(String(i))} as "part", (select coalesce(json_agg(q), '[]'::json) from (${rows}) q) as "rows", null::text[] as "keys"`;
    }
    // The keys are the records the other read returns (its rows carry their source and id);
    // they come back too, so a record with no rows here still gets its (empty) answer.
    const source = read.of.spec.rows(paramsFor(read.of.spec, `s${i}o`, now));
    const keys = sql`array(select o."sourceId"::text || '|' || o."sourceRecordId" from (${source}) o)`;
    const rows = read.spec.rows(paramsFor(read.spec, `s${i}`, now, keys));
    return sql`select ${sql.raw(String(i))} as "part", (select coalesce(json_agg(q), '[]'::json) from (${rows}) q) as "rows", ${keys} as "keys"`;
  });
  plan = compileStatement(sql.join(parts, sql` union all `));
  if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
  plans.set(key, plan);
  return plan;
}

function bind(values: Record<string, unknown>, prefix: string, spec: ReadSpec, keys: string[]) {
  values[prefix] = keys;
  for (const [name, v] of Object.entries(spec.values)) values[`${prefix}_${name}`] = v;
}

/**
 * Runs many reads as ONE statement (a part per read, each part's rows aggregated as JSON) and
 * answers, per read, each key's value: the keys asked for, or for a read `of` another, each
 * record that read returned (an empty answer where it has no rows).
 */
export async function runReads(db: Db, reads: ReadRequest[], now = new Date()): Promise<Map<string, unknown>[]> {
  if (reads.length === 0) return [];
  const values: Record<string, unknown> = { now: now.toISOString() };
  reads.forEach((r, i) => {
    if ('of' in r) {
      bind(values, `s${i}o`, r.of.spec, r.of.keys);
      for (const [name, v] of Object.entries(r.spec.values)) values[`s${i}_${name}`] = v;
    } else bind(values, `s${i}`, r.spec, r.keys);
  });
  const result = await runCompiled(db, planFor(reads), values);
  const answers = reads.map(() => new Map<string, unknown>());
  for (const part of result) {
    const i = Number(part.part);
    const read = reads[i]!;
    const rows = (typeof part.rows === 'string' ? JSON.parse(part.rows) : part.rows) as Row[];
    const byKey = new Map<string, Row[]>();
    for (const raw of rows) {
      const key = String(raw._key);
      delete raw._key;
      const row = read.spec.decode(raw);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    const keys = 'of' in read ? ((part.keys as string[] | null) ?? []) : read.keys;
    for (const key of keys) answers[i]!.set(key, read.spec.assemble(byKey.get(key) ?? []));
  }
  return answers;
}
