import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

/** Rows a load writes to a table before it first refreshes the table's planner statistics. */
const FIRST_ANALYZE_ROWS = 5000;

/** Each refresh waits until the load has written this many times more rows than at the last. */
const GROWTH = 4;

/**
 * The columns the planner needs to choose index probes for a furnished-record table: what
 * lookups by record and by person filter on. Sampling only these skips the costly ones (a
 * credit account's repayment history is a JSON document per row).
 */
const KEY_COLUMNS = ['person_id', 'source_id', 'source_record_id', 'superseded_at'];

/**
 * A bulk load outruns autovacuum (or runs where it is off): with the planner believing a
 * table is still tiny, lookups scan instead of probing indexes. A load refreshes the
 * statistics of each table it writes after 5,000 rows, then each time its writes grow
 * fourfold, so a table's statistics are never off by much more than that factor.
 */
export class LoadStatistics {
  private readonly written = new Map<string, number>();
  private readonly threshold = new Map<string, number>();
  private running: Promise<unknown> = Promise.resolve();
  private failure: unknown = null;

  /** `recordTables` names the furnished-record tables: they are analyzed on their key columns. */
  constructor(private readonly recordTables: ReadonlySet<string>) {}

  /**
   * Counts rows written per table, and starts analyzing the tables that are due (one at a
   * time per load). The writes go on meanwhile; `settled` waits for the analyzes.
   */
  wrote(db: Db, rows: Map<string, number>): void {
    const due: string[] = [];
    for (const [table, n] of rows) {
      const total = (this.written.get(table) ?? 0) + n;
      this.written.set(table, total);
      const threshold = this.threshold.get(table) ?? FIRST_ANALYZE_ROWS;
      if (total < threshold) continue;
      this.threshold.set(table, threshold * GROWTH);
      due.push(table);
    }
    if (due.length === 0) return;
    const targets = due.map((t) => (this.recordTables.has(t) ? `"${t}" (${KEY_COLUMNS.join(', ')})` : `"${t}"`));
    this.running = this.running.then(() => {
      if (!this.failure) return db.execute(sql.raw(`analyze ${targets.join(', ')}`)).catch((err: unknown) => void (this.failure ??= err));
    });
  }

  /** Waits for the analyzes started so far; throws if one failed. */
  async settled(): Promise<void> {
    await this.running;
    if (this.failure) throw this.failure;
  }
}
