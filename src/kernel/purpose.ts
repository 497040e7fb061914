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
});
