import type { GraphQLError } from 'graphql';
import type { Db } from '../../db/client.js';
import type { Purpose } from '../../kernel/purpose.js';
import { config } from '../../kernel/config.js';
import { exchangeError } from '../../kernel/errors.js';
import { ArtefactRefusal, peekArtefact, verifyArtefact, type ArtefactClaims, type PeekedArtefact } from './artefact.verify.js';
import { keyId, recordFirstUse, recordedArtefacts, recordedRefusal, signingKeys } from './artefact.store.js';

const DAY_MS = 86_400_000;

/** The consent artefacts a read presents. */
export interface PresentedArtefacts {
  /** `person` and `persons`: at most one artefact per national ID, in the order of the national IDs. */
  byIndex?: readonly (string | null | undefined)[];
  /** `_entities` (the x-exchange-consent header): each artefact answers for the person its subject names. */
  bySubject?: readonly string[];
}

/** A verified artefact that lets the read through, and how it narrows it. */
export interface ArtefactConsent {
  jti: string;
  /** Catalogue categories it covers; empty: every category the licence grants. */
  scope: string[];
  /** Oldest instant its lookback lets the read reach; null: no limit. */
  notBefore: Date | null;
}

export interface ArtefactRead {
  db: Db;
  presented: PresentedArtefacts | undefined;
  /** Per person: the national ID the reader named (by index), else the person's own; null for an unknown entity. */
  nationalIds: (string | null)[];
  /** Per person: the person's id, or null for an unknown person. */
  personIds: (string | null)[];
  grantee: number;
  purpose: Purpose;
  asOf: Date | null;
  now: Date;
}

/** A refused artefact: CONSENT_REQUIRED, with the reason the reader can act on. */
export const artefactRefused = (refusal: Pick<ArtefactRefusal, 'reason' | 'message'>): GraphQLError =>
  exchangeError('CONSENT_REQUIRED', refusal.message, { reason: refusal.reason });

/**
 * The gate's check of consent artefacts, person by person: undefined where the read presents
 * none for that person (the subject's API consents decide), a CONSENT_REQUIRED error with its
 * reason, or the artefact that lets the read through. A valid artefact is recorded on its
 * first use; its uses are counted with the access-log entry (artefact.store chargeArtefactUses).
 * Nothing here depends on whether the person exists, except recording: a reader learns
 * nothing from a refusal that it did not know.
 */
export async function consentFromArtefacts(read: ArtefactRead): Promise<(ArtefactConsent | GraphQLError | undefined)[]> {
  const { presented } = read;
  const out: (ArtefactConsent | GraphQLError | undefined)[] = read.personIds.map(() => undefined);
  if (!presented || ((presented.byIndex ?? []).every((t) => !t) && (presented.bySubject ?? []).length === 0)) return out;

  const headerArtefacts = (presented.bySubject ?? []).map((token) => peekArtefact(token));
  const candidates: { index: number; peeked: PeekedArtefact | ArtefactRefusal }[] = [];
  read.personIds.forEach((personId, index) => {
    const own = presented.byIndex?.[index];
    if (own) {
      candidates.push({ index, peeked: peekArtefact(own) });
      return;
    }
    const nationalId = read.nationalIds[index];
    if (personId === null || nationalId === null) return;
    for (const peeked of headerArtefacts) {
      if (!(peeked instanceof ArtefactRefusal) && peeked.subject === nationalId) candidates.push({ index, peeked });
    }
  });
  if (candidates.length === 0) return out;

  const peeked = candidates.flatMap((c) => (c.peeked instanceof ArtefactRefusal ? [] : [c.peeked]));
  const [keys, recorded] = await Promise.all([
    signingKeys(
      read.db,
      peeked.flatMap((p) => (p.issuer !== null && p.kid !== null ? [{ issuer: p.issuer, kid: p.kid }] : [])),
    ),
    recordedArtefacts(
      read.db,
      peeked.flatMap((p) => (p.jti !== null ? [p.jti] : [])),
    ),
  ]);

  const verdicts = await Promise.all(
    candidates.map(async ({ index, peeked: p }) => {
      if (p instanceof ArtefactRefusal) return { index, result: p };
      const key = p.issuer !== null && p.kid !== null ? keys.get(keyId(p.issuer, p.kid)) : undefined;
      const result = await verifyArtefact(p, key, {
        grantee: read.grantee,
        subject: read.nationalIds[index] ?? '',
        purpose: read.purpose,
        asOf: read.asOf,
        now: read.now,
        production: config.production,
      });
      if (result instanceof ArtefactRefusal) return { index, result };
      const lapsed = recordedRefusal(recorded.get(result.jti), result);
      return { index, result: lapsed ? new ArtefactRefusal(lapsed.reason, lapsed.message) : result };
    }),
  );

  // Per person: the first artefact that answers, else the first refusal.
  const chosen = new Map<number, ArtefactClaims | ArtefactRefusal>();
  for (const { index, result } of verdicts) {
    const before = chosen.get(index);
    if (!before || (before instanceof ArtefactRefusal && !(result instanceof ArtefactRefusal))) chosen.set(index, result);
  }

  const firstUses = [...chosen].flatMap(([index, r]) => {
    const personId = read.personIds[index];
    return r instanceof ArtefactRefusal || personId === null || recorded.has(r.jti) ? [] : [{ claims: r, personId }];
  });
  // A revocation that arrived before the first use (or a racing first use) shows in the row read back.
  const justRecorded = await recordFirstUse(read.db, firstUses);
  for (const [index, r] of chosen) {
    if (r instanceof ArtefactRefusal) {
      out[index] = artefactRefused(r);
      continue;
    }
    const lapsed = justRecorded.has(r.jti) ? recordedRefusal(justRecorded.get(r.jti), r) : null;
    if (lapsed) {
      out[index] = artefactRefused(lapsed);
      continue;
    }
    out[index] = {
      jti: r.jti,
      scope: r.categories ?? [],
      notBefore: r.lookbackDays === null ? null : new Date(read.now.getTime() - r.lookbackDays * DAY_MS),
    };
  }
  return out;
}
