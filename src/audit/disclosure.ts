import type { PersonView } from '../records/shared/person.types.js';
import type { Principal } from '../access/principal.js';
import type { PendingEntry } from './access-log.service.js';
import { describeGrants } from '../access/grants.js';

interface Reached {
  view: PersonView | null;
  subjectId: string | null;
  purpose: string | null;
  caseReference: string | null;
  licenceId: number | null;
  consentId: number | null;
  consentArtefact: string | null;
  reachedBy: string | null;
  reason: string | null;
  disclosed: Set<string>;
  denied: Set<string>;
}

export interface RefusalContext {
  purpose: string | null;
  caseReference: string | null;
  licenceId: number | null;
}

/**
 * What one request disclosed, person by person: the gate reports each person it opened or
 * refused, and the field hooks report each field that went out with data or was denied.
 * At the end of the request this becomes one access-log entry per person reached.
 */
export class DisclosureRecorder {
  private readonly reached = new Map<string, Reached>();
  private anonymous = 0;
  /** Grows with every decision of the gate; a root field that failed without one was refused earlier. */
  decisions = 0;

  opened(view: PersonView): void {
    this.decisions++;
    const r = this.entryFor(view.id, {
      purpose: view.purpose,
      caseReference: view.caseReference,
      licenceId: view.licenceId,
    });
    r.view ??= view;
    r.consentId ??= view.consentId;
    r.consentArtefact ??= view.consentArtefact ?? null;
    // Named by national ID anywhere in the request: the reader knew it.
    if (r.reachedBy !== 'NATIONAL_ID') r.reachedBy = view.reachedBy;
  }

  refused(subjectId: string | null, code: string, at: RefusalContext, coordinate = 'Query.person'): void {
    this.decisions++;
    const r = this.entryFor(subjectId ?? `unknown:${this.anonymous++}`, at);
    r.subjectId = subjectId;
    r.reason ??= code;
    r.denied.add(coordinate);
  }

  field(personId: string, coordinate: string, disclosed: boolean): void {
    const r = this.reached.get(personId);
    if (!r) return;
    (disclosed ? r.disclosed : r.denied).add(coordinate);
  }

  /** The answer was withheld (the database failed mid-request): what resolved never reached the reader. */
  withhold(reason: string): void {
    for (const r of this.reached.values()) {
      if (r.disclosed.size === 0) continue;
      for (const coordinate of r.disclosed) r.denied.add(coordinate);
      r.disclosed.clear();
      r.reason = reason;
    }
  }

  get size(): number {
    return this.reached.size;
  }

  entries(principal: Principal, requestId: string, operationName: string | null, operationHash: string): PendingEntry[] {
    return [...this.reached.values()].map((r) => ({
      requestId,
      principalId: principal.id,
      organisationId: principal.organisationId,
      licenceId: r.licenceId,
      purpose: r.purpose,
      caseReference: r.caseReference,
      consentId: r.consentId,
      consentArtefact: r.consentArtefact,
      subjectId: r.subjectId,
      outcome: r.disclosed.size > 0 ? 'DISCLOSED' : 'REFUSED',
      reason: r.disclosed.size > 0 ? null : (r.reason ?? 'NOTHING_DISCLOSED'),
      disclosed: [...r.disclosed].sort(),
      denied: [...r.denied].sort(),
      reachedBy: r.reachedBy,
      grants: r.view ? describeGrants(r.view.grants).map((g) => `${g.category}:${g.precision}`) : null,
      operationName,
      operationHash,
    }));
  }

  private entryFor(key: string, at: RefusalContext): Reached {
    let r = this.reached.get(key);
    if (!r) {
      r = {
        view: null,
        subjectId: key.startsWith('unknown:') ? null : key,
        purpose: at.purpose,
        caseReference: at.caseReference,
        licenceId: at.licenceId,
        consentId: null,
        consentArtefact: null,
        reachedBy: null,
        reason: null,
        disclosed: new Set(),
        denied: new Set(),
      };
      this.reached.set(key, r);
    }
    return r;
  }
}
