import { and, asc, eq, gt, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessLog, accessLogHead } from './access-log.tables.js';
import { entryHash, GENESIS_HASH } from './chain.js';

export type BreakKind = 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'MISSING_ENTRY' | 'HEAD_MISMATCH';

export interface ChainVerification {
  valid: boolean;
  checked: number;
  firstSeq: number | null;
  lastSeq: number | null;
  brokenAt: { seq: number; kind: BreakKind; detail: string } | null;
}

const PAGE = 5000;

/**
 * Recomputes the chain for the entries recorded in [from, to): every entry's hash over its
 * own content, every link to the entry before it (also across the range's start), no gap
 * in the sequence, and the head row agreeing with the last entry. Reports the first break.
 */
export async function verifyAccessLog(db: Db, from: Date | null, to: Date | null): Promise<ChainVerification> {
  const inRange = and(from ? gte(accessLog.at, from) : undefined, to ? lt(accessLog.at, to) : undefined);
  const result: ChainVerification = { valid: true, checked: 0, firstSeq: null, lastSeq: null, brokenAt: null };
  let previous: { seq: number; hash: string } | null = null;
  let afterSeq = 0;
  const fail = (seq: number, kind: BreakKind, detail: string) => {
    result.valid = false;
    result.brokenAt = { seq, kind, detail };
    return result;
  };

  for (;;) {
    const page = await db
      .select()
      .from(accessLog)
      .where(and(inRange, gt(accessLog.seq, afterSeq)))
      .orderBy(asc(accessLog.seq))
      .limit(PAGE);
    for (const entry of page) {
      if (previous === null) {
        result.firstSeq = entry.seq;
        previous = await predecessor(db, entry.seq);
        if (previous === null && entry.seq > 1) return fail(entry.seq - 1, 'MISSING_ENTRY', `entry ${entry.seq - 1} is missing`);
      }
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      if (previous && entry.seq !== previous.seq + 1) {
        return fail(previous.seq + 1, 'MISSING_ENTRY', `entry ${previous.seq + 1} is missing`);
      }
      if (entry.prevHash !== expectedPrev) {
        return fail(entry.seq, 'PREVIOUS_HASH_MISMATCH', `entry ${entry.seq} does not link to the entry before it`);
      }
      if (entryHash(entry) !== entry.hash) {
        return fail(entry.seq, 'HASH_MISMATCH', `entry ${entry.seq} was changed after it was written`);
      }
      previous = { seq: entry.seq, hash: entry.hash };
      result.checked++;
      result.lastSeq = entry.seq;
    }
    if (page.length < PAGE) break;
    afterSeq = page.at(-1)!.seq;
  }

  // Entries removed from the end leave the head pointing past the last one.
  if (!previous && !from && !to) {
    const [head] = await db.select().from(accessLogHead).where(eq(accessLogHead.id, 1));
    if (head && head.seq > 0) return fail(1, 'MISSING_ENTRY', `the chain head is at entry ${head.seq}, the log is empty`);
  }
  if (previous && !to) {
    const [head] = await db.select().from(accessLogHead).where(eq(accessLogHead.id, 1));
    if (head && (head.seq !== previous.seq || head.hash !== previous.hash)) {
      return fail(previous.seq + 1, head.seq > previous.seq ? 'MISSING_ENTRY' : 'HEAD_MISMATCH', `the chain head is at entry ${head.seq}, the log ends at ${previous.seq}`);
    }
  }
  return result;
}

async function predecessor(db: Db, seq: number): Promise<{ seq: number; hash: string } | null> {
  if (seq <= 1) return null;
  const [row] = await db.select({ seq: accessLog.seq, hash: accessLog.hash }).from(accessLog).where(eq(accessLog.seq, seq - 1)).limit(1);
  return row ?? null;
}
