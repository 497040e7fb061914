import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recordKindList, recordTables, type RecordKind } from '../../records/index.js';
import { sources } from '../../records/shared/sources.tables.js';
import type { VerificationStatus } from '../../records/shared/record.types.js';
import { discrepancies } from '../cross-checks/discrepancy.tables.js';
import { DiscrepancyKind, DiscrepancyStatus } from '../cross-checks/discrepancy-kinds.js';
import type { SubjectFinding } from './subject-findings.types.js';

/** What each kind of finding means, told to the person it is about. */
const summaries: Record<DiscrepancyKind, string> = {
  PROPERTY_OWNER_MISMATCH: 'A property certificate filed under you names an owner that does not match your identity record.',
  VEHICLE_OWNER_MISMATCH: 'A vehicle registration filed under you names an owner that does not match your identity record.',
  IDENTITY_MISMATCH: 'Identity details furnished about you disagree with the identity registry or the employer network.',
  DEGREE_NOT_CONFIRMED: 'A degree on file for you is not confirmed by the education registry, or disagrees with its record.',
  CONFLICTS_WITH_AUTHORITY: 'A record furnished about you disagrees with the authoritative source.',
  SHARED_CONTACT: 'A contact phone on your employment record is also another person’s phone or another workplace’s contact.',
  CRITERIA_BURST: 'Many of your scoring criteria changed within one day; the changes are held back until the authorities confirm them.',
};

/**
 * The names a field goes by in other kinds: a certificate's owner name is the identity's
 * name, a declared employer is a job's employer (the kinds' descriptors say).
 */
const counterparts = new Map<string, string[]>();
const alias = (field: string, other: string) => counterparts.set(field, [...(counterparts.get(field) ?? []), other]);
const namer = recordKindList.find((d) => d.registeredName);
for (const d of recordKindList) {
  if (d.ownerMatch && namer) alias(d.ownerMatch.name, namer.registeredName!);
  if (d.ownerMatch) alias(d.ownerMatch.nationalId, 'nationalId');
  for (const a of d.declared?.against ?? []) for (const [own, their] of Object.entries(a.fields)) alias(own, their);
}

/** What a record states of a field, under its own name or a counterpart's; nothing when it has no such field. */
function stated(row: Record<string, unknown>, field: string): { field: string; value: string | null }[] {
  const name = field in row ? field : counterparts.get(field)?.find((f) => f in row);
  if (!name) return [];
  const v = row[name];
  return [{ field, value: v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v) }];
}

/**
 * The open findings about a person, as the person may read them: what disagrees and which
 * source said what, for their own records only (a shared-contact finding's other person's
 * record stays out). Oldest first.
 */
export async function openFindingsOf(db: Db, personId: string): Promise<SubjectFinding[]> {
  const rows = await db
    .select()
    .from(discrepancies)
    .where(and(eq(discrepancies.personId, personId), eq(discrepancies.status, DiscrepancyStatus.OPEN)))
    .orderBy(asc(discrepancies.id));
  if (rows.length === 0) return [];
  // The versions read, one statement per kind; their records' versions in force for the status now.
  const idsByKind = new Map<RecordKind, number[]>();
  for (const r of rows) for (const ref of r.records) idsByKind.set(ref.kind as RecordKind, [...(idsByKind.get(ref.kind as RecordKind) ?? []), ref.versionId]);
  const versions = new Map<string, Record<string, unknown>>();
  const inForce = new Map<string, string>();
  for (const [kind, ids] of idsByKind) {
    const t = recordTables[kind];
    const read = (await db.select().from(t).where(and(inArray(t.id, ids), eq(t.personId, personId)))) as Record<string, unknown>[];
    for (const v of read) versions.set(`${kind}|${v.id as number}`, v);
    const keys = [...new Set(read.map((v) => v.sourceRecordId as string))];
    if (keys.length === 0) continue;
    const now = await db
      .select({ sourceId: t.sourceId, sourceRecordId: t.sourceRecordId, verification: t.verification })
      .from(t)
      .where(and(eq(t.personId, personId), inArray(t.sourceRecordId, keys), isNull(t.supersededAt)));
    for (const n of now) inForce.set(`${kind}|${n.sourceId}|${n.sourceRecordId}`, n.verification);
  }
  const sourceOf = new Map((await db.select().from(sources)).map((s) => [s.id, s]));
  return rows.map((r) => {
    const fields = ((r.details.fields ?? r.details.categories ?? []) as string[]).map(String);
    return {
      id: r.id,
      kind: r.kind as DiscrepancyKind,
      summary: summaries[r.kind as DiscrepancyKind] ?? 'A cross-check found records about you that disagree.',
      fields,
      raisedAt: r.createdAt,
      statements: r.records.flatMap((ref) => {
        const v = versions.get(`${ref.kind}|${ref.versionId}`);
        const source = sourceOf.get(ref.sourceId);
        if (!v || !source) return [];
        return [
          {
            recordKind: ref.kind as RecordKind,
            recordId: String(ref.versionId),
            source: { code: source.code, name: source.name, kind: source.kind },
            verification: (inForce.get(`${ref.kind}|${ref.sourceId}|${ref.sourceRecordId}`) ?? v.verification) as VerificationStatus,
            values: r.kind === DiscrepancyKind.CRITERIA_BURST ? [] : fields.flatMap((field) => stated(v, field)),
          },
        ];
      }),
    };
  });
}
