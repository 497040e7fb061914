/**
 * The ingest CLI's rate and ETA, from the records the server reports stored (not bytes sent:
 * the socket takes bytes in bursts far ahead of the writes, so a byte-based ETA swings from
 * seconds to minutes). The rate is taken over a sliding window of reports, so one slow or
 * fast batch moves it a little, and the ETA is what remains at that rate.
 */
export class StoredRate {
  private samples: { at: number; done: number }[] = [];

  constructor(private readonly windowMs = 15_000) {}

  /** A report: `done` records processed (stored or rejected) at `at` ms. */
  record(done: number, at: number): void {
    this.samples.push({ at, done });
    // Keep one sample older than the window, so the window is always fully covered.
    while (this.samples.length > 2 && this.samples[1]!.at <= at - this.windowMs) this.samples.shift();
  }

  /** Records per second over the window; null until two reports are apart in time. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at <= first.at) return null;
    return ((last.done - first.done) * 1000) / (last.at - first.at);
  }

  /** Seconds left for `total` records at the current rate; null while unknown. */
  etaSeconds(total: number): number | null {
    const rate = this.rate();
    const last = this.samples.at(-1);
    if (!rate || !last) return null;
    return Math.max(0, (total - last.done) / rate);
  }
}

export function formatSeconds(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '…';
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  return h > 0 ? `${h}h ${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m ${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
