import { and, getTableColumns, isNull, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { uuidArray } from '../../db/sql-arrays.js';
import type { Db } from '../../db/client.js';
import { groupBy } from '../../kernel/collections.js';
import { sources } from '../../records/shared/sources.tables.js';
import { authoritativeSourceKind, type SourceKind } from '../authority.js';
import { recordTables, type RecordKind } from '../../records/index.js';
import { ALL_KINDS, checkedKinds, includes, kindBit, tableNameOf, type CheckRun, type CrossCheck, type Outcome, type Row } from './cross-check.js';
import { ownerMatchCheck, ownerFields } from './checks/owner-match.check.js';
import { authorityAgreementCheck, comparedFields } from './checks/authority-agreement.check.js';
import { sharedContactCheck } from './checks/shared-contact.check.js';
import { burstCriteria, criteriaBurstCheck } from './checks/criteria-burst.check.js';
import { declaredCheck, declaredFields } from './checks/declared.check.js';
import { keepFindings, personsWithOpenBurst, statusChanges } from './findings.store.js';
import { DiscrepancyKind } from './discrepancy-kinds.js';
import { crossCheckConfig, type CrossCheckConfig } from './cross-check.config.js';
import type { PersonScope } from './cross-check.queue.js';

/**
 * The cross-checks, in the order they run (and their findings are recorded): per person, the
 * owner match, the authority agreement and declared records against the record; then, over every person at once, the shared
 * contacts and the criteria bursts.
 */
const checks: readonly CrossCheck<unknown>[] = [ownerMatchCheck, authorityAgreementCheck, declaredCheck, sharedContactCheck, criteriaBurstCheck];

/**
 * The record kinds any cross-check reads: a change to another kind (an account, a
 * transaction, a court case) cannot create or clear a finding, so it needs no check.
 */
export const crossCheckedKinds: ReadonlySet<RecordKind> = new Set<RecordKind>(checkedKinds);
export const crossCheckedTables: string[] = checkedKinds.map(tableNameOf);

/**
 * The columns the checks read of each kind: the version's identity and status, and the
 * fields its comparison and the owner checks look at (not the whole record).
 */
const checkedColumns = Object.fromEntries(
  checkedKinds.map((kind) => {
    const all = getTableColumns(recordTables[kind]) as Record<string, PgColumn>;
    const fields = ['id', 'personId', 'sourceId', 'sourceRecordId', 'verification', 'contentHash', ...comparedFields(kind), ...ownerFields(kind), ...declaredFields(kind)];
    return [kind, Object.fromEntries([...new Set(fields)].map((f) => [f, all[f]!]))];
  }),
) as Record<RecordKind, Record<string, PgColumn>>;

/**
 * What a change calls for, given the kind changed and the source kind that changed it: the
 * comparisons of that kind (and the checks that read it), and, only for a change through a
 * channel other than the authority, the score-reset check (an authority's change never
 * counts, and a burst's window only shrinks as time passes).
 */
export function scopeOfChange(kind: RecordKind, source: SourceKind): PersonScope {
  return { kinds: kindBit(kind), bursts: Object.hasOwn(burstCriteria, kind) && authoritativeSourceKind[kind] !== source };
}

/** Every check, for every kind: a regulator's release, a dispute's correction, a test. */
const EVERYTHING: PersonScope = { kinds: ALL_KINDS, bursts: true };

/**
 * The kinds to compare for a person. A person with a burst to look for, or an open one, gets
 * every kind: a held record's status depends on the whole burst, not on its own kind.
 */
const comparedKinds = (scope: PersonScope, openBurst: boolean) => (scope.bursts || openBurst ? ALL_KINDS : scope.kinds);

/**
 * Cross-checks the records of the given persons against the authoritative sources and each
 * other, after each committed ingestion batch (and after a regulator's release). `scope` says
 * what each person's changes call for (a load knows); without it, everything is checked.
 * Reads are a fixed number of set-based statements per call, whatever the number of persons.
 * Idempotent: a finding already recorded (open or closed) is not raised again, and statuses
 * already right are not re-stated.
 */
export async function crossCheckPersons(
  db: Db,
  personIds: string[],
  now: Date,
  config: CrossCheckConfig = crossCheckConfig,
  scope?: ReadonlyMap<string, PersonScope>,
): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const scopeOf = (id: string) => scope?.get(id) ?? EVERYTHING;
  const sourceKinds = new Map((await db.select({ id: sources.id, kind: sources.kind }).from(sources)).map((s) => [s.id, s.kind as SourceKind]));
  const isAuthority = (kind: RecordKind, r: { sourceId: number }) => sourceKinds.get(r.sourceId) === authoritativeSourceKind[kind];
  const withOpenBurst = scope ? await personsWithOpenBurst(db, ids) : new Set(ids);
  const compareOf = new Map(ids.map((id) => [id, comparedKinds(scopeOf(id), withOpenBurst.has(id))]));
  const readOf = new Map(ids.map((id) => [id, checks.reduce((kinds, c) => (c.reads ? kinds | c.reads(compareOf.get(id)!) : kinds), compareOf.get(id)!)]));
  const run: CheckRun = { db, ids, now, config, scopeOf, comparedOf: (id) => compareOf.get(id)!, readOf: (id) => readOf.get(id)!, isAuthority };

  const prepared: unknown[] = [];
  for (const check of checks) prepared.push(check.prepare ? await check.prepare(run) : undefined);

  // The versions in force of the kinds read, one statement per kind for every person reading it.
  const current = {} as Record<RecordKind, Map<string, Row[]>>;
  for (const kind of checkedKinds) {
    const readers = ids.filter((id) => includes(readOf.get(id)!, kind));
    const t = recordTables[kind];
    const rows = readers.length
      ? ((await db
          .select(checkedColumns[kind])
          .from(t)
          .where(and(sql`${t.personId} = any(${uuidArray(readers)})`, isNull(t.supersededAt)))) as unknown as Row[])
      : [];
    current[kind] = groupBy(rows, (r) => r.personId);
  }

  const out: Outcome = { findings: [], compared: [] };
  for (const id of ids) {
    const records = (kind: RecordKind) => current[kind].get(id) ?? [];
    checks.forEach((check, i) => check.examine?.(run, id, records, prepared[i], out));
  }
  for (const check of checks) if (check.search) out.findings.push(...(await check.search(run)));

  // Most checks find nothing new: then nothing is written, not even a transaction.
  const burstPersons = [...new Set([...withOpenBurst, ...out.findings.filter((f) => f.kind === DiscrepancyKind.CRITERIA_BURST).map((f) => f.personId)])];
  if (out.findings.length === 0 && burstPersons.length === 0 && statusChanges(out.compared, new Set()).changes.length === 0) return;
  await db.transaction((tx) => keepFindings(tx, out.findings, out.compared, burstPersons, now));
}
