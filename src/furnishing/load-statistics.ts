import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/** Rows a load writes to a table before it first refreshes the table's planner statistics. */
const FIRST_ANALYZE_ROWS = 5000;

/**
 * A bulk load outruns autovacuum (or runs where it is off): with the planner believing a
 * table is still tiny, lookups scan instead of probing indexes. A load refreshes the
 * statistics of each table it writes after 5,000 rows, then each time its writes double,
 * so a table's statistics are never off by more than a factor of two for long.
 */
export class LoadStatistics {
  private readonly written = new Map<string, number>();
  private readonly threshold = new Map<string, number>();
  private running: Promise<unknown> = Promise.resolve();

  /** Counts rows written per table, and analyzes the tables that are due (one at a time per load). */
  async wrote(db: Db, rows: Map<string, number>): Promise<void> {
    const due: string[] = [];
    for (const [table, n] of rows) {
      const total = (this.written.get(table) ?? 0) + n;
      this.written.set(table, total);
      const threshold = this.threshold.get(table) ?? FIRST_ANALYZE_ROWS;
      if (total < threshold) continue;
      this.threshold.set(table, threshold * 2);
      due.push(table);
    }
    if (due.length === 0) return;
    const run = this.running.then(() => db.execute(sql.raw(`analyze ${due.map((t) => `"${t}"`).join(', ')}`)));
    this.running = run.catch(() => undefined);
    await run;
  }
}
