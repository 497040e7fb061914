import type { Db } from '../db/client.js';
import { furnishingRefusal } from '../furnishing/authority.js';
import { validateFurnishedRecord } from '../furnishing/record-schemas.js';
import { crossCheckPersons } from '../furnishing/cross-checks/cross-check.service.js';
import { recordKinds, registry } from '../records/index.js';
import type { GeneratedPerson, GeneratedRecord } from './generator.js';
import { demoSources, type SourceKind } from './sources.js';

/**
 * The seed furnishes its data the way real data is furnished, only loaded faster: every
 * generated record passes the ingestion's checks (its kind's validator, the authority matrix,
 * the kind's rule on its sources and on a version's successor) before it is loaded, and the
 * loaded people then go through the cross-checks at the data set's clock.
 */

const sourceKindOf = new Map<string, SourceKind>(demoSources.map((s) => [s.code, s.kind]));

export class RefusedSeedRecord extends Error {}

/** Throws when ingestion would refuse one of the person's records: the data set itself is wrong. */
export function admitGenerated(person: GeneratedPerson): void {
  for (const kind of recordKinds) {
    let previous: GeneratedRecord | undefined;
    for (const r of person.records[kind] as GeneratedRecord[]) {
      const refuse = (field: string | undefined, reason: string): never => {
        throw new RefusedSeedRecord(`ingestion would refuse ${kind} record ${r.sourceRecordId} of ${person.nationalId}: ${field ? `${field}: ` : ''}${reason}`);
      };
      const checked = validateFurnishedRecord({ kind, sourceRecordId: r.sourceRecordId, nationalId: person.nationalId, content: r.content });
      if (!checked.ok) refuse(checked.field, checked.reason);
      const content = (checked as { record: { content: Record<string, unknown> } }).record.content;
      const refusal = furnishingRefusal(sourceKindOf.get(r.source)!, kind, content);
      if (refusal) refuse(refusal.field, refusal.reason);
      const successor = previous && previous.source === r.source && previous.sourceRecordId === r.sourceRecordId;
      const moved = successor ? registry[kind].transition?.refuse(previous!.content as Record<string, unknown>, content) : null;
      if (moved) refuse(moved.field, moved.reason);
      previous = r;
    }
  }
}

/** People per cross-check call: the checks' statements are set-based over a chunk. */
const CROSS_CHECK_CHUNK = 1000;

/** Deadlocks and serialization failures: the chunk's transaction is rolled back whole. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 5;

/**
 * Checks one chunk, again when the database chose its transaction as a deadlock victim (two
 * chunks restating records that share a contact phone): the checks are idempotent.
 */
async function checkChunk(db: Db, chunk: string[], now: Date): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await crossCheckPersons(db, chunk, now);
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw err;
    }
  }
}

/**
 * Cross-checks every loaded person as ingestion does after each batch, at `now` (the data
 * set's clock), a chunk at a time with `concurrency` chunks at once. `onChunk` reports progress.
 */
export async function crossCheckLoaded(db: Db, personIds: string[], now: Date, concurrency: number, onChunk?: (done: number) => void): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < personIds.length) {
      const chunk = personIds.slice(next, (next += CROSS_CHECK_CHUNK));
      await checkChunk(db, chunk, now);
      done += chunk.length;
      onChunk?.(done);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
