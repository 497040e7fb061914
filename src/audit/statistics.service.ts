import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessLog } from './access-log.tables.js';
import { organisations } from '../access/access.tables.js';
import { badInput } from '../kernel/errors.js';

const DAY_MS = 86_400_000;
const BASELINE_DAYS = 28;
/** A day is anomalous when it has at least this many requests... */
export const ANOMALY_MIN_REQUESTS = 50;
/** ...and more than this multiple of the organisation's median day over the 28 days before. */
export const ANOMALY_FACTOR = 3;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Requests and disclosures per organisation per day and per purpose, denial rates, and
 * volume anomalies: a day with at least 50 requests and more than 3 times the organisation's
 * median daily requests over the 28 days before (days without requests count as zero).
 */
export async function oversightStatistics(db: Db, from: Date, to: Date) {
  if (!(from < to)) throw badInput('"from" must be before "to"', { argument: 'from' });
  if (to.getTime() - from.getTime() > 366 * DAY_MS) throw badInput('At most one year at a time', { argument: 'to' });
  const day = sql<string>`to_char(${accessLog.at} at time zone 'UTC', 'YYYY-MM-DD')`;
  const since = new Date(from.getTime() - BASELINE_DAYS * DAY_MS);
  const daily = await db
    .select({
      organisationId: accessLog.organisationId,
      organisationName: organisations.name,
      day,
      // A client may send the same x-request-id again and again: a request is its id at its append instant.
      requests: sql<number>`count(distinct (${accessLog.requestId}, ${accessLog.at}))::int`,
      disclosures: sql<number>`(count(*) filter (where ${accessLog.outcome} = 'DISCLOSED'))::int`,
      refusals: sql<number>`(count(*) filter (where ${accessLog.outcome} = 'REFUSED'))::int`,
    })
    .from(accessLog)
    .leftJoin(organisations, eq(organisations.id, accessLog.organisationId))
    .where(and(gte(accessLog.at, since), lt(accessLog.at, to)))
    .groupBy(accessLog.organisationId, organisations.name, day)
    .orderBy(day);

  const byPurpose = await db
    .select({
      purpose: accessLog.purpose,
      disclosures: sql<number>`(count(*) filter (where ${accessLog.outcome} = 'DISCLOSED'))::int`,
      refusals: sql<number>`(count(*) filter (where ${accessLog.outcome} = 'REFUSED'))::int`,
    })
    .from(accessLog)
    .where(and(gte(accessLog.at, from), lt(accessLog.at, to)))
    .groupBy(accessLog.purpose)
    .orderBy(accessLog.purpose);

  const fromDay = dayOf(from);
  const inRange = daily.filter((d) => d.day >= fromDay);
  const byOrganisationDay = inRange.map((d) => ({
    ...d,
    denialRate: d.disclosures + d.refusals === 0 ? 0 : d.refusals / (d.disclosures + d.refusals),
  }));

  const requestsOn = new Map(daily.map((d) => [`${d.organisationId}|${d.day}`, Number(d.requests)]));
  const anomalies = inRange.flatMap((d) => {
    const start = new Date(`${d.day}T00:00:00Z`).getTime();
    const window = Array.from({ length: BASELINE_DAYS }, (_, i) => requestsOn.get(`${d.organisationId}|${dayOf(new Date(start - (i + 1) * DAY_MS))}`) ?? 0);
    const baseline = median(window);
    const flagged = d.requests >= ANOMALY_MIN_REQUESTS && d.requests > ANOMALY_FACTOR * baseline;
    return flagged
      ? [{
          organisationId: d.organisationId,
          organisationName: d.organisationName,
          day: d.day,
          requests: d.requests,
          baseline,
          rule: `${d.requests} requests ≥ ${ANOMALY_MIN_REQUESTS} and > ${ANOMALY_FACTOR} × the median of the ${BASELINE_DAYS} days before (${baseline})`,
        }]
      : [];
  });
  return { byOrganisationDay, byPurpose, anomalies };
}
