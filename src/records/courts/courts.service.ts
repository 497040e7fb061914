import { CourtCaseStatus } from './courts.types.js';

/** Statuses at which a court has ruled. FILED and PENDING are lawsuits only. */
export const judgmentStatuses: ReadonlySet<string> = new Set([CourtCaseStatus.JUDGMENT, CourtCaseStatus.SATISFIED]);

export const isJudgment = (status: string) => judgmentStatuses.has(status);

interface CourtFacts {
  status: string;
  judgmentDebtor: boolean;
}

/**
 * A person is a judgment debtor only while a court's own record lists them as having failed
 * to perform a judgment that still stands: a dismissed or overturned case never counts.
 */
export function isJudgmentDebtor(records: CourtFacts[]): boolean {
  return records.some((r) => r.judgmentDebtor && r.status === CourtCaseStatus.JUDGMENT);
}
