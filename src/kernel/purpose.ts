import { registerEnumType } from 'type-graphql';

/** Why a profile is read. Every profile query declares one. */
export enum Purpose {
  CREDIT_APPLICATION = 'CREDIT_APPLICATION',
  ACCOUNT_REVIEW = 'ACCOUNT_REVIEW',
  TENANCY = 'TENANCY',
  EMPLOYMENT_SCREENING = 'EMPLOYMENT_SCREENING',
  DEPOSIT_WAIVER = 'DEPOSIT_WAIVER',
  COLLECTIONS = 'COLLECTIONS',
  REGULATORY_OVERSIGHT = 'REGULATORY_OVERSIGHT',
  SELF_ACCESS = 'SELF_ACCESS',
}
registerEnumType(Purpose, {
  name: 'Purpose',
  description: 'Why a profile is read. SELF_ACCESS is the subject reading their own data.',
  valuesConfig: {
    CREDIT_APPLICATION: { description: "Deciding on an application for credit; needs the subject's consent." },
    ACCOUNT_REVIEW: { description: 'Reviewing an existing account; needs an earlier consent to the organisation.' },
    TENANCY: { description: 'Deciding on a lease; needs consent.' },
    EMPLOYMENT_SCREENING: { description: 'Screening a job applicant; needs consent.' },
    DEPOSIT_WAIVER: { description: 'Waiving a deposit (rentals, utilities); needs consent.' },
    COLLECTIONS: { description: 'Collecting a debt; needs an earlier consent to the organisation.' },
    REGULATORY_OVERSIGHT: { description: "A regulator's oversight read (logged like any read)." },
    SELF_ACCESS: { description: 'The subject reading their own data.' },
  },
});
