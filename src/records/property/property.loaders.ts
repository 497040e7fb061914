import { and, sql } from 'drizzle-orm';
import { versionVisibleAt } from '../shared/versioning.js';
import { servedCondition } from '../shared/served.js';
import { instantParam, type ReadSpec } from '../shared/read-spec.js';
import { propertyCertificates, vehicleRegistrations } from './property.tables.js';
import type { AssetSummary } from './property.types.js';

const assetTables = { property: propertyCertificates, vehicle: vehicleRegistrations } as const;
export type AssetKind = keyof typeof assetTables;

/** The profile fields answered from an asset summary (FLAG and SUMMARY views), by asset kind. */
export const assetSummaryFields: Readonly<Record<string, AssetKind>> = {
  ownsProperty: 'property',
  propertySummary: 'property',
  ownsVehicle: 'vehicle',
  vehicleSummary: 'vehicle',
};

/**
 * Count and total value of the assets a person holds (transferred ones excluded), computed
 * in the database so a coarse grant never fetches the certificates themselves.
 */
export function assetSummary(kind: AssetKind, asOf: Date | null, servedOnly: boolean): ReadSpec<AssetSummary> {
  const t = assetTables[kind];
  return {
    key: `asset|${kind}|${asOf ? 'asOf' : 'now'}|${servedOnly}`,
    values: asOf ? { asOf: asOf.toISOString() } : {},
    rows: (p) => sql`select ${t.personId} as "_key", count(*)::int as "count", coalesce(sum(${t.valueFen}), 0)::text as "totalValueFen"
      from ${t}
      where ${and(
        sql`${t.personId} = any(${p.ids})`,
        versionVisibleAt(t, asOf ? instantParam(p, 'asOf') : null),
        sql`${t.status} <> 'TRANSFERRED'`,
        servedOnly ? servedCondition(kind, asOf !== null, p.now) : undefined,
      )}
      group by ${t.personId}`,
    decode: (row) => row,
    assemble: ([r]) => ({ count: r ? Number(r.count) : 0, totalValueFen: r ? Number(r.totalValueFen) : 0 }),
  };
}
