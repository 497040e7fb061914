import { CourtCaseStatus } from './courts.types.js';

/**
 * The judgments that count: the cases a JUDGMENTS_ONLY reader sees (a ruling that stands or
 * was satisfied). FILED and PENDING are lawsuits only; an OVERTURNED ruling no longer counts.
 */
export const judgmentStatuses: ReadonlySet<CourtCaseStatus> = new Set([CourtCaseStatus.JUDGMENT, CourtCaseStatus.SATISFIED]);

/**
 * The statuses at which a court has ruled, so a case may carry a judgment date and amount:
 * the judgments that count and the ones later overturned.
 */
export const ruledStatuses: ReadonlySet<CourtCaseStatus> = new Set([...judgmentStatuses, CourtCaseStatus.OVERTURNED]);

export const isJudgment = (status: string) => judgmentStatuses.has(status as CourtCaseStatus);

/** Whether a case at this status carries a ruling (a judgment date and amount may be given). */
export const isRuled = (status: string) => ruledStatuses.has(status as CourtCaseStatus);

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
