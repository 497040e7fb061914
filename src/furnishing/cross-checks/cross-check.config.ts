/** How the score-reset pattern is recognised (env, not code). */
export interface CrossCheckConfig {
  /** Changes within this many hours count as one burst. */
  burstWindowHours: number;
  /** A burst needs changes in at least this many criteria categories. */
  burstMinCategories: number;
}

export const crossCheckConfig: CrossCheckConfig = {
  burstWindowHours: Number(process.env.CRITERIA_BURST_WINDOW_HOURS ?? 24),
  burstMinCategories: Number(process.env.CRITERIA_BURST_MIN_CATEGORIES ?? 4),
};
