import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { compileStatement, runCompiled, type CompiledStatement } from '../../db/compiled.js';
import { retentionConfig } from './retention.config.js';
import type { ReadParams, ReadSpec, Row } from './read-spec.js';

/** One read for a set of persons. */
export interface ReadRequest {
  spec: ReadSpec;
  personIds: string[];
}

const MAX_PLANS = 1000;
/** Compiled statements by the shapes of their reads: built once, then only bound and sent. */
const plans = new Map<string, CompiledStatement>();

function planFor(specs: ReadSpec[]): CompiledStatement {
  // The retention period is a constant of the statement (tests and operators may change it).
  const key = `${specs.map((s) => s.key).join(';')}|${retentionConfig.negativeRecordYears}`;
  let plan = plans.get(key);
  if (plan) return plan;
  const now = sql`${sql.placeholder('now')}::timestamptz`;
  const parts: SQL[] = specs.map((spec, i) => {
    const params: ReadParams = {
      ids: sql`${sql.placeholder(`s${i}`)}::uuid[]`,
      now,
      value: (name) => sql.placeholder(`s${i}_${name}`) as unknown as SQL,
    };
    return sql`select ${sql.raw(String(i))} as "part", (select coalesce(json_agg(q), '[]'::json) from (${spec.rows(params)}) q) as "rows"`;
  });
  plan = compileStatement(sql.join(parts, sql` union all `));
  if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
  plans.set(key, plan);
  return plan;
}

/**
 * Runs many reads, for many persons each, as ONE statement (a part per read, each part's rows
 * aggregated as JSON), and answers, per read, each person's value.
 */
export async function runReads(db: Db, reads: ReadRequest[], now = new Date()): Promise<Map<string, unknown>[]> {
  if (reads.length === 0) return [];
  const specs = reads.map((r) => r.spec);
  const values: Record<string, unknown> = { now: now.toISOString() };
  reads.forEach((r, i) => {
    values[`s${i}`] = r.personIds;
    for (const [name, v] of Object.entries(r.spec.values)) values[`s${i}_${name}`] = v;
  });
  const result = await runCompiled(db, planFor(specs), values);
  const answers = reads.map(() => new Map<string, unknown>());
  for (const part of result) {
    const i = Number(part.part);
    const read = reads[i]!;
    const rows = (typeof part.rows === 'string' ? JSON.parse(part.rows) : part.rows) as Row[];
    const byPerson = new Map<string, Row[]>();
    for (const raw of rows) {
      const person = String(raw._person);
      delete raw._person;
      const row = read.spec.decode(raw);
      const list = byPerson.get(person);
      if (list) list.push(row);
      else byPerson.set(person, [row]);
    }
    for (const id of read.personIds) answers[i]!.set(id, read.spec.assemble(byPerson.get(id) ?? []));
  }
  return answers;
}
