import { and, eq, sql } from 'drizzle-orm';
import { uuidArray } from '../../db/sql-arrays.js';
import type { Db } from '../../db/client.js';
import { contentHash } from '../../db/content-hash.js';
import type { Tx, Verification } from '../../records/shared/append-version.js';
import { discrepancies, type DiscrepancyRecordRef } from './discrepancy.tables.js';
import { DiscrepancyKind, DiscrepancyStatus } from './discrepancy-kinds.js';
import { restateVerification, type StatusChange } from './restatus.js';
import { refKey, type Compared, type Finding } from './cross-check.js';

/**
 * Where cross-checks' findings and their consequences are kept: the discrepancies (a finding
 * recorded once, a burst extended), and the verification status of the records compared.
 */

/** A finding's name: the same records with the same content are the same finding. */
function fingerprint(f: Finding): string {
  const parts = f.records.map((r, i) => `${refKey(f.recordKinds[i]!, r.sourceId, r.sourceRecordId)}|${r.contentHash}`).sort();
  return contentHash([f.kind, f.personId, parts, f.details.phone ?? null]);
}

const openBurstsOf = (ids: string[]) =>
  and(sql`${discrepancies.personId} = any(${uuidArray(ids)})`, eq(discrepancies.kind, DiscrepancyKind.CRITERIA_BURST), eq(discrepancies.status, DiscrepancyStatus.OPEN));

/** Those of these persons with a score-reset burst still open. */
export async function personsWithOpenBurst(db: Db, ids: string[]): Promise<Set<string>> {
  const rows = await db
    .selectDistinct({ personId: discrepancies.personId })
    .from(discrepancies)
    .where(and(sql`${discrepancies.personId} = any(${uuidArray(ids)})`, eq(discrepancies.status, DiscrepancyStatus.OPEN), eq(discrepancies.kind, DiscrepancyKind.CRITERIA_BURST)));
  return new Set(rows.map((r) => r.personId));
}

/**
 * The status each compared record should carry: what its comparison says, or QUARANTINED
 * while it is held in an open burst (unless the authority confirmed it), and the changes
 * that takes. A disputed record keeps its status until its furnisher answers.
 */
export function statusChanges(compared: Compared[], held: ReadonlySet<string>) {
  const target = new Map<string, Verification>();
  const changes: StatusChange[] = [];
  for (const { kind, row, cmp } of mergeComparisons(compared)) {
    if (row.verification === 'DISPUTED') continue;
    const key = refKey(kind, row.sourceId, row.sourceRecordId);
    const verified: Verification = cmp.outcome === 'agrees' ? 'VERIFIED' : cmp.outcome === 'disagrees' ? 'CONFLICTING' : 'UNVERIFIED';
    const next: Verification = held.has(key) ? (cmp.outcome === 'agrees' && cmp.confirmed ? 'VERIFIED' : 'QUARANTINED') : verified;
    target.set(key, next);
    if (next !== row.verification) {
      changes.push({ kind, sourceId: row.sourceId, sourceRecordId: row.sourceRecordId, verification: next, contentHash: row.contentHash });
    }
  }
  return { changes, target };
}

const severity = { disagrees: 2, null: 1, agrees: 0 } as const;
const severityOf = (c: Compared['cmp']) => severity[c.outcome ?? 'null'];

/**
 * One comparison per record: several checks may judge the same record (a partner app's
 * certificate against the registry's, and its owner against the identity registry). The
 * worst outcome stands: a conflict found by any check makes the record CONFLICTING.
 */
function mergeComparisons(compared: Compared[]): Compared[] {
  const byRecord = new Map<string, Compared>();
  for (const c of compared) {
    const key = refKey(c.kind, c.row.sourceId, c.row.sourceRecordId);
    const seen = byRecord.get(key);
    if (!seen) byRecord.set(key, c);
    else {
      const worse = severityOf(c.cmp) > severityOf(seen.cmp) ? c : seen;
      byRecord.set(key, { ...worse, cmp: { ...worse.cmp, confirmed: seen.cmp.confirmed && c.cmp.confirmed, fields: [...new Set([...seen.cmp.fields, ...c.cmp.fields])] } });
    }
  }
  return [...byRecord.values()];
}

/**
 * Keeps what one cross-check call found, in one transaction: the new findings, then the status
 * of every compared record (held in a burst of `burstPersons`, or as its comparison says), and
 * closes a burst whose every change the authorities confirmed.
 */
export async function keepFindings(tx: Tx, findings: Finding[], compared: Compared[], burstPersons: string[], now: Date): Promise<void> {
  await recordFindings(tx, findings, now);
  const bursts = burstPersons.length ? await tx.select().from(discrepancies).where(openBurstsOf(burstPersons)) : [];
  const held = new Set(bursts.flatMap((b) => b.records.map((r) => refKey(r.kind, r.sourceId, r.sourceRecordId))));
  const { changes, target } = statusChanges(compared, held);
  await restateVerification(tx, changes, now);
  // A burst whose every change the authorities confirmed is closed without a regulator.
  for (const b of bursts) {
    const confirmed = b.records.every((r) => target.get(refKey(r.kind, r.sourceId, r.sourceRecordId)) === 'VERIFIED');
    if (!confirmed) continue;
    await tx
      .update(discrepancies)
      .set({ status: DiscrepancyStatus.RESOLVED, resolvedAt: now, resolution: 'Confirmed by the authoritative sources' })
      .where(and(eq(discrepancies.id, b.id), eq(discrepancies.status, DiscrepancyStatus.OPEN)));
  }
}

/**
 * Inserts new findings; a finding already recorded (same fingerprint) is skipped. A burst of a
 * person who has an open one already extends it: the burst is one pattern, however many
 * batches its changes arrived in.
 */
async function recordFindings(tx: Tx, findings: Finding[], now: Date): Promise<void> {
  if (findings.length === 0) return;
  const burstPersons = [...new Set(findings.filter((f) => f.kind === DiscrepancyKind.CRITERIA_BURST).map((f) => f.personId))];
  const openBursts = burstPersons.length
    ? await tx
        .select({ id: discrepancies.id, personId: discrepancies.personId, records: discrepancies.records, details: discrepancies.details })
        .from(discrepancies)
        .where(openBurstsOf(burstPersons))
    : [];
  const openBurstOf = new Map(openBursts.map((b) => [b.personId, b]));
  const pendingUpdates: typeof openBursts = [];
  const rows = findings.map((f) => ({
    personId: f.personId,
    kind: f.kind,
    fingerprint: fingerprint(f),
    records: f.records.map<DiscrepancyRecordRef>((r, i) => ({ kind: f.recordKinds[i]!, sourceId: r.sourceId, sourceRecordId: r.sourceRecordId, versionId: Number(r.id) })),
    details: f.details,
    createdAt: now,
  }));
  const unique = [...new Map(rows.map((r) => [r.fingerprint, r])).values()].filter((r) => {
    const open = r.kind === DiscrepancyKind.CRITERIA_BURST ? openBurstOf.get(r.personId) : undefined;
    if (!open) return true;
    const known = new Set(open.records.map((x) => refKey(x.kind, x.sourceId, x.sourceRecordId)));
    const added = r.records.filter((x) => !known.has(refKey(x.kind, x.sourceId, x.sourceRecordId)));
    if (added.length > 0) {
      open.records = [...open.records, ...added];
      const categories = [...new Set([...(open.details.categories as string[]), ...(r.details.categories as string[])])].sort();
      open.details = { ...open.details, categories, to: r.details.to };
      pendingUpdates.push(open);
    }
    return false;
  });
  for (const b of pendingUpdates) {
    await tx.update(discrepancies).set({ records: b.records, details: b.details }).where(eq(discrepancies.id, b.id));
  }
  if (unique.length > 0) await tx.insert(discrepancies).values(unique).onConflictDoNothing({ target: discrepancies.fingerprint });
}
