import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../server/context.js';
import type { PersonView } from '../profile/person.types.js';
import type { Purpose } from '../profile/purpose.js';
import { findPersons, requireNationalId } from '../profile/profile.service.js';
import { exchangeError } from '../server/errors.js';

export interface ProfileRequest {
  nationalIds: string[];
  purpose: Purpose;
  asOf: Date | null;
  caseReference: string | null;
}

/** The same answer for an unknown person and one the caller may not see. */
export const profileUnavailable = () =>
  exchangeError('NOT_FOUND', 'No profile is available for this national ID number');

/**
 * The one gate every entry point to a profile passes (root queries, batches, entities).
 * Returns, per requested number, the person to disclose or the error to report.
 */
export async function openProfiles(ctx: RequestContext, req: ProfileRequest): Promise<(PersonView | GraphQLError)[]> {
  const ids = req.nationalIds.map((id, i) => requireNationalId(id, req.nationalIds.length > 1 ? `nationalIds[${i}]` : 'nationalId'));
  if (req.asOf && req.asOf.getTime() > Date.now()) {
    throw exchangeError('BAD_USER_INPUT', '"asOf" cannot be in the future', { argument: 'asOf' });
  }
  const found = await findPersons(ctx.db, [...new Set(ids)]);
  return ids.map((nationalId) => {
    const person = found.get(nationalId);
    if (!person) return profileUnavailable();
    return { id: person.id, nationalId, asOf: req.asOf, purpose: req.purpose };
  });
}
