import { Purpose } from '../kernel/purpose.js';

/** Who may declare a purpose when reading a profile. */
export type Declarer = 'LICENSEE' | 'REGULATOR' | 'SUBJECT';

/**
 * What a licensee's read for a purpose needs of the subject: a valid consent (CONSENT), an
 * existing relationship, i.e. a consent given to the organisation before (RELATIONSHIP).
 */
export type SubjectPermission = 'CONSENT' | 'RELATIONSHIP' | 'NONE';

interface PurposePolicy {
  declaredBy: Declarer;
  /** Whether a licence may permit it (regulators and subjects read for their own purposes). */
  licensable: boolean;
  subject: SubjectPermission;
}

/** The one table of purpose policy: the gate, licences and consents all read it. */
export const purposePolicy: Readonly<Record<Purpose, PurposePolicy>> = {
  [Purpose.CREDIT_APPLICATION]: { declaredBy: 'LICENSEE', licensable: true, subject: 'CONSENT' },
  [Purpose.TENANCY]: { declaredBy: 'LICENSEE', licensable: true, subject: 'CONSENT' },
  [Purpose.EMPLOYMENT_SCREENING]: { declaredBy: 'LICENSEE', licensable: true, subject: 'CONSENT' },
  [Purpose.DEPOSIT_WAIVER]: { declaredBy: 'LICENSEE', licensable: true, subject: 'CONSENT' },
  // Account review and collections need no fresh consent, but an existing relationship.
  [Purpose.ACCOUNT_REVIEW]: { declaredBy: 'LICENSEE', licensable: true, subject: 'RELATIONSHIP' },
  [Purpose.COLLECTIONS]: { declaredBy: 'LICENSEE', licensable: true, subject: 'RELATIONSHIP' },
  [Purpose.REGULATORY_OVERSIGHT]: { declaredBy: 'REGULATOR', licensable: false, subject: 'NONE' },
  [Purpose.SELF_ACCESS]: { declaredBy: 'SUBJECT', licensable: false, subject: 'NONE' },
};

const purposesWhere = (test: (p: PurposePolicy) => boolean) =>
  new Set((Object.keys(purposePolicy) as Purpose[]).filter((p) => test(purposePolicy[p])));

/** Purposes answered only while the subject's consent is valid. */
export const consentPurposes: ReadonlySet<Purpose> = purposesWhere((p) => p.subject === 'CONSENT');
/** Purposes a subject may name in a consent: every purpose a licensee reads for. */
export const consentablePurposes: ReadonlySet<string> = purposesWhere((p) => p.subject !== 'NONE');
/** Purposes a licence may permit. */
export const licensedPurposes: ReadonlySet<string> = purposesWhere((p) => p.licensable);
/** The purpose a regulator or a subject reads with. */
export const ownPurpose = (declarer: Exclude<Declarer, 'LICENSEE'>): Purpose =>
  (Object.keys(purposePolicy) as Purpose[]).find((p) => purposePolicy[p].declaredBy === declarer)!;
