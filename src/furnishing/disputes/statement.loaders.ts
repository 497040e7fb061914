import DataLoader from 'dataloader';
import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { RecordKind } from '../../records/shared/record-kinds.js';
import { recordStatements } from './dispute.tables.js';

export const statementKey = (sourceId: number, sourceRecordId: string) => `${sourceId}|${sourceRecordId}`;

/** The newest statement the subject attached to each record (by `sourceId|sourceRecordId`), as of `asOf`. */
export function statementLoader(db: Db, kind: RecordKind, asOf: Date | null) {
  return new DataLoader<string, string | null>(async (keys) => {
    const refs = keys.map((k) => {
      const at = k.indexOf('|');
      return { sourceId: Number(k.slice(0, at)), sourceRecordId: k.slice(at + 1) };
    });
    const s = recordStatements;
    const rows = await db
      .selectDistinctOn([s.sourceId, s.sourceRecordId], { sourceId: s.sourceId, sourceRecordId: s.sourceRecordId, text: s.text })
      .from(s)
      .where(
        and(
          eq(s.recordKind, kind),
          inArray(s.sourceId, [...new Set(refs.map((r) => r.sourceId))]),
          inArray(s.sourceRecordId, refs.map((r) => r.sourceRecordId)),
          asOf ? lte(s.createdAt, asOf) : undefined,
        ),
      )
      .orderBy(s.sourceId, s.sourceRecordId, desc(s.createdAt), desc(s.id));
    const byKey = new Map(rows.map((r) => [statementKey(r.sourceId, r.sourceRecordId), r.text]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}
