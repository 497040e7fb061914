import { getTableColumns, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { uuidArray } from '../../../db/sql-arrays.js';
import { groupBy } from '../../../kernel/collections.js';
import { recordKindList, recordTables, type RecordKind } from '../../../records/index.js';
import type { DeclaredComparison } from '../../../records/shared/record-kind.js';
import type { DiscrepancyKind } from '../discrepancy-kinds.js';
import { findingKind, includes, kindSet, type CrossCheck, type Row } from '../cross-check.js';

/** The kinds checked against other kinds' records (their descriptors' `declared`), in registry order. */
const declaredKinds = recordKindList.flatMap((d) => (d.declared ? [{ kind: d.kind as RecordKind, declared: d.declared, finding: findingKind(d.declared.finding) }] : [])) as {
  kind: RecordKind;
  declared: DeclaredComparison;
  finding: DiscrepancyKind;
}[];
const declaredSet = kindSet(declaredKinds.map((d) => d.kind));
const againstSet = kindSet(declaredKinds.flatMap((d) => d.declared.against.map((a) => a.kind as RecordKind)));

/** The fields this check reads of a kind: a declared kind's own, and what it is checked against. */
export const declaredFields = (kind: RecordKind): string[] => [
  ...declaredKinds.filter((d) => d.kind === kind).flatMap((d) => [...(d.declared.madeOn ? [d.declared.madeOn] : []), ...d.declared.against.flatMap((a) => Object.keys(a.fields))]),
  ...declaredKinds.flatMap((d) => d.declared.against.filter((a) => a.kind === kind).flatMap((a) => [...Object.values(a.fields), ...(a.inForce ? [a.inForce] : [])])),
];

const stated = (v: unknown) => v !== null && v !== undefined;

/** The kinds whose earlier versions count for a declaration made before they changed. */
const historyKinds = [...new Set(declaredKinds.filter((d) => d.declared.madeOn).flatMap((d) => d.declared.against.map((a) => a.kind as RecordKind)))];

/** An earlier version of a record checked against: what it stated, from when its source sent it until it sent the next. */
type Earlier = Row & { receivedAt: Date; replacedAt: Date | null; supersededAt: Date | null };

/** Earlier versions by `kind|personId`. */
type History = Map<string, Earlier[]>;

/** A 'YYYY-MM-DD' day as its start and end (exclusive), UTC. */
const dayBounds = (day: string) => {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  return { start: new Date(start), end: new Date(start + 86_400_000) };
};

/**
 * Declared against the record: what an applicant told a lender (name, birth date, phone,
 * address, employer) against the identity registry's record and the employer network's jobs
 * in force, now or on the day of the declaration. A field disagrees when both sides state it
 * and no record of the other side states the same value. A disagreement is a finding naming the fields, and the declared
 * record is CONFLICTING; VERIFIED when every field compared agrees; UNVERIFIED when nothing
 * could be compared.
 */
export const declaredCheck: CrossCheck<History> = {
  name: 'declared against the record',
  // The superseded versions of the kinds checked against, for the persons whose declarations are read (one statement per kind).
  async prepare(run) {
    const history: History = new Map();
    const readers = run.ids.filter((id) => (run.readOf(id) & declaredSet) !== 0);
    if (readers.length === 0) return history;
    for (const kind of historyKinds) {
      const t = recordTables[kind];
      const all = getTableColumns(t) as Record<string, PgColumn>;
      const columns = ['id', 'personId', 'sourceId', 'sourceRecordId', 'verification', 'contentHash', 'receivedAt', 'supersededAt', ...declaredFields(kind)];
      // Every version, so that each superseded one learns when its successor was sent.
      const rows = (await run.db
        .select({
          ...Object.fromEntries([...new Set(columns)].map((c) => [c, all[c]!])),
          replacedAt: sql`lead(${t.receivedAt}) over (partition by ${t.sourceId}, ${t.sourceRecordId} order by ${t.recordedAt}, ${t.id})`.mapWith(t.receivedAt),
        })
        .from(t)
        .where(sql`${t.personId} = any(${uuidArray(readers)})`)) as unknown as Earlier[];
      const earlier = rows.filter((r) => r.supersededAt !== null);
      for (const [personId, list] of groupBy(earlier, (r) => r.personId)) history.set(`${kind}|${personId}`, list);
    }
    return history;
  },
  // A changed declaration is compared with the registry and jobs, and a changed registry record or job with the declarations.
  reads(compared) {
    let kinds = compared;
    if ((compared & declaredSet) !== 0) kinds |= againstSet;
    if ((compared & againstSet) !== 0) kinds |= declaredSet;
    return kinds;
  },
  examine(run, personId, records, history, out) {
    for (const { kind, declared, finding } of declaredKinds) {
      if (!includes(run.readOf(personId), kind)) continue;
      for (const row of records(kind)) {
        const fields: string[] = [];
        let comparedAny = false;
        const disagreeing: { kind: RecordKind; row: Row }[] = [];
        const madeOn = declared.madeOn && typeof row[declared.madeOn] === 'string' ? dayBounds(row[declared.madeOn] as string) : null;
        for (const against of declared.against) {
          const other = against.kind as RecordKind;
          const counts = (r: Row) => (!against.authorityOnly || run.isAuthority(other, r)) && (!against.inForce || !stated(r[against.inForce]));
          const theirs = records(other).filter(counts);
          // What the other side stated on the day of the declaration counts as well as what it states now.
          const then = madeOn
            ? (history.get(`${other}|${personId}`) ?? []).filter((r) => r.receivedAt < madeOn.end && (r.replacedAt === null || r.replacedAt >= madeOn.start) && counts(r))
            : [];
          let differs = false;
          for (const [own, their] of Object.entries(against.fields)) {
            const values = [...theirs, ...then].map((r) => r[their]).filter(stated).map(String);
            if (!stated(row[own]) || values.length === 0) continue;
            comparedAny = true;
            if (!values.includes(String(row[own]))) {
              fields.push(own);
              differs = true;
            }
          }
          if (differs) disagreeing.push({ kind: other, row: (theirs[0] ?? then[0])! });
        }
        out.compared.push({ kind, row, cmp: { outcome: fields.length > 0 ? 'disagrees' : comparedAny ? 'agrees' : null, confirmed: true, fields } });
        if (fields.length === 0) continue;
        out.findings.push({
          personId,
          kind: finding,
          records: [row, ...disagreeing.map((d) => d.row)],
          recordKinds: [kind, ...disagreeing.map((d) => d.kind)],
          details: { fields },
        });
      }
    }
  },
};
