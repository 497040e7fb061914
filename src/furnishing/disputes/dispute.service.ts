import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { contentHash } from '../../db/content-hash.js';
import type { Principal } from '../../access/principal.js';
import { persons } from '../../records/shared/persons.tables.js';
import { sources } from '../../records/shared/sources.tables.js';
import { recordTables, type RecordKind } from '../../records/index.js';
import { appendVersions, type Tx, type Verification } from '../../records/shared/append-version.js';
import { keysetQuery, keysetWindow, toKeysetPage, type Page, type PageArgs } from '../../kernel/pagination.js';
import { badInput, exchangeError } from '../../kernel/errors.js';
import { initialVerification } from '../authority.js';
import { validateFurnishedRecord } from '../record-schemas.js';
import { contentOf, openVersion, restateVerification } from '../cross-checks/restatus.js';
import { crossCheckPersons } from '../cross-checks/cross-check.service.js';
import type { FurnishedRecordKind } from '../ingestion.types.js';
import { disputes, recordEvents, recordStatements } from '../../records/shared/record-events.tables.js';
import { disputeConfig, MAX_REASON_LENGTH, MAX_STATEMENT_LENGTH } from './dispute.config.js';
import { DisputeAnswer, DisputeStatus, RecordChange, type Dispute, type RecordStatement } from './dispute.types.js';

type DisputeRow = typeof disputes.$inferSelect;
const DAY_MS = 86_400_000;

const notFound = (what: string) => exchangeError('NOT_FOUND', `No ${what} of yours has this id`);

function requireText(value: string, argument: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw badInput(`"${argument}" must be 1 to ${max} characters`, { argument });
  return text;
}

/** The subject's own record (any version id); someone else's is as unknown as a missing one. */
async function subjectsRecord(db: Db, principal: Principal, kind: RecordKind, recordId: string) {
  const id = Number(recordId);
  const t = recordTables[kind];
  const [row] = Number.isSafeInteger(id) && id > 0 ? await db.select().from(t).where(eq(t.id, id)) : [];
  if (!row || row.personId !== principal.personId) throw notFound('record');
  return row;
}

async function isWithdrawn(db: Db | Tx, kind: RecordKind, sourceId: number, sourceRecordId: string): Promise<boolean> {
  const [e] = await db
    .select({ id: recordEvents.id })
    .from(recordEvents)
    .where(and(eq(recordEvents.recordKind, kind), eq(recordEvents.sourceId, sourceId), eq(recordEvents.sourceRecordId, sourceRecordId), eq(recordEvents.action, RecordChange.WITHDRAWN)))
    .limit(1);
  return Boolean(e);
}

async function withEvents(db: Db, rows: DisputeRow[], now: Date): Promise<Dispute[]> {
  const events = rows.length
    ? await db.select().from(recordEvents).where(inArray(recordEvents.disputeId, rows.map((r) => r.id))).orderBy(asc(recordEvents.id))
    : [];
  return rows.map((r) => ({
    ...r,
    recordKind: r.recordKind as FurnishedRecordKind,
    status: r.status as DisputeStatus,
    overdue: r.status === DisputeStatus.OPEN && r.deadlineAt < now,
    events: events
      .filter((e) => e.disputeId === r.id)
      .map((e) => ({ change: e.action as RecordChange, at: e.at, recordId: e.recordId === null ? null : String(e.recordId), details: e.details })),
  }));
}

/**
 * A subject disputes one of their records. From then the record shows DISPUTED to everyone
 * who can see it (a status-only version), and its furnisher has `responseDays` to answer.
 */
export async function disputeRecord(db: Db, principal: Principal, kind: RecordKind, recordId: string, reason: string, now = new Date(), config = disputeConfig): Promise<Dispute> {
  const text = requireText(reason, 'reason', MAX_REASON_LENGTH);
  const row = await subjectsRecord(db, principal, kind, recordId);
  const dispute = await db.transaction(async (tx) => {
    const open = await openVersion(tx, kind, row.sourceId, row.sourceRecordId);
    if (!open || (await isWithdrawn(tx, kind, row.sourceId, row.sourceRecordId))) {
      throw badInput('This record is no longer in force: there is nothing to dispute', { argument: 'recordId' });
    }
    const [existing] = await tx
      .select({ id: disputes.id })
      .from(disputes)
      .where(and(eq(disputes.recordKind, kind), eq(disputes.sourceId, row.sourceId), eq(disputes.sourceRecordId, row.sourceRecordId), eq(disputes.status, DisputeStatus.OPEN)));
    if (existing) throw badInput(`This record is already under dispute ${existing.id}`, { argument: 'recordId', disputeId: existing.id });
    const [d] = await tx
      .insert(disputes)
      .values({
        personId: row.personId,
        recordKind: kind,
        sourceId: row.sourceId,
        sourceRecordId: row.sourceRecordId,
        recordId: row.id,
        reason: text,
        priorVerification: open.verification as string,
        openedAt: now,
        deadlineAt: new Date(now.getTime() + config.responseDays * DAY_MS),
      })
      .returning();
    const created = await restateVerification(tx, [{ kind, sourceId: row.sourceId, sourceRecordId: row.sourceRecordId, verification: 'DISPUTED' }], now);
    await tx.insert(recordEvents).values({
      personId: row.personId,
      recordKind: kind,
      sourceId: row.sourceId,
      sourceRecordId: row.sourceRecordId,
      action: RecordChange.DISPUTED,
      at: now,
      disputeId: d!.id,
      actorPrincipalId: principal.id,
      recordId: created.values().next().value ?? (open.id as number),
      details: { reason: text },
    });
    return d!;
  });
  return (await withEvents(db, [dispute], now))[0]!;
}

/**
 * The open disputes a furnisher must answer (its own source only), or all of them for a
 * regulator; for a subject, every dispute they filed, answered or not, with its steps.
 */
export async function listDisputes(db: Db, principal: Principal, args: PageArgs, now = new Date()): Promise<Page<Dispute>> {
  const w = keysetWindow(args);
  if (principal.kind === 'FURNISHER' && principal.sourceId === null) return toKeysetPage([], w);
  if (principal.kind === 'SUBJECT' && principal.personId === null) return toKeysetPage([], w);
  const whose = and(
    principal.kind === 'SUBJECT' ? eq(disputes.personId, principal.personId!) : eq(disputes.status, DisputeStatus.OPEN),
    principal.kind === 'FURNISHER' ? eq(disputes.sourceId, principal.sourceId!) : undefined,
  );
  const keyset = keysetQuery(disputes.id, w, 'asc');
  const rows = await db
    .select()
    .from(disputes)
    .where(and(whose, ...keyset.where))
    .orderBy(keyset.orderBy)
    .limit(w.limit + 1);
  return {
    ...toKeysetPage(await withEvents(db, rows, now), w),
    // One indexed count, only when asked for.
    get totalCount() {
      return db.select({ n: count() }).from(disputes).where(whose).then(([r]) => r!.n);
    },
  };
}

/** A source removes a record: it stops being served to licensees at once, and stays in history. */
export async function withdrawRecord(
  tx: Tx,
  e: { personId: string; kind: RecordKind; sourceId: number; sourceRecordId: string; actorPrincipalId: number | null; disputeId?: number; reason?: string },
  now: Date,
): Promise<void> {
  await tx.insert(recordEvents).values({
    personId: e.personId,
    recordKind: e.kind,
    sourceId: e.sourceId,
    sourceRecordId: e.sourceRecordId,
    action: RecordChange.WITHDRAWN,
    at: now,
    disputeId: e.disputeId ?? null,
    actorPrincipalId: e.actorPrincipalId,
    details: e.reason ? { reason: e.reason } : {},
  });
}

/** Dates travel as text in a furnished record, as in an NDJSON line. */
const asSubmitted = (content: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(content).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));

/**
 * The furnisher of the record's source answers a dispute: CONFIRM restores the record's
 * status, CORRECT appends a version with the corrected fields, WITHDRAW stops it being served.
 */
export async function answerDispute(
  db: Db,
  principal: Principal,
  disputeId: string,
  answer: DisputeAnswer,
  correction: Record<string, unknown> | null,
  note: string | null,
  now = new Date(),
): Promise<Dispute> {
  const id = Number(disputeId);
  const [d] = Number.isSafeInteger(id) && id > 0 ? await db.select().from(disputes).where(eq(disputes.id, id)) : [];
  // Another source's dispute is as unknown as a missing one.
  if (!d || principal.sourceId === null || d.sourceId !== principal.sourceId) throw notFound('dispute');
  if (d.status !== DisputeStatus.OPEN) throw badInput(`Dispute ${d.id} was already answered (${d.status})`, { argument: 'disputeId' });
  const noteText = note === null || note === undefined ? null : requireText(note, 'note', MAX_REASON_LENGTH);
  if (answer !== DisputeAnswer.CORRECT && correction) throw badInput('"correction" goes with CORRECT only', { argument: 'correction' });
  const kind = d.recordKind as RecordKind;
  const corrected = answer === DisputeAnswer.CORRECT ? await correctedContent(db, d, kind, correction, now) : null;

  const updated = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(disputes)
      .set({ status: statusAfter[answer], answeredAt: now, answeredBy: principal.id })
      .where(and(eq(disputes.id, d.id), eq(disputes.status, DisputeStatus.OPEN)))
      .returning();
    if (!claimed) throw badInput(`Dispute ${d.id} was already answered`, { argument: 'disputeId' });
    let versionId: number | null = null;
    if (answer === DisputeAnswer.CONFIRM) {
      const created = await restateVerification(tx, [{ kind, sourceId: d.sourceId, sourceRecordId: d.sourceRecordId, verification: d.priorVerification as Verification }], now);
      versionId = created.values().next().value ?? null;
    } else if (answer === DisputeAnswer.CORRECT) {
      const [result] = await appendVersions(tx, kind, [corrected!], now, { returnIds: true });
      versionId = result && result.outcome !== 'refused' ? result.id : null;
    } else {
      await withdrawRecord(tx, { personId: d.personId, kind, sourceId: d.sourceId, sourceRecordId: d.sourceRecordId, actorPrincipalId: principal.id, disputeId: d.id }, now);
    }
    if (answer !== DisputeAnswer.WITHDRAW) {
      await tx.insert(recordEvents).values({
        personId: d.personId,
        recordKind: kind,
        sourceId: d.sourceId,
        sourceRecordId: d.sourceRecordId,
        action: answer === DisputeAnswer.CONFIRM ? RecordChange.CONFIRMED : RecordChange.CORRECTED,
        at: now,
        disputeId: d.id,
        actorPrincipalId: principal.id,
        recordId: versionId,
        details: noteText ? { note: noteText } : {},
      });
    }
    return claimed;
  });
  // A corrected record is checked against the authorities like any new version.
  if (answer === DisputeAnswer.CORRECT) await crossCheckPersons(db, [d.personId], now);
  return (await withEvents(db, [updated], now))[0]!;
}

const statusAfter: Record<DisputeAnswer, DisputeStatus> = {
  [DisputeAnswer.CONFIRM]: DisputeStatus.CONFIRMED,
  [DisputeAnswer.CORRECT]: DisputeStatus.CORRECTED,
  [DisputeAnswer.WITHDRAW]: DisputeStatus.WITHDRAWN,
};

/** The record in force with the corrected fields, validated as any furnished record. */
async function correctedContent(db: Db, d: DisputeRow, kind: RecordKind, correction: Record<string, unknown> | null, now: Date) {
  if (!correction || Object.keys(correction).length === 0) {
    throw badInput('CORRECT needs "correction": the fields to change, e.g. {"balanceFen": 0}', { argument: 'correction' });
  }
  const open = await db.transaction((tx) => openVersion(tx, kind, d.sourceId, d.sourceRecordId));
  if (!open) throw badInput('The disputed record is no longer in force', { argument: 'disputeId' });
  const current = contentOf(open);
  const unknown = Object.keys(correction).filter((k) => !(k in current));
  if (unknown.length > 0) throw badInput(`Not fields of a ${kind} record: ${unknown.join(', ')}`, { argument: 'correction' });
  const [person] = await db.select({ nationalId: persons.nationalId }).from(persons).where(eq(persons.id, d.personId));
  const validated = validateFurnishedRecord({
    kind,
    sourceRecordId: d.sourceRecordId,
    nationalId: person!.nationalId,
    content: { ...asSubmitted(current), ...correction },
  });
  if (!validated.ok) {
    throw badInput(`The correction is not a valid ${kind} record: ${validated.field ?? ''} ${validated.reason}`.trim(), { argument: 'correction', field: validated.field ?? null });
  }
  const [source] = await db.select({ kind: sources.kind }).from(sources).where(eq(sources.id, d.sourceId));
  const version = {
    personId: d.personId,
    sourceId: d.sourceId,
    sourceRecordId: d.sourceRecordId,
    receivedAt: now,
    verification: initialVerification(source!.kind, kind),
    content: validated.record.content,
  };
  if (contentHash(version.content) === open.contentHash) throw badInput('The correction changes nothing: answer CONFIRM instead', { argument: 'correction' });
  return version;
}

/** A subject's short statement beside one of their records; the newest one is shown. */
export async function attachStatement(db: Db, principal: Principal, kind: RecordKind, recordId: string, text: string, now = new Date()): Promise<RecordStatement> {
  const statement = requireText(text, 'text', MAX_STATEMENT_LENGTH);
  const row = await subjectsRecord(db, principal, kind, recordId);
  const [s] = await db
    .insert(recordStatements)
    .values({ personId: row.personId, recordKind: kind, sourceId: row.sourceId, sourceRecordId: row.sourceRecordId, text: statement, createdAt: now, principalId: principal.id })
    .returning();
  return { ...s!, recordKind: kind as FurnishedRecordKind };
}

