import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contentHash } from '../../db/content-hash.js';
import { recordTables, type RecordKind } from './record-kinds.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewVersion {
  personId: string;
  sourceId: number;
  sourceRecordId: string;
  receivedAt: Date;
  verification?: 'VERIFIED' | 'UNVERIFIED' | 'CONFLICTING' | 'DISPUTED' | 'QUARANTINED';
  /** The record's own fields (not provenance): what the content hash covers. */
  content: Record<string, unknown>;
}

export type AppendOutcome = { outcome: 'unchanged'; id: number } | { outcome: 'created' | 'versioned'; id: number; previousId?: number };

/**
 * Appends a version of a furnished record. Same content as the version in force: nothing
 * changes. Different content: the version in force is closed at the instant the new one is
 * recorded, in one transaction, so a reader as of any instant sees exactly one of them.
 */
export async function appendVersion(db: Db | Tx, kind: RecordKind, v: NewVersion, now = new Date()): Promise<AppendOutcome> {
  const table = recordTables[kind];
  const hash = contentHash(v.content);
  const run = async (tx: Tx): Promise<AppendOutcome> => {
    const [open] = await tx
      .select({ id: table.id, contentHash: table.contentHash })
      .from(table)
      .where(and(eq(table.sourceId, v.sourceId), eq(table.sourceRecordId, v.sourceRecordId), isNull(table.supersededAt)))
      .for('update');
    if (open && open.contentHash === hash) return { outcome: 'unchanged', id: open.id };
    if (open) {
      await tx.update(table).set({ supersededAt: now } as never).where(eq(table.id, open.id));
    }
    const [inserted] = await tx
      .insert(table)
      .values({
        ...v.content,
        personId: v.personId,
        sourceId: v.sourceId,
        sourceRecordId: v.sourceRecordId,
        receivedAt: v.receivedAt,
        recordedAt: now,
        verification: v.verification ?? 'UNVERIFIED',
        contentHash: hash,
      } as never)
      .returning({ id: table.id });
    return open
      ? { outcome: 'versioned', id: inserted!.id, previousId: open.id }
      : { outcome: 'created', id: inserted!.id };
  };
  // Inside a caller's transaction this becomes a savepoint.
  return db.transaction(run);
}
