import { seedEducation } from './education.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { educationLevels, educationRecords } from './education.tables.js';
import { bool, day, oneOf, optional, text } from '../shared/validation.js';
import { EducationRecord } from './education.types.js';
import { EducationPersonFields } from './education.resolver.js';

/** Degrees and diplomas; the education registry is authoritative. */
export const educationKind = defineRecordKind({
  kind: 'education',
  table: educationRecords,
  type: EducationRecord,
  resolvers: [EducationPersonFields],
  lockId: 7411_104,
  seed: seedEducation,
  content: {
    institution: text(200),
    level: oneOf(educationLevels),
    field: text(200),
    graduatedOn: optional(day),
    certificateNumber: text(60),
    issuerConfirmed: optional(bool, false),
  },
  category: { name: 'education', precisions: ['FULL'], description: 'Education: institution, level, field, graduation date, certificate and whether the issuer confirmed it.' },
  profileFields: { 'Person.education': 'FULL' },
  listings: ['Person.education'],
  identifyingPrecision: 'FULL',
  authority: 'EDUCATION_REGISTRY',
  furnishers: ['EDUCATION_REGISTRY', 'EMPLOYER', 'PARTNER_APP'],
  // A degree is confirmed by its issuer's registry, or it is a finding.
  comparison: {
    key: 'certificateNumber',
    // Another certificate number from an institution that holds the person's degree: the level or date must still agree.
    sameFactBy: ['institution'],
    agree: ['institution', 'level', 'field', 'graduatedOn'],
    confirm: [],
    disagreement: 'DEGREE_NOT_CONFIRMED',
    unknownToAuthority: { finding: 'DEGREE_NOT_CONFIRMED', reason: 'The education registry has no record of this certificate' },
  },
  burstCriteria: { education: 'lag(content_hash) over w is distinct from content_hash' },
});
