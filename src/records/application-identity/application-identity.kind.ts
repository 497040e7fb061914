import { defineRecordKind } from '../shared/record-kind.js';
import { day, fail, optional, phone, text } from '../shared/validation.js';
import { applicationIdentities } from './application-identity.tables.js';
import { ApplicationIdentity } from './application-identity.types.js';
import { ApplicationIdentityPersonFields } from './application-identity.resolver.js';
import { seedApplicationIdentities } from './application-identity.seed.js';

/**
 * The identity an applicant declared on a credit application (name, birth date, phone,
 * address, employer), furnished by the lender or P2P platform. Never authoritative: it is
 * cross-checked against the identity registry and the employer network, and a disagreement
 * is an IDENTITY_MISMATCH naming the fields (someone applying under another's number).
 */
export const applicationIdentityKind = defineRecordKind({
  kind: 'applicationIdentity',
  table: applicationIdentities,
  type: ApplicationIdentity,
  resolvers: [ApplicationIdentityPersonFields],
  lockId: 7411_111,
  seed: seedApplicationIdentities,
  content: {
    applicationReference: text(100),
    appliedOn: day,
    name: text(100),
    birthDate: optional(day),
    phone: optional(phone),
    address: optional(text(300)),
    employer: optional(text(200)),
  },
  rules: (c) => {
    if (c.birthDate !== null && (c.birthDate as string) > (c.appliedOn as string)) fail('content.birthDate', 'must not be after appliedOn');
  },
  category: {
    name: 'applications',
    precisions: ['FULL'],
    description: 'Identities declared on credit applications in the person’s name, as lenders furnished them, with their verification status.',
  },
  profileFields: { 'Person.applicationIdentities': 'FULL' },
  listings: ['Person.applicationIdentities'],
  identifyingPrecision: 'FULL',
  // What the applicant said is checked against the registry; no source is authoritative for it.
  authority: 'IDENTITY_REGISTRY',
  furnishers: ['LENDER'],
  declared: {
    finding: 'IDENTITY_MISMATCH',
    madeOn: 'appliedOn',
    against: [
      { kind: 'identity', authorityOnly: true, fields: { name: 'name', birthDate: 'birthDate', phone: 'phone', address: 'address' } },
      { kind: 'employment', authorityOnly: true, fields: { employer: 'employer' }, inForce: 'endedOn' },
    ],
  },
});
