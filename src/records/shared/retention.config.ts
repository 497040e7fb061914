/** How long negative records are served to licensees after they ended (env, not code). */
export const retentionConfig = {
  /** Years a defaulted or written-off account, or a judgment, is served after it ended. */
  negativeRecordYears: Number(process.env.RETENTION_NEGATIVE_YEARS ?? 5),
};
