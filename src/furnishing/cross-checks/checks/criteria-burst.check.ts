import { sql, type SQL } from 'drizzle-orm';
import { uuidArray } from '../../../db/sql-arrays.js';
import { rowsOf } from '../../../db/client.js';
import { groupBy } from '../../../kernel/collections.js';
import { recordKindList, type RecordKind } from '../../../records/index.js';
import { DiscrepancyKind } from '../discrepancy-kinds.js';
import { refKey, tableNameOf, type CrossCheck, type Finding, type Row } from '../cross-check.js';

/** What each criteria category of the score-reset pattern is, as a change flag per kind (SQL; descriptors' `burstCriteria`). */
export const burstCriteria = Object.fromEntries(recordKindList.flatMap((d) => (d.burstCriteria ? [[d.kind, d.burstCriteria]] : []))) as Partial<
  Record<RecordKind, Record<string, string>>
>;

/** A category's name: its flag's column alias, camel-cased (driver_licence: driverLicence). */
const categoryName = (alias: string) => alias.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Criteria burst, the score-reset pattern: changes through channels other than the
 * authorities to at least `burstMinCategories` criteria categories within the last
 * `burstWindowHours` up to `now`, for the persons whose changes call for it. Changes are
 * found per kind with lag() over each record's versions (status-only versions carry the same
 * content and do not count): one statement per kind with criteria.
 */
export const criteriaBurstCheck: CrossCheck = {
  name: 'criteria burst',
  async search(run) {
    const ids = run.ids.filter((id) => run.scopeOf(id).bursts);
    if (ids.length === 0) return [];
    const { db, now, config } = run;
    const since = new Date(now.getTime() - config.burstWindowHours * 3_600_000);
    const inPersons = uuidArray(ids);
    const changes: { kind: RecordKind; category: string; row: Row }[] = [];
    for (const [kind, flags] of Object.entries(burstCriteria) as [RecordKind, Record<string, string>][]) {
      const table = sql.identifier(tableNameOf(kind));
      const flagColumns = sql.join(
        Object.entries(flags).map(([name, expr]) => sql.raw(`(${expr}) as ${name}`)),
        sql`, `,
      );
      const anyFlag: SQL = sql.raw(Object.keys(flags).join(' or '));
      const rows = rowsOf(
        await db.execute(sql`
        select * from (
          select id::text as id, person_id::text as person_id, source_id, source_record_id, content_hash, recorded_at, superseded_at, ${flagColumns}
          from ${table} where person_id = any(${inPersons})
          window w as (partition by source_id, source_record_id order by recorded_at, id)
        ) v
        where recorded_at >= ${since.toISOString()}::timestamptz and recorded_at <= ${now.toISOString()}::timestamptz and (${anyFlag})
      `),
      );
      for (const r of rows) {
        const row: Row = { id: Number(r.id), personId: String(r.person_id), sourceId: Number(r.source_id), sourceRecordId: String(r.source_record_id), verification: '', contentHash: String(r.content_hash) };
        if (run.isAuthority(kind, row)) continue;
        for (const category of Object.keys(flags)) if (r[category] === true) changes.push({ kind, category: categoryName(category), row });
      }
    }
    const findings: Finding[] = [];
    for (const [personId, list] of groupBy(changes, (c) => c.row.personId)) {
      const categories = [...new Set(list.map((c) => c.category))].sort();
      if (categories.length < config.burstMinCategories) continue;
      // One reference per record: its latest change in the window.
      const latest = new Map<string, { kind: RecordKind; row: Row }>();
      for (const c of list) {
        const key = refKey(c.kind, c.row.sourceId, c.row.sourceRecordId);
        const seen = latest.get(key);
        if (!seen || seen.row.id < c.row.id) latest.set(key, c);
      }
      const records = [...latest.values()];
      findings.push({
        personId,
        kind: DiscrepancyKind.CRITERIA_BURST,
        records: records.map((r) => r.row),
        recordKinds: records.map((r) => r.kind),
        details: { categories, windowHours: config.burstWindowHours, from: since.toISOString(), to: now.toISOString() },
      });
    }
    return findings;
  },
};
