/** Dispute handling settings (env, not code). */
export const disputeConfig = {
  /** Days a furnisher has to answer a dispute before the record is suppressed from licensees. */
  responseDays: Number(process.env.DISPUTE_RESPONSE_DAYS ?? 30),
};

/** A statement is short by design: shown beside the record, not a second record. */
export const MAX_STATEMENT_LENGTH = 500;
export const MAX_REASON_LENGTH = 1000;
