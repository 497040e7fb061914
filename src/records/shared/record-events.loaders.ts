import DataLoader from 'dataloader';
import { and, asc, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { RecordKind } from '../index.js';
import { recordEvents, recordStatements } from './record-events.tables.js';

import { recordKey } from './record-key.js';

/** Loaders here are keyed by record: recordKey(sourceId, sourceRecordId). */

function recordRefs(keys: readonly string[]) {
  const refs = keys.map((k) => {
    const at = k.indexOf('|');
    return { sourceId: Number(k.slice(0, at)), sourceRecordId: k.slice(at + 1) };
  });
  return { sourceIds: [...new Set(refs.map((r) => r.sourceId))], sourceRecordIds: refs.map((r) => r.sourceRecordId) };
}

/** The newest statement the subject attached to each record (by `sourceId|sourceRecordId`), as of `asOf`. */
export function statementLoader(db: Db, kind: RecordKind, asOf: Date | null) {
  return new DataLoader<string, string | null>(async (keys) => {
    const refs = recordRefs(keys);
    const s = recordStatements;
    const rows = await db
      .selectDistinctOn([s.sourceId, s.sourceRecordId], { sourceId: s.sourceId, sourceRecordId: s.sourceRecordId, text: s.text })
      .from(s)
      .where(
        and(
          eq(s.recordKind, kind),
          inArray(s.sourceId, refs.sourceIds),
          inArray(s.sourceRecordId, refs.sourceRecordIds),
          asOf ? lte(s.createdAt, asOf) : undefined,
        ),
      )
      .orderBy(s.sourceId, s.sourceRecordId, desc(s.createdAt), desc(s.id));
    const byKey = new Map(rows.map((r) => [recordKey(r.sourceId, r.sourceRecordId), r.text]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** When the source withdrew each record (by `sourceId|sourceRecordId`), as of `asOf`; null if it did not. */
export function withdrawalLoader(db: Db, kind: RecordKind, asOf: Date | null) {
  return new DataLoader<string, Date | null>(async (keys) => {
    const refs = recordRefs(keys);
    const e = recordEvents;
    const rows = await db
      .selectDistinctOn([e.sourceId, e.sourceRecordId], { sourceId: e.sourceId, sourceRecordId: e.sourceRecordId, at: e.at })
      .from(e)
      .where(
        and(
          eq(e.recordKind, kind),
          eq(e.action, 'WITHDRAWN'),
          inArray(e.sourceId, refs.sourceIds),
          inArray(e.sourceRecordId, refs.sourceRecordIds),
          asOf ? lte(e.at, asOf) : undefined,
        ),
      )
      .orderBy(e.sourceId, e.sourceRecordId, asc(e.at));
    const byKey = new Map(rows.map((r) => [recordKey(r.sourceId, r.sourceRecordId), r.at]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}
