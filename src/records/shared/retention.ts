import { retentionConfig } from './retention.config.js';

/** The day before which a negative record that ended is no longer served at `at`. */
export function retentionCutoff(at: Date, years = retentionConfig.negativeRecordYears): string {
  const d = new Date(at);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}
