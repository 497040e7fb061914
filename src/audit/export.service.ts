import { and, asc, desc, eq, gt, gte, lt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessLog, accessLogHead } from './access-log.tables.js';
import { chainedJson } from './chain.js';
import { badInput } from '../kernel/errors.js';
import { frontierIds, nodeKey } from './transparency/merkle.js';
import { readNodes, storedConsistencyProof } from './transparency/tree.store.js';

/** Entries read per statement: the export never holds more than one page of the range. */
export const EXPORT_PAGE = 5000;

/**
 * What one export covers: entries from..to (seqs, inclusive; from = to + 1 for none) and the
 * tree size its verifier checks them against. Entries are appended in time order (the
 * appender never lets time run backwards), so a time range is one run of seqs.
 */
export interface ExportRange {
  from: number;
  to: number;
  treeSize: number;
}

export interface ExportQuery {
  from?: unknown;
  to?: unknown;
  since?: unknown;
  until?: unknown;
  treeSize?: unknown;
}

/** A whole-number query parameter of these plain HTTP paths; null when absent. */
export function wholeNumber(value: unknown, argument: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(value)) throw badInput(`"${argument}" must be a whole number`, { argument });
  return Number(value);
}

function instant(value: unknown, argument: string): Date | null {
  if (value === undefined) return null;
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw badInput(`"${argument}" must be an ISO 8601 date or instant with its offset, e.g. 2026-05-01T00:00:00Z`, { argument });
  return date;
}

/**
 * The range a request asks for. By seq: `from` (default 1) to `to` (default: `latestCheckpoint`),
 * checked against the tree of size `to`. By time: entries at or after `since` and before
 * `until`, checked against `treeSize` (default `latestCheckpoint`); the export then ends with
 * a consistency proof from the range's end to that size.
 */
export async function exportRange(db: Db, query: ExportQuery, latestCheckpoint: number | null): Promise<ExportRange> {
  const [head] = await db.select({ seq: accessLogHead.seq }).from(accessLogHead).where(eq(accessLogHead.id, 1));
  const size = head?.seq ?? 0;
  const byTime = query.since !== undefined || query.until !== undefined;
  if (byTime && (query.from !== undefined || query.to !== undefined)) throw badInput('Give a range by seq (from, to) or by time (since, until), not both', { argument: 'since' });
  if (!byTime) {
    if (query.treeSize !== undefined) throw badInput('"treeSize" goes with a time range (since, until)', { argument: 'treeSize' });
    const to = wholeNumber(query.to, 'to') ?? latestCheckpoint ?? size;
    const from = wholeNumber(query.from, 'from') ?? 1;
    if (to > size) throw badInput(`"to" is past the end of the log (${size} entries)`, { argument: 'to' });
    if (from < 1 || from > to + 1) throw badInput('"from" must be from 1 to "to" + 1', { argument: 'from' });
    return { from, to, treeSize: to };
  }
  const since = instant(query.since, 'since');
  const until = instant(query.until, 'until');
  if (since && until && until <= since) throw badInput('"until" must be after "since"', { argument: 'until' });
  const treeSize = wholeNumber(query.treeSize, 'treeSize') ?? latestCheckpoint ?? size;
  if (treeSize > size) throw badInput(`"treeSize" is past the end of the log (${size} entries)`, { argument: 'treeSize' });
  // The first entry at or after `since`, the last before `until`, both within the tree.
  const [first] = since
    ? await db.select({ seq: accessLog.seq }).from(accessLog).where(and(gte(accessLog.at, since), lte(accessLog.seq, treeSize))).orderBy(asc(accessLog.seq)).limit(1)
    : [{ seq: 1 }];
  const [last] = until
    ? await db.select({ seq: accessLog.seq }).from(accessLog).where(and(lt(accessLog.at, until), lte(accessLog.seq, treeSize))).orderBy(desc(accessLog.seq)).limit(1)
    : [{ seq: treeSize }];
  const from = first ? first.seq : treeSize + 1;
  const to = Math.min(treeSize, last ? last.seq : 0);
  // No entry in the window: an empty run placed where the window falls.
  return to < from ? { from, to: from - 1, treeSize } : { from, to, treeSize };
}

/**
 * The export's lines, one page of entries at a time (each page read when the previous one has
 * been taken, so a consumer that waits for the network holds the database reads back too):
 * a frontier line when the range starts after entry 1 (the complete subtrees before it, largest
 * first), each entry's canonical JSON (the bytes its hash and Merkle leaf are computed over),
 * and a consistency line when the range ends before the tree size it is checked against.
 */
export async function* exportLines(db: Db, range: ExportRange): AsyncGenerator<string> {
  const { from, to, treeSize } = range;
  if (from > 1) {
    const ids = frontierIds(from - 1);
    const nodes = await readNodes(db, ids);
    const hashes = ids.reverse().map((id) => nodes.get(nodeKey(id.level, id.index))!.toString('base64'));
    yield `${JSON.stringify({ frontier: { hashes, treeSize: from - 1 } })}\n`;
  }
  for (let after = from - 1; after < to; ) {
    const page = await db
      .select()
      .from(accessLog)
      .where(and(gt(accessLog.seq, after), lte(accessLog.seq, to)))
      .orderBy(asc(accessLog.seq))
      .limit(EXPORT_PAGE);
    if (page.length === 0) break;
    yield page.map((e) => `${chainedJson(e)}\n`).join('');
    after = page.at(-1)!.seq;
  }
  if (to < treeSize) {
    const hashes = (await storedConsistencyProof(db, to, treeSize)).map((h) => h.toString('base64'));
    yield `${JSON.stringify({ consistency: { from: to, hashes, to: treeSize } })}\n`;
  }
}
