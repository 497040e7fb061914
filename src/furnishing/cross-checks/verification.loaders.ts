import DataLoader from 'dataloader';
import { and, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { recordTables, type RecordKind } from '../../records/index.js';
import { versionVisibleAt } from '../../records/shared/versioning.js';
import { countedCondition } from '../../records/shared/served.js';
import type { RestrictedViewDeclaration } from '../../records/shared/record-kind.js';
import { discrepancies } from './discrepancy.tables.js';

export interface VerificationCount {
  kind: RecordKind;
  verification: string;
  count: number;
}

/** Raw transactions are the clearing house's own facts: summaries count every other kind. */
const countedKinds = (Object.keys(recordTables) as RecordKind[]).filter((k) => k !== 'transaction');

/**
 * What a reader's counts may cover: the kinds it is granted, each under the restricted view
 * its grant imposes (a JUDGMENTS_ONLY reader counts no lawsuit), and for licensees only the
 * records they could be served. Absent: every record (regulators, subjects).
 */
export interface CountScope {
  kinds: RecordKind[];
  restrictions: Partial<Record<RecordKind, RestrictedViewDeclaration>>;
  servedOnly: boolean;
}

export const countScopeKey = (s: CountScope) =>
  `${s.kinds.join(',')}|${Object.entries(s.restrictions).map(([k, v]) => `${k}:${v!.name}`).join(',')}|${s.servedOnly}`;

/** Per person, the records in force by kind and verification status: one statement for all persons. */
export function verificationCountsLoader(db: Db, asOf: Date | null, scope: CountScope) {
  return new DataLoader<string, VerificationCount[]>(async (personIds) => {
    const kinds = countedKinds.filter((k) => scope.kinds.includes(k));
    if (kinds.length === 0) return personIds.map(() => []);
    const parts = kinds.map((kind) => {
      const t = recordTables[kind];
      const view = scope.restrictions[kind];
      return db
        .select({
          personId: t.personId,
          kind: sql<string>`${sql.raw(`'${kind}'`)}::text`.as('kind'),
          verification: sql<string>`${t.verification}::text`.as('verification'),
          count: sql<number>`count(*)::int`.as('count'),
        })
        .from(t)
        .where(
          and(
            inArray(t.personId, [...personIds]),
            versionVisibleAt(t, asOf),
            view?.where,
            scope.servedOnly ? countedCondition(kind, asOf !== null) : undefined,
          ),
        )
        .groupBy(t.personId, t.verification);
    });
    const [first, second, ...rest] = parts;
    const rows = await (second ? unionAll(first!, second, ...rest) : first!);
    const byPerson = new Map<string, VerificationCount[]>();
    for (const r of rows) {
      const list = byPerson.get(r.personId) ?? [];
      list.push({ kind: r.kind as RecordKind, verification: r.verification, count: Number(r.count) });
      byPerson.set(r.personId, list);
    }
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}

/** An open finding as a reader's summary may name it: its kind and the kinds of its records. */
export interface OpenFinding {
  kind: string;
  recordKinds: string[];
}

/** Per person, the findings open at `asOf` (now when null). */
export function openDiscrepancyKindsLoader(db: Db, asOf: Date | null) {
  return new DataLoader<string, OpenFinding[]>(async (personIds) => {
    const d = discrepancies;
    const openAt: SQL = asOf
      ? and(lte(d.createdAt, asOf), or(isNull(d.resolvedAt), gt(d.resolvedAt, asOf)))!
      : sql`${d.status} = 'OPEN'`;
    const rows = await db
      .select({ personId: d.personId, kind: d.kind, records: d.records })
      .from(d)
      .where(and(inArray(d.personId, [...personIds]), openAt));
    const byPerson = new Map<string, OpenFinding[]>();
    for (const r of rows) {
      const list = byPerson.get(r.personId) ?? [];
      list.push({ kind: r.kind, recordKinds: [...new Set(r.records.map((x) => x.kind))] });
      byPerson.set(r.personId, list);
    }
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
