/**
 * The persons a load changed, waiting for their cross-check. Lanes add the persons of each
 * committed batch; one worker checks them a chunk at a time, on its own connection, while the
 * lanes go on writing. A person changed by several batches before their turn is checked once,
 * against everything committed by then. A lane waits while the backlog is over its limit, so
 * a load never gets far ahead of its checks.
 */
export class CrossCheckQueue {
  private readonly pending = new Set<string>();
  private chunk: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly check: (personIds: string[]) => Promise<void>,
    private readonly chunkSize = 1000,
    private readonly backlogLimit = 4000,
  ) {}

  async add(personIds: Iterable<string>): Promise<void> {
    for (const id of personIds) this.pending.add(id);
    this.next();
    while (this.pending.size > this.backlogLimit && this.chunk && !this.failure) await this.chunk;
    if (this.failure) throw this.failure;
  }

  /** Waits until every queued person has been checked. Throws if a check failed. */
  async drain(): Promise<void> {
    while (this.chunk) await this.chunk;
    if (this.failure) throw this.failure;
  }

  private next(): void {
    if (this.chunk || this.pending.size === 0 || this.failure) return;
    const ids: string[] = [];
    for (const id of this.pending) {
      ids.push(id);
      this.pending.delete(id);
      if (ids.length >= this.chunkSize) break;
    }
    this.chunk = this.check(ids).then(
      () => {
        this.chunk = null;
        this.next();
      },
      (err: unknown) => {
        this.failure = err;
        this.chunk = null;
      },
    );
  }
}
