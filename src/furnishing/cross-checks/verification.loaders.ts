import DataLoader from 'dataloader';
import { and, gt, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { recordTables, type RecordKind } from '../../records/shared/record-kinds.js';
import { versionVisibleAt } from '../../records/shared/versioning.js';
import { discrepancies } from './discrepancy.tables.js';

export interface VerificationCount {
  kind: RecordKind;
  verification: string;
  count: number;
}

/** Raw transactions are the clearing house's own facts: summaries count every other kind. */
const countedKinds = (Object.keys(recordTables) as RecordKind[]).filter((k) => k !== 'transaction');

/** Per person, the records in force by kind and verification status: one statement for all persons. */
export function verificationCountsLoader(db: Db, asOf: Date | null) {
  return new DataLoader<string, VerificationCount[]>(async (personIds) => {
    const parts = countedKinds.map((kind) => {
      const t = recordTables[kind];
      return db
        .select({
          personId: t.personId,
          kind: sql<string>`${sql.raw(`'${kind}'`)}::text`.as('kind'),
          verification: sql<string>`${t.verification}::text`.as('verification'),
          count: sql<number>`count(*)::int`.as('count'),
        })
        .from(t)
        .where(and(inArray(t.personId, [...personIds]), versionVisibleAt(t, asOf)))
        .groupBy(t.personId, t.verification);
    });
    const [first, second, ...rest] = parts;
    const rows = await unionAll(first!, second!, ...rest);
    const byPerson = new Map<string, VerificationCount[]>();
    for (const r of rows) {
      const list = byPerson.get(r.personId) ?? [];
      list.push({ kind: r.kind as RecordKind, verification: r.verification, count: Number(r.count) });
      byPerson.set(r.personId, list);
    }
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}

/** Per person, the kinds of discrepancy open at `asOf` (now when null). */
export function openDiscrepancyKindsLoader(db: Db, asOf: Date | null) {
  return new DataLoader<string, string[]>(async (personIds) => {
    const d = discrepancies;
    const openAt: SQL = asOf
      ? and(lte(d.createdAt, asOf), or(isNull(d.resolvedAt), gt(d.resolvedAt, asOf)))!
      : sql`${d.status} = 'OPEN'`;
    const rows = await db
      .selectDistinct({ personId: d.personId, kind: d.kind })
      .from(d)
      .where(and(inArray(d.personId, [...personIds]), openAt));
    const byPerson = new Map<string, string[]>();
    for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r.kind].sort());
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
