import { sql, type SQL } from 'drizzle-orm';
import { retentionConfig } from './retention.config.js';

/**
 * The day (UTC) before which a negative record that ended is no longer served at the instant `at`.
 * The period is part of a compiled read: its cache key names it (records/shared/record.loaders.ts).
 */
export function retentionCutoff(at: SQL, years = retentionConfig.negativeRecordYears): SQL {
  return sql`((${at}) at time zone 'UTC' - make_interval(years => ${Math.trunc(years)}::int))::date`;
}
