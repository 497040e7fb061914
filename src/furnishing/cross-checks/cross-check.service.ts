import { and, eq, getTableColumns, getTableName, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { uuidArray } from '../../db/sql-arrays.js';
import { rowsOf, type Db } from '../../db/client.js';
import { contentHash } from '../../db/content-hash.js';
import { persons } from '../../records/shared/persons.tables.js';
import { sources } from '../../records/shared/sources.tables.js';
import { authoritativeSourceKind, type SourceKind } from '../authority.js';
import { recordKindList, recordTables, registry, type RecordKind } from '../../records/index.js';
import type { AuthorityComparison } from '../../records/shared/record-kind.js';
import type { Referee } from '../../records/employment/employment.tables.js';
import type { Tx, Verification } from '../../records/shared/append-version.js';
import { discrepancies, type DiscrepancyRecordRef } from './discrepancy.tables.js';
import { DiscrepancyKind, DiscrepancyStatus } from './discrepancy-kinds.js';
import { crossCheckConfig, type CrossCheckConfig } from './cross-check.config.js';
import type { PersonScope } from './cross-check.queue.js';
import { restateVerification, type StatusChange } from './restatus.js';

type Row = Record<string, unknown> & {
  id: number;
  personId: string;
  sourceId: number;
  sourceRecordId: string;
  verification: string;
  contentHash: string;
};

/** The kinds a cross-check compares with their authority: those whose descriptor says how. */
const checkedKinds = recordKindList.filter((d) => d.comparison).map((d) => d.kind);

/**
 * The record kinds any cross-check reads: a change to another kind (an account, a
 * transaction, a court case) cannot create or clear a finding, so it needs no check.
 */
export const crossCheckedKinds: ReadonlySet<RecordKind> = new Set<RecordKind>(checkedKinds);
export const crossCheckedTables: string[] = checkedKinds.map((k) => getTableName(recordTables[k]));
type CheckedKind = RecordKind;

/** A set of checked kinds as bits (a person's scope is merged for every record a load changes). */
const kindBit = (kind: RecordKind): number => {
  const i = (checkedKinds as readonly RecordKind[]).indexOf(kind);
  return i < 0 ? 0 : 1 << i;
};
const ALL_KINDS = (1 << checkedKinds.length) - 1;
const includes = (kinds: number, kind: CheckedKind) => (kinds & kindBit(kind)) !== 0;

/**
 * How a record from another channel is matched with the authority's record of the same fact
 * (`key`), the fields on which they must agree to verify it, and the further fields that must
 * also agree before a quarantined change counts as confirmed.
 */
const comparisons = Object.fromEntries(checkedKinds.map((k) => [k, registry[k].comparison!])) as Record<CheckedKind, AuthorityComparison>;

/**
 * The columns a cross-check reads of each kind: the version's identity and status, and the
 * fields its comparison and the owner checks look at (not the whole record).
 */
const checkedColumns = Object.fromEntries(
  checkedKinds.map((kind) => {
    const c = comparisons[kind];
    const all = getTableColumns(recordTables[kind]) as Record<string, PgColumn>;
    const fields = ['id', 'personId', 'sourceId', 'sourceRecordId', 'verification', 'contentHash', ...(c.key ? [c.key] : []), ...c.agree, ...c.confirm];
    return [kind, Object.fromEntries([...new Set(fields)].map((f) => [f, all[f]!]))];
  }),
) as Record<CheckedKind, Record<string, PgColumn>>;

/** What each criteria category of the score-reset pattern is, as a change flag per kind (SQL). */
const burstCriteria = Object.fromEntries(recordKindList.flatMap((d) => (d.burstCriteria ? [[d.kind, d.burstCriteria]] : []))) as Partial<Record<RecordKind, Record<string, string>>>;

interface Finding {
  personId: string;
  kind: DiscrepancyKind;
  records: Row[];
  recordKinds: RecordKind[];
  details: Record<string, unknown>;
}

interface Comparison {
  outcome: 'agrees' | 'disagrees' | null;
  /** Agrees on the confirmation fields too. */
  confirmed: boolean;
  fields: string[];
  authority?: Row;
}

function normalise(field: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (field === 'referees') return JSON.stringify((v as Referee[]).map((r) => r.phone).sort());
  return String(v);
}

/** Fields where both sides say something and say it differently. */
function differing(fields: string[], a: Row, b: Row): string[] {
  return fields.filter((f) => {
    const x = normalise(f, a[f]);
    const y = normalise(f, b[f]);
    return x !== null && y !== null && x !== y;
  });
}

function compare(kind: CheckedKind, claim: Row, authority: Row[]): Comparison {
  const c = comparisons[kind];
  const candidates = c.key ? authority.filter((a) => a[c.key!] === claim[c.key!]) : authority;
  if (candidates.length === 0) return { outcome: null, confirmed: false, fields: [] };
  for (const a of candidates) {
    if (differing(c.agree, claim, a).length === 0) {
      return { outcome: 'agrees', confirmed: differing(c.confirm, claim, a).length === 0, fields: [], authority: a };
    }
  }
  return { outcome: 'disagrees', confirmed: false, fields: differing(c.agree, claim, candidates[0]!), authority: candidates[0] };
}

const refKey = (kind: string, sourceId: number, sourceRecordId: string) => `${kind}|${sourceId}|${sourceRecordId}`;

/** A finding's name: the same records with the same content are the same finding. */
function fingerprint(f: Finding): string {
  const parts = f.records.map((r, i) => `${refKey(f.recordKinds[i]!, r.sourceId, r.sourceRecordId)}|${r.contentHash}`).sort();
  return contentHash([f.kind, f.personId, parts, f.details.phone ?? null]);
}

function groupByPerson<T extends { personId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r]);
  return out;
}

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

/** The kinds to read: those compared, and what the owner checks put beside them. */
function readKinds(compare: number): number {
  let kinds = compare;
  if (includes(compare, 'property') || includes(compare, 'vehicle')) kinds |= kindBit('identity');
  if (includes(compare, 'identity')) kinds |= kindBit('property') | kindBit('vehicle');
  return kinds;
}

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
  const readOf = new Map(ids.map((id) => [id, readKinds(compareOf.get(id)!)]));
  // The owner checks compare certificates with the person's own national ID number.
  const owners = ids.filter((id) => (readOf.get(id)! & (kindBit('property') | kindBit('vehicle'))) !== 0);
  const nationalIdOf = new Map(
    owners.length
      ? (await db.select({ id: persons.id, nationalId: persons.nationalId }).from(persons).where(sql`${persons.id} = any(${uuidArray(owners)})`)).map((p) => [p.id, p.nationalId])
      : [],
  );
  const current = {} as Record<CheckedKind, Map<string, Row[]>>;
  for (const kind of checkedKinds) {
    const readers = ids.filter((id) => includes(readOf.get(id)!, kind));
    const t = recordTables[kind];
    const rows = readers.length
      ? ((await db
          .select(checkedColumns[kind])
          .from(t)
          .where(and(sql`${t.personId} = any(${uuidArray(readers)})`, isNull(t.supersededAt)))) as unknown as Row[])
      : [];
    current[kind] = groupByPerson(rows);
  }

  const findings: Finding[] = [];
  const compared: { kind: CheckedKind; row: Row; cmp: Comparison }[] = [];
  for (const id of ids) {
    const person = { id, nationalId: nationalIdOf.get(id) };
    const of = (kind: CheckedKind) => current[kind].get(id) ?? [];
    const registry = of('identity').find((r) => isAuthority('identity', r));
    for (const kind of ['property', 'vehicle'] as const) {
      for (const cert of of(kind)) {
        const fields: string[] = [];
        if (cert.ownerNationalId !== person.nationalId) fields.push('ownerNationalId');
        if (registry && cert.ownerName !== registry.name) fields.push('ownerName');
        if (fields.length === 0) continue;
        findings.push({
          personId: person.id,
          kind: kind === 'property' ? DiscrepancyKind.PROPERTY_OWNER_MISMATCH : DiscrepancyKind.VEHICLE_OWNER_MISMATCH,
          records: registry ? [cert, registry] : [cert],
          recordKinds: registry ? [kind, 'identity'] : [kind],
          details: { fields, onCertificate: { ownerName: cert.ownerName, ownerNationalId: cert.ownerNationalId }, inIdentityRegistry: registry ? { name: registry.name } : null },
        });
      }
    }
    for (const kind of checkedKinds) {
      if (!includes(compareOf.get(person.id)!, kind)) continue;
      const rows = of(kind);
      const authority = rows.filter((r) => isAuthority(kind, r));
      for (const row of rows) {
        if (isAuthority(kind, row)) continue;
        const cmp = compare(kind, row, authority);
        compared.push({ kind, row, cmp });
        if (cmp.outcome === 'disagrees') {
          findings.push({
            personId: person.id,
            kind: kind === 'identity' ? DiscrepancyKind.IDENTITY_MISMATCH : kind === 'education' ? DiscrepancyKind.DEGREE_NOT_CONFIRMED : DiscrepancyKind.CONFLICTS_WITH_AUTHORITY,
            records: [row, cmp.authority!],
            recordKinds: [kind, kind],
            details: { fields: cmp.fields },
          });
        } else if (kind === 'education' && cmp.outcome === null) {
          findings.push({
            personId: person.id,
            kind: DiscrepancyKind.DEGREE_NOT_CONFIRMED,
            records: [row],
            recordKinds: [kind],
            details: { reason: 'The education registry has no record of this certificate' },
          });
        }
      }
    }
  }
  // A shared contact is found from either side: a changed job's phones, or a changed identity's own phone.
  const jobChanged = ids.filter((id) => includes(scopeOf(id).kinds, 'employment'));
  const identityChanged = ids.filter((id) => includes(scopeOf(id).kinds, 'identity'));
  if (jobChanged.length > 0) findings.push(...(await sharedContacts(db, jobChanged)));
  if (identityChanged.length > 0) findings.push(...(await contactsOfOthers(db, identityChanged)));
  const burstIds = ids.filter((id) => scopeOf(id).bursts);
  if (burstIds.length > 0) findings.push(...(await criteriaBursts(db, burstIds, now, config, isAuthority)));

  // Most checks find nothing new: then nothing is written, not even a transaction.
  const burstPersons = [...new Set([...withOpenBurst, ...findings.filter((f) => f.kind === DiscrepancyKind.CRITERIA_BURST).map((f) => f.personId)])];
  if (findings.length === 0 && burstPersons.length === 0 && statusChanges(compared, new Set()).changes.length === 0) return;
  await db.transaction(async (tx) => {
    await recordFindings(tx, findings, now);
    const bursts = burstPersons.length
      ? await tx
          .select()
          .from(discrepancies)
          .where(and(sql`${discrepancies.personId} = any(${uuidArray(burstPersons)})`, eq(discrepancies.kind, DiscrepancyKind.CRITERIA_BURST), eq(discrepancies.status, DiscrepancyStatus.OPEN)))
      : [];
    const held = new Set(bursts.flatMap((b) => b.records.map((r) => refKey(r.kind, r.sourceId, r.sourceRecordId))));
    const { changes, target } = statusChanges(compared, held);
    await restateVerification(tx, changes, now);
    // A burst whose every change the authorities confirmed is closed without a regulator.
    for (const b of bursts) {
      const confirmed = b.records.every((r) => target.get(refKey(r.kind, r.sourceId, r.sourceRecordId)) === 'VERIFIED');
      if (!confirmed) continue;
      await tx
        .update(discrepancies)
        .set({ status: DiscrepancyStatus.RESOLVED, resolvedAt: now, resolution: 'Confirmed by the authoritative sources' })
        .where(and(eq(discrepancies.id, b.id), eq(discrepancies.status, DiscrepancyStatus.OPEN)));
    }
  });
}

/**
 * The status each compared record should carry: what its comparison says, or QUARANTINED
 * while it is held in an open burst (unless the authority confirmed it), and the changes
 * that takes. A disputed record keeps its status until its furnisher answers.
 */
function statusChanges(compared: { kind: CheckedKind; row: Row; cmp: Comparison }[], held: ReadonlySet<string>) {
  const target = new Map<string, Verification>();
  const changes: StatusChange[] = [];
  for (const { kind, row, cmp } of compared) {
    if (row.verification === 'DISPUTED') continue;
    const key = refKey(kind, row.sourceId, row.sourceRecordId);
    const verified: Verification = cmp.outcome === 'agrees' ? 'VERIFIED' : cmp.outcome === 'disagrees' ? 'CONFLICTING' : 'UNVERIFIED';
    const next: Verification = held.has(key) ? (cmp.outcome === 'agrees' && cmp.confirmed ? 'VERIFIED' : 'QUARANTINED') : verified;
    target.set(key, next);
    if (next !== row.verification) {
      changes.push({ kind, sourceId: row.sourceId, sourceRecordId: row.sourceRecordId, verification: next, contentHash: row.contentHash });
    }
  }
  return { changes, target };
}

/** Those of these persons with a score-reset burst still open. */
async function personsWithOpenBurst(db: Db, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ personId: discrepancies.personId })
    .from(discrepancies)
    .where(and(sql`${discrepancies.personId} = any(${uuidArray(ids)})`, eq(discrepancies.status, DiscrepancyStatus.OPEN), eq(discrepancies.kind, DiscrepancyKind.CRITERIA_BURST)));
  return new Set(rows.map((r) => r.personId));
}

/**
 * Inserts new findings; a finding already recorded (same fingerprint) is skipped. A burst of a
 * person who has an open one already extends it: the burst is one pattern, however many
 * batches its changes arrived in.
 */
async function recordFindings(tx: Tx, findings: Finding[], now: Date): Promise<void> {
  if (findings.length === 0) return;
  const burstPersons = [...new Set(findings.filter((f) => f.kind === DiscrepancyKind.CRITERIA_BURST).map((f) => f.personId))];
  const openBursts = burstPersons.length
    ? await tx
        .select({ id: discrepancies.id, personId: discrepancies.personId, records: discrepancies.records, details: discrepancies.details })
        .from(discrepancies)
        .where(and(sql`${discrepancies.personId} = any(${uuidArray(burstPersons)})`, eq(discrepancies.kind, DiscrepancyKind.CRITERIA_BURST), eq(discrepancies.status, DiscrepancyStatus.OPEN)))
    : [];
  const openBurstOf = new Map(openBursts.map((b) => [b.personId, b]));
  const pendingUpdates: typeof openBursts = [];
  const rows = findings.map((f) => ({
    personId: f.personId,
    kind: f.kind,
    fingerprint: fingerprint(f),
    records: f.records.map<DiscrepancyRecordRef>((r, i) => ({ kind: f.recordKinds[i]!, sourceId: r.sourceId, sourceRecordId: r.sourceRecordId, versionId: Number(r.id) })),
    details: f.details,
    createdAt: now,
  }));
  const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()].filter((r) => {
    const open = r.kind === DiscrepancyKind.CRITERIA_BURST ? openBurstOf.get(r.personId) : undefined;
    if (!open) return true;
    const known = new Set(open.records.map((x) => refKey(x.kind, x.sourceId, x.sourceRecordId)));
    const added = r.records.filter((x) => !known.has(refKey(x.kind, x.sourceId, x.sourceRecordId)));
    if (added.length > 0) {
      open.records = [...open.records, ...added];
      const categories = [...new Set([...(open.details.categories as string[]), ...(r.details.categories as string[])])].sort();
      open.details = { ...open.details, categories, to: r.details.to };
      pendingUpdates.push(open);
    }
    return false;
  });
  for (const b of pendingUpdates) {
    await tx.update(discrepancies).set({ records: b.records, details: b.details }).where(eq(discrepancies.id, b.id));
  }
  if (unique.length > 0) await tx.insert(discrepancies).values(unique).onConflictDoNothing({ target: discrepancies.fingerprint });
}

/** The columns of a shared-contact match: `m`, a job's phone, and `t`, the other person's record. */
const MATCH_COLUMNS = sql.raw(`m.record_id::text as m_id, m.person_id::text as m_person, m.source_id as m_source,
  m.source_record_id as m_srid, m.content_hash as m_hash, m.role as m_role, m.phone,
  t.record_kind as t_kind, t.record_id::text as t_id, t.person_id::text as t_person, t.source_id as t_source,
  t.source_record_id as t_srid, t.content_hash as t_hash, t.role as t_role`);

/** A finding about the job's person: their job names a phone that is another person's. */
function sharedContactFinding(r: Record<string, unknown>): Finding {
  return {
    personId: String(r.m_person),
    kind: DiscrepancyKind.SHARED_CONTACT,
    records: [
      { id: Number(r.m_id), personId: String(r.m_person), sourceId: Number(r.m_source), sourceRecordId: String(r.m_srid), verification: '', contentHash: String(r.m_hash) },
      { id: Number(r.t_id), personId: String(r.t_person), sourceId: Number(r.t_source), sourceRecordId: String(r.t_srid), verification: '', contentHash: String(r.t_hash) },
    ],
    recordKinds: ['employment', r.t_kind as RecordKind],
    details: { phone: r.phone, usedAs: r.m_role, alsoFoundAs: r.t_role, otherPersonId: r.t_person },
  };
}

/**
 * Employer or referee phones of these persons' employment that are another person's own
 * phone, or a contact of another person's job with a different employer (colleagues share a
 * switchboard and managers; strangers do not). One statement, joined on the phone number.
 */
async function sharedContacts(db: Db, ids: string[]): Promise<Finding[]> {
  // contact_phones holds every phone in force (kept by triggers): each of these persons'
  // employer and referee phones is a few index probes. A switchboard is shared by every
  // colleague, so for other workplaces only the nearest employer on each side of this one
  // in the (phone, employer) index is looked at, never the whole staff.
  return contactMatches(
    db,
    sql`from contact_phones m
      cross join lateral (
        (select * from contact_phones x
          where x.phone = m.phone and x.role = 'SUBJECT' and x.person_id <> m.person_id limit 5)
        union all
        (select * from contact_phones x
          where x.phone = m.phone and x.role <> 'SUBJECT' and x.employer < m.employer and x.person_id <> m.person_id
          order by x.employer desc limit 5)
        union all
        (select * from contact_phones x
          where x.phone = m.phone and x.role <> 'SUBJECT' and x.employer > m.employer and x.person_id <> m.person_id
          order by x.employer limit 5)
      ) t
      where m.person_id = any(${uuidArray(ids)}) and m.record_kind = 'employment'`,
  );
}

/**
 * The other side: these persons' own phones (identity) named by someone else's job, as its
 * employer's or a referee's phone. The finding is about the job's person, as if their job
 * had just been checked. At most 20 jobs per phone: the rest are found when they change.
 */
async function contactsOfOthers(db: Db, ids: string[]): Promise<Finding[]> {
  return contactMatches(
    db,
    sql`from contact_phones t
      cross join lateral (
        select * from contact_phones x
        where x.phone = t.phone and x.role <> 'SUBJECT' and x.person_id <> t.person_id limit 20
      ) m
      where t.person_id = any(${uuidArray(ids)}) and t.role = 'SUBJECT'`,
  );
}

/** Runs a match of job phones (`m`) with other persons' records (`t`): one finding per distinct pair. */
async function contactMatches(db: Db, from: SQL): Promise<Finding[]> {
  return rowsOf(await db.execute(sql`select distinct ${MATCH_COLUMNS} ${from}`)).map(sharedContactFinding);
}

/**
 * The score-reset pattern: changes through channels other than the authorities to at least
 * `burstMinCategories` criteria categories within the last `burstWindowHours` up to `now`.
 * Changes are found per kind with lag() over each record's versions (status-only versions
 * carry the same content and do not count).
 */
async function criteriaBursts(
  db: Db,
  ids: string[],
  now: Date,
  config: CrossCheckConfig,
  isAuthority: (kind: RecordKind, r: { sourceId: number }) => boolean,
): Promise<Finding[]> {
  const since = new Date(now.getTime() - config.burstWindowHours * 3_600_000);
  const inPersons = uuidArray(ids);
  const changes: { kind: RecordKind; category: string; row: Row }[] = [];
  for (const [kind, flags] of Object.entries(burstCriteria) as [RecordKind, Record<string, string>][]) {
    const table = sql.identifier(getTableName(recordTables[kind]));
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
      if (isAuthority(kind, row)) continue;
      for (const category of Object.keys(flags)) if (r[category] === true) changes.push({ kind, category: category === 'driver_licence' ? 'driverLicence' : category, row });
    }
  }
  const findings: Finding[] = [];
  for (const [personId, list] of groupByPerson(changes.map((c) => ({ ...c, personId: c.row.personId })))) {
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
}
