import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { categories, identifyingProvenance, recordListings } from '../../access/catalogue.js';
import { recordKinds, registry, type RecordKind } from '../../records/index.js';
import { keysetArgs, toPage, type Page } from '../../kernel/pagination.js';
import type { FurnishedRecordKind } from '../ingestion.types.js';
import { RecordChange, type CorrectionNotice } from './dispute.types.js';

const noticed = [RecordChange.DISPUTED, RecordChange.CORRECTED, RecordChange.WITHDRAWN];

/** The `category:precision` grants at or above a precision: what an access-log entry must show. */
function grantsAtLeast(category: keyof typeof categories, precision: string): string[] {
  const ladder = categories[category] as readonly string[];
  return ladder.slice(ladder.indexOf(precision)).map((p) => `${category}:${p}`);
}

const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

/**
 * Whether access-log entry `l` disclosed the record that event `e` is about: `l` went out
 * through a field that lists records of that kind, and the record's version in force at
 * that instant is one the reader was served: not quarantined, not withdrawn, and inside
 * every restricted view the entry's grants put the reader under (a court case read at
 * JUDGMENTS_ONLY: one a court had ruled on). With `identifying`, the entry must also show
 * the precision that discloses the record's source id.
 */
function disclosedRecord(kind: RecordKind, identifying: boolean): SQL {
  const d = registry[kind];
  const t = d.table;
  // The kind's own view conditions, as the loaders apply them (they name the table, not an alias).
  const views = (d.views ?? [])
    .filter((v) => v.where)
    .map((v) => sql`and (l.grants && ${textArray(grantsAtLeast(d.category.name, v.below))} or ${v.where})`);
  const grant = identifyingProvenance[kind];
  const precise = identifying ? sql`and l.grants && ${textArray(grantsAtLeast(grant.category, grant.precision))}` : sql``;
  return sql`(e.record_kind = ${kind} and l.disclosed && ${textArray(recordListings[kind])} ${precise}
    and exists (select 1 from ${t} where ${t.sourceId} = e.source_id and ${t.sourceRecordId} = e.source_record_id
      and ${t.personId} = e.person_id and ${t.recordedAt} <= l.at and (${t.supersededAt} is null or ${t.supersededAt} > l.at)
      and ${t.verification} <> 'QUARANTINED' ${sql.join(views, sql` `)})
    and not exists (select 1 from record_events w where w.record_kind = e.record_kind and w.source_id = e.source_id
      and w.source_record_id = e.source_record_id and w.action = 'WITHDRAWN' and w.at <= l.at))`;
}

/** An entry of this organisation about the event's person, before the event, that disclosed something. */
const entriesBefore = (organisationId: number) =>
  sql`select 1 from access_log l where l.organisation_id = ${organisationId} and l.subject_id = e.person_id
    and l.outcome = 'DISCLOSED' and l.at <= e.at`;

const anyKind = (identifying: boolean) => sql.join(recordKinds.map((k) => disclosedRecord(k, identifying)), sql` or `);

/**
 * Correction notices for one organisation: records disputed, corrected or withdrawn since
 * `since` that this organisation was actually disclosed before the change (its access-log
 * entries say through which field, under which grants), oldest first. A notice says no more
 * than the organisation received: the record's source id only if it read the record at the
 * precision that discloses it, the national ID only if it named the person by it or was
 * disclosed it.
 */
export async function correctionNotices(db: Db, organisationId: number | null, since: Date, first: number, after: string | null): Promise<Page<CorrectionNotice>> {
  const { limit, afterId } = keysetArgs(first, after);
  if (organisationId === null) return toPage([], limit, afterId !== null);
  const knowsNationalId = sql`exists (select 1 from access_log l where l.organisation_id = ${organisationId}
    and l.subject_id = e.person_id and l.outcome = 'DISCLOSED'
    and (l.reached_by = 'NATIONAL_ID' or l.disclosed && ${textArray(['Person.nationalId', 'IdentityRecord.nationalId'])}))`;
  const result = await db.execute(sql`
    select e.id, e.action as change, e.at, e.person_id as "personId", e.record_kind as "recordKind",
      e.record_id as "recordId",
      case when ${knowsNationalId} then p.national_id end as "nationalId",
      case when exists (${entriesBefore(organisationId)} and (${anyKind(true)})) then e.source_record_id end as "sourceRecordId"
    from record_events e join persons p on p.id = e.person_id
    where e.action in (${sql.join(noticed.map((a) => sql`${a}`), sql`, `)})
      and e.at >= ${since.toISOString()}::timestamptz
      ${afterId !== null ? sql`and e.id > ${afterId}` : sql``}
      and exists (${entriesBefore(organisationId)} and (${anyKind(false)}))
    order by e.id
    limit ${limit + 1}`);
  const rows = rowsOf<{ id: number | string; change: string; at: Date | string; personId: string; recordKind: string; recordId: number | string | null; nationalId: string | null; sourceRecordId: string | null }>(result);
  return toPage(
    rows.map((r) => ({
      id: Number(r.id),
      change: r.change as RecordChange,
      at: new Date(r.at),
      personId: r.personId,
      nationalId: r.nationalId,
      recordKind: r.recordKind as FurnishedRecordKind,
      sourceRecordId: r.sourceRecordId,
      recordId: r.recordId === null ? null : String(r.recordId),
    })),
    limit,
    afterId !== null,
  );
}
