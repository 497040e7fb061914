import { and, arrayContains, count, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessLog, accessLogHead } from './access-log.tables.js';
import { oversightEvents } from './oversight.tables.js';
import { organisations } from '../access/access.tables.js';
import { persons } from '../records/shared/persons.tables.js';
import { profileFields } from '../access/catalogue.js';
import { keysetArgs, keysetQuery, keysetWindow, toKeysetPage, toPage, type PageArgs } from '../kernel/pagination.js';
import { requireNationalId } from '../profile/profile.service.js';
import type { AccessLogFilter } from './access-log.types.js';
import { personId } from '../kernel/scalars.js';

const entryColumns = { entry: accessLog, organisationName: organisations.name };

async function filterConditions(db: Db, f: AccessLogFilter): Promise<(SQL | undefined)[]> {
  let subjectId = f.subjectId == null ? null : personId(f.subjectId, 'filter.subjectId');
  if (f.subjectNationalId) {
    const nationalId = requireNationalId(f.subjectNationalId, 'filter.subjectNationalId');
    const [p] = await db.select({ id: persons.id }).from(persons).where(eq(persons.nationalId, nationalId));
    subjectId = p?.id ?? '00000000-0000-0000-0000-000000000000';
  }
  return [
    f.organisationId != null ? eq(accessLog.organisationId, f.organisationId) : undefined,
    f.licenceId != null ? eq(accessLog.licenceId, f.licenceId) : undefined,
    f.principalId != null ? eq(accessLog.principalId, f.principalId) : undefined,
    subjectId ? eq(accessLog.subjectId, subjectId) : undefined,
    f.purpose ? eq(accessLog.purpose, f.purpose) : undefined,
    // The time bounds let PostgreSQL prune the monthly partitions it does not need.
    f.from ? gte(accessLog.at, f.from) : undefined,
    f.to ? lt(accessLog.at, f.to) : undefined,
    f.deniedOnly ? or(eq(accessLog.outcome, 'REFUSED'), sql`cardinality(${accessLog.denied}) > 0`) : undefined,
    f.disclosedField ? arrayContains(accessLog.disclosed, [f.disclosedField]) : undefined,
  ];
}

/**
 * The regulator's view of the log: newest first, filtered, as a Relay connection paged either
 * way. Its total is the chain's head when nothing is filtered (no count at all), else one
 * count under the filter, run only when asked for.
 */
export async function searchAccessLog(db: Db, filter: AccessLogFilter, args: PageArgs) {
  const w = keysetWindow(args);
  const conditions = await filterConditions(db, filter);
  const keyset = keysetQuery(accessLog.seq, w, 'desc');
  const rows = await db
    .select(entryColumns)
    .from(accessLog)
    .leftJoin(organisations, eq(organisations.id, accessLog.organisationId))
    .where(and(...conditions, ...keyset.where))
    .orderBy(keyset.orderBy)
    .limit(w.limit + 1);
  const nodes = rows.map(({ entry, organisationName }) => ({ ...entry, organisationName }));
  const countAll = async () => {
    if (conditions.every((c) => c === undefined)) {
      const [head] = await db.select({ seq: accessLogHead.seq }).from(accessLogHead).where(eq(accessLogHead.id, 1));
      return head?.seq ?? 0;
    }
    return (await db.select({ n: count() }).from(accessLog).where(and(...conditions)))[0]!.n;
  };
  return {
    ...toKeysetPage(nodes, w, (n) => [n.seq]),
    get totalCount() {
      return countAll();
    },
  };
}

/** The categories of the catalogue that a set of disclosed coordinates touched. */
export function categoriesOf(coordinates: string[]): string[] {
  const out = new Set<string>();
  for (const c of coordinates) {
    const grant = profileFields[c];
    if (grant) out.add(grant.category);
  }
  return [...out].sort();
}

/** What a subject sees: who reached their data, when, why, and which categories. */
export async function subjectAccessHistory(db: Db, personId: string, first: number, after: string | null) {
  const { limit, afterId } = keysetArgs(first, after);
  const rows = await db
    .select(entryColumns)
    .from(accessLog)
    .leftJoin(organisations, eq(organisations.id, accessLog.organisationId))
    .where(and(eq(accessLog.subjectId, personId), afterId !== null ? lt(accessLog.seq, afterId) : undefined))
    .orderBy(desc(accessLog.seq))
    .limit(limit + 1);
  const nodes = rows.map(({ entry, organisationName }) => ({
    seq: entry.seq,
    at: entry.at,
    organisationName: organisationName ?? (entry.organisationId === null ? 'the data subject or a regulator' : null),
    purpose: entry.purpose,
    outcome: entry.outcome,
    categories: categoriesOf(entry.disclosed),
    consentArtefact: entry.consentArtefact,
  }));
  return toPage(nodes, limit, afterId !== null, (n) => [n.seq]);
}

export async function listOversightEvents(db: Db, first: number, after: string | null, targetKind: string | null) {
  const { limit, afterId } = keysetArgs(first, after);
  const rows = await db
    .select()
    .from(oversightEvents)
    .where(and(afterId !== null ? lt(oversightEvents.id, afterId) : undefined, targetKind ? eq(oversightEvents.targetKind, targetKind) : undefined))
    .orderBy(desc(oversightEvents.id))
    .limit(limit + 1);
  return toPage(rows.map((r) => ({ ...r, details: JSON.stringify(r.details) })), limit, afterId !== null);
}
