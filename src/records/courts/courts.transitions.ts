import type { CourtCaseStatus } from './courts.types.js';

type Status = `${CourtCaseStatus}`;

/**
 * Where a court case may go next. A case moves forward FILED -> PENDING -> JUDGMENT ->
 * SATISFIED (a court may report its ruling without first reporting the case pending); a
 * lawsuit ends DISMISSED, a ruling may be OVERTURNED; both are final. Staying put is always
 * allowed: a later version may correct a field, or list the judgment debtor.
 */
const nextStatuses: Record<Status, readonly Status[]> = {
  FILED: ['FILED', 'PENDING', 'JUDGMENT', 'DISMISSED'],
  PENDING: ['PENDING', 'JUDGMENT', 'DISMISSED'],
  JUDGMENT: ['JUDGMENT', 'SATISFIED', 'OVERTURNED'],
  SATISFIED: ['SATISFIED', 'OVERTURNED'],
  DISMISSED: ['DISMISSED'],
  OVERTURNED: ['OVERTURNED'],
};

/** Why a case may not move from `from` to `to`, or null when it may. */
export function courtTransitionRefusal(from: string, to: string): string | null {
  const allowed = nextStatuses[from as Status];
  if (!allowed || allowed.includes(to as Status)) return null;
  return `a court case cannot move from ${from} to ${to} (from ${from} it may move to ${allowed.join(', ')})`;
}
