/**
 * What a queued person's changes call for (see `scopeOfChange`): the comparisons of the
 * record kinds that changed (a bit per kind, see `kindBit`), and whether a change came
 * through a channel that can add to a score-reset burst.
 */
export interface PersonScope {
  kinds: number;
  bursts: boolean;
}

export const mergeScopes = (a: PersonScope | undefined, b: PersonScope): PersonScope =>
  a ? { kinds: a.kinds | b.kinds, bursts: a.bursts || b.bursts } : b;

/**
 * The persons a load changed, waiting for their cross-check. Lanes add the persons of each
 * committed batch; one worker checks them a chunk at a time, on its own connection, while the
 * lanes go on writing. A person changed by several batches before their turn is checked once,
 * against everything committed by then. A person waits until `settleBatches` more batches
 * have committed since their last change: a file lists a person's records together, and a
 * record's next version goes in a later batch, so most persons are then done changing. A
 * lane waits while the backlog is over its limit, so a load never gets far ahead of its checks.
 */
export class CrossCheckQueue {
  /** In order of each person's last change. */
  private readonly pending = new Map<string, { scope: PersonScope; batch: number }>();
  private batches = 0;
  private draining = false;
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly check: (persons: Map<string, PersonScope>) => Promise<void>,
    private readonly chunkSize = 1000,
    private readonly backlogLimit = 4000,
    private readonly settleBatches = 0,
    /** Chunks checked at once while draining (the load's writes are done: their connections are free). */
    private readonly drainWorkers = 2,
  ) {}

  /** Persons waiting for their check (metrics). */
  get backlog(): number {
    return this.pending.size;
  }

  async add(persons: Map<string, PersonScope>): Promise<void> {
    const batch = ++this.batches;
    for (const [id, scope] of persons) {
      const before = this.pending.get(id);
      this.pending.delete(id);
      this.pending.set(id, { scope: mergeScopes(before?.scope, scope), batch });
    }
    this.next();
    while (this.pending.size > this.backlogLimit && this.running.size > 0 && !this.failure) await Promise.race(this.running);
    if (this.failure) throw this.failure;
  }

  /** Checks everyone still waiting, settled or not, and waits until done. Throws if a check failed. */
  async drain(): Promise<void> {
    this.draining = true;
    this.next();
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failure) throw this.failure;
  }

  private next(): void {
    while (this.pending.size > 0 && !this.failure && this.running.size < (this.draining ? this.drainWorkers : 1)) {
      const persons = new Map<string, PersonScope>();
      for (const [id, { scope, batch }] of this.pending) {
        // The over-full backlog goes regardless, so that waiting lanes are let go.
        const settled = this.draining || batch <= this.batches - this.settleBatches || this.pending.size > this.backlogLimit;
        if (!settled) break;
        persons.set(id, scope);
        this.pending.delete(id);
        if (persons.size >= this.chunkSize) break;
      }
      if (persons.size === 0) return;
      const chunk: Promise<void> = this.check(persons).then(
        () => {
          this.running.delete(chunk);
          this.next();
        },
        (err: unknown) => {
          this.failure ??= err;
          this.running.delete(chunk);
        },
      );
      this.running.add(chunk);
    }
  }
}
