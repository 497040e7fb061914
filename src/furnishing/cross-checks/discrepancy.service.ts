import { and, count, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recordOversightEvent } from '../../audit/oversight.service.js';
import { keysetQuery, keysetWindow, toKeysetPage, type Page, type PageArgs } from '../../kernel/pagination.js';
import { badInput, exchangeError } from '../../kernel/errors.js';
import { personId } from '../../kernel/scalars.js';
import type { FurnishedRecordKind } from '../ingestion.types.js';
import { discrepancies } from './discrepancy.tables.js';
import { DiscrepancyKind, DiscrepancyStatus } from './discrepancy-kinds.js';
import type { Discrepancy, DiscrepancyFilter } from './discrepancy.types.js';
import { crossCheckPersons } from './cross-check.service.js';

type DiscrepancyRow = typeof discrepancies.$inferSelect;

const MAX_RESOLUTION = 1000;

function toDiscrepancy(row: DiscrepancyRow): Discrepancy {
  return {
    ...row,
    kind: row.kind as DiscrepancyKind,
    status: row.status as DiscrepancyStatus,
    records: row.records.map((r) => ({
      recordKind: r.kind as FurnishedRecordKind,
      sourceId: r.sourceId,
      sourceRecordId: r.sourceRecordId,
      recordId: String(r.versionId),
    })),
  };
}

/** Discrepancies for regulators, oldest first (a review queue), filtered by status, kind and person. */
export async function listDiscrepancies(db: Db, filter: DiscrepancyFilter | null, args: PageArgs): Promise<Page<Discrepancy>> {
  const w = keysetWindow(args);
  const conditions: (SQL | undefined)[] = [];
  if (filter?.status) conditions.push(eq(discrepancies.status, filter.status));
  if (filter?.kind) conditions.push(eq(discrepancies.kind, filter.kind));
  if (filter?.personId) conditions.push(eq(discrepancies.personId, personId(filter.personId, 'filter.personId')));
  const keyset = keysetQuery(discrepancies.id, w, 'asc');
  const rows = await db
    .select()
    .from(discrepancies)
    .where(and(...conditions, ...keyset.where))
    .orderBy(keyset.orderBy)
    .limit(w.limit + 1);
  return {
    ...toKeysetPage(rows.map(toDiscrepancy), w),
    get totalCount() {
      return db.select({ n: count() }).from(discrepancies).where(and(...conditions)).then(([r]) => r!.n);
    },
  };
}

function requireResolution(text: string, argument: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_RESOLUTION) {
    throw badInput(`"${argument}" must say why, in 1 to ${MAX_RESOLUTION} characters`, { argument });
  }
  return trimmed;
}

async function openDiscrepancy(db: Db, id: number): Promise<DiscrepancyRow> {
  const [row] = await db.select().from(discrepancies).where(eq(discrepancies.id, id));
  if (!row) throw exchangeError('NOT_FOUND', `No discrepancy ${id}`);
  if (row.status !== DiscrepancyStatus.OPEN) {
    throw badInput(`Discrepancy ${id} is ${row.status}, not OPEN`, { argument: 'id', status: row.status });
  }
  return row;
}

/** Closes an open finding with the regulator's reason, logged in the same transaction. */
async function closeDiscrepancy(
  db: Db,
  row: DiscrepancyRow,
  status: DiscrepancyStatus,
  action: string,
  actorPrincipalId: number,
  text: string,
  details: Record<string, unknown>,
  now: Date,
): Promise<DiscrepancyRow> {
  return db.transaction(async (tx) => {
    const [u] = await tx
      .update(discrepancies)
      .set({ status, resolvedAt: now, resolvedBy: actorPrincipalId, resolution: text })
      .where(and(eq(discrepancies.id, row.id), eq(discrepancies.status, DiscrepancyStatus.OPEN)))
      .returning();
    if (!u) throw badInput(`Discrepancy ${row.id} is no longer OPEN`, { argument: 'id' });
    await recordOversightEvent(tx, { actorPrincipalId, action, targetKind: 'DISCREPANCY', targetId: row.id, details });
    return u;
  });
}

/**
 * A regulator closes a finding after review. A resolved burst keeps its records quarantined
 * until the authorities confirm them: resolving judges the finding, releasing serves the facts.
 */
export async function resolveDiscrepancy(db: Db, actorPrincipalId: number, id: number, resolution: string, now = new Date()): Promise<Discrepancy> {
  const text = requireResolution(resolution, 'resolution');
  const row = await openDiscrepancy(db, id);
  const details = { kind: row.kind, resolution: text };
  return toDiscrepancy(await closeDiscrepancy(db, row, DiscrepancyStatus.RESOLVED, 'RESOLVE_DISCREPANCY', actorPrincipalId, text, details, now));
}

/**
 * A regulator lifts the quarantine of a score-reset burst: its records are served again with
 * the status their cross-check gives them (a status-only version each, so history shows it).
 */
export async function releaseQuarantine(db: Db, actorPrincipalId: number, id: number, reason: string, now = new Date()): Promise<Discrepancy> {
  const text = requireResolution(reason, 'reason');
  const row = await openDiscrepancy(db, id);
  if (row.kind !== DiscrepancyKind.CRITERIA_BURST) {
    throw badInput(`Discrepancy ${id} is a ${row.kind}: only a CRITERIA_BURST holds records in quarantine`, { argument: 'discrepancyId' });
  }
  const details = { reason: text, records: row.records };
  const updated = await closeDiscrepancy(db, row, DiscrepancyStatus.RELEASED, 'RELEASE_QUARANTINE', actorPrincipalId, text, details, now);
  // With the burst no longer open, the cross-check gives each record its ordinary status.
  await crossCheckPersons(db, [row.personId], now);
  return toDiscrepancy(updated);
}
