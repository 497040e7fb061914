import DataLoader from 'dataloader';
import { and, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { versionVisibleAt } from '../shared/versioning.js';
import { servedCondition } from '../shared/served.js';
import { propertyCertificates, vehicleRegistrations } from './property.tables.js';
import type { AssetSummary } from './property.types.js';

const assetTables = { property: propertyCertificates, vehicle: vehicleRegistrations } as const;
export type AssetKind = keyof typeof assetTables;

/**
 * Count and total value of the assets a person holds (transferred ones excluded), computed
 * in the database so a coarse grant never fetches the certificates themselves.
 */
export function assetSummaryLoader(db: Db, kind: AssetKind, asOf: Date | null, servedOnly = false) {
  return new DataLoader<string, AssetSummary>(async (personIds) => {
    const t = assetTables[kind];
    const rows = await db
      .select({
        personId: t.personId,
        count: sql<number>`count(*)::int`,
        totalValueFen: sql<string>`coalesce(sum(${t.valueFen}), 0)::text`,
      })
      .from(t)
      .where(
        and(
          inArray(t.personId, [...personIds]),
          versionVisibleAt(t, asOf),
          ne(t.status, 'TRANSFERRED'),
          servedOnly ? servedCondition(kind, asOf !== null) : undefined,
        ),
      )
      .groupBy(t.personId);
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    return personIds.map((id) => {
      const r = byPerson.get(id);
      return { count: r ? Number(r.count) : 0, totalValueFen: r ? Number(r.totalValueFen) : 0 };
    });
  });
}
