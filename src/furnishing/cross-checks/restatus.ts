import { and, eq, inArray, isNull } from 'drizzle-orm';
import { appendVersions, type NewVersion, type Tx, type Verification } from '../../records/shared/append-version.js';
import { recordTables, type RecordKind } from '../../records/index.js';

/** A record (across its versions) and the verification status it should now carry. */
export interface StatusChange {
  kind: RecordKind;
  sourceId: number;
  sourceRecordId: string;
  verification: Verification;
  /** The content hash the decision was made on; omitted: whatever is in force. */
  contentHash?: string;
}

const provenanceKeys = new Set([
  'id',
  'personId',
  'sourceId',
  'sourceRecordId',
  'receivedAt',
  'recordedAt',
  'supersededAt',
  'verification',
  'contentHash',
]);

/** A stored row's own fields: what its furnisher sent, without provenance. */
export function contentOf(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !provenanceKeys.has(k)));
}

/**
 * Changes the verification status of records by appending a version with the same content
 * and the new status (never an update in place), so history shows when the status changed.
 * Returns the ids of the new versions by `kind|sourceId|sourceRecordId`.
 */
export async function restateVerification(tx: Tx, changes: StatusChange[], now: Date): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  const byKind = new Map<RecordKind, StatusChange[]>();
  for (const c of changes) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  for (const [kind, list] of byKind) {
    const t = recordTables[kind];
    const open = (await tx
      .select()
      .from(t)
      .where(
        and(
          inArray(t.sourceId, [...new Set(list.map((c) => c.sourceId))]),
          inArray(t.sourceRecordId, list.map((c) => c.sourceRecordId)),
          isNull(t.supersededAt),
        ),
      )) as Record<string, unknown>[];
    const byRecord = new Map(open.map((r) => [`${r.sourceId as number}|${r.sourceRecordId as string}`, r]));
    const versions: NewVersion[] = [];
    for (const c of list) {
      const row = byRecord.get(`${c.sourceId}|${c.sourceRecordId}`);
      if (!row || row.verification === c.verification) continue;
      if (c.contentHash && c.contentHash !== row.contentHash) continue;
      versions.push({
        personId: row.personId as string,
        sourceId: c.sourceId,
        sourceRecordId: c.sourceRecordId,
        receivedAt: row.receivedAt as Date,
        verification: c.verification,
        content: contentOf(row),
        contentHash: row.contentHash as string,
      });
    }
    const results = await appendVersions(tx, kind, versions, now, { restatus: true, returnIds: true });
    results.forEach((r, i) => {
      if (r.outcome === 'versioned') created.set(`${kind}|${versions[i]!.sourceId}|${versions[i]!.sourceRecordId}`, r.id);
    });
  }
  return created;
}

/** Reads the version in force of one record. */
export async function openVersion(tx: Tx, kind: RecordKind, sourceId: number, sourceRecordId: string) {
  const t = recordTables[kind];
  const [row] = (await tx
    .select()
    .from(t)
    .where(and(eq(t.sourceId, sourceId), eq(t.sourceRecordId, sourceRecordId), isNull(t.supersededAt)))) as Record<string, unknown>[];
  return row;
}
