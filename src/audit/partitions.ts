import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

const monthStart = (d: Date, offset: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Creates the access log's monthly partitions from this month to `ahead` months on, so
 * entries never fall into the default partition (from which months could not be archived).
 */
export async function ensureAccessLogPartitions(db: Db, now = new Date(), ahead = 3): Promise<void> {
  for (let i = 0; i <= ahead; i++) {
    const from = monthStart(now, i);
    const to = monthStart(now, i + 1);
    const name = `access_log_${from.getUTCFullYear()}_${String(from.getUTCMonth() + 1).padStart(2, '0')}`;
    try {
      await db.execute(
        sql.raw(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF access_log FOR VALUES FROM ('${iso(from)}') TO ('${iso(to)}')`),
      );
    } catch (err) {
      // Another process created it at the same moment: that is the outcome we wanted.
      if ((err as { code?: string }).code !== '42P07') throw err;
    }
  }
}
