import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Principal } from '../access/principal.js';
import { sources } from '../records/shared/sources.tables.js';
import type { SourceKind } from '../records/shared/record-kind.js';

/** The source a furnisher submits for: its own, and no other. */
export interface Furnisher {
  sourceId: number;
  sourceKind: SourceKind;
}

/** The source a principal furnishes for, or null when it is no furnisher of any source. */
export async function furnisherOf(db: Db, principal: Principal): Promise<Furnisher | null> {
  if (principal.kind !== 'FURNISHER' || principal.sourceId === null) return null;
  const [source] = await db.select({ kind: sources.kind }).from(sources).where(eq(sources.id, principal.sourceId));
  return source ? { sourceId: principal.sourceId, sourceKind: source.kind } : null;
}
