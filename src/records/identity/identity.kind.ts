import { getTableColumns, sql } from 'drizzle-orm';
import { seedIdentity } from './identity.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { provenanceColumnNames } from '../shared/record.columns.js';
import { identityRecords } from './identity.tables.js';
import { IdentityRecord } from './identity.types.js';
import { IdentityPersonFields, IdentityResolver } from './identity.resolver.js';
import { day, fail, nationalId, oneOf, optional, phone, text } from '../shared/validation.js';

const columns = getTableColumns(identityRecords);

/** Identity: national ID, name, birth date, gender, address, phone. */
export const identityKind = defineRecordKind({
  kind: 'identity',
  table: identityRecords,
  type: IdentityRecord,
  resolvers: [IdentityPersonFields, IdentityResolver],
  lockId: 7411_100,
  seed: seedIdentity,
  content: {
    nationalId: optional(nationalId),
    name: text(100),
    birthDate: day,
    gender: optional(oneOf(['M', 'F'])),
    address: optional(text(300)),
    phone: optional(phone),
  },
  // The identity record states the subject's own number: it must be the one it is filed under.
  normalise: (content, filed) => {
    if (content.nationalId !== null && content.nationalId !== filed.nationalId) {
      fail('content.nationalId', 'must equal the nationalId the record is filed under');
    }
    content.nationalId = filed.nationalId;
  },
  category: { name: 'identity', precisions: ['BASIC', 'FULL'], description: 'Identity: BASIC is the name and birth year; FULL adds the national ID, birth date, gender, address and phone.' },
  profileFields: {
    'Person.nationalId': 'FULL',
    'Person.identity': 'BASIC',
    'Person.identityRecords': 'FULL',
    // Inside the identity view, BASIC discloses the name and birth year only.
    'IdentityRecord.nationalId': 'FULL',
    'IdentityRecord.birthDate': 'FULL',
    'IdentityRecord.gender': 'FULL',
    'IdentityRecord.address': 'FULL',
    'IdentityRecord.phone': 'FULL',
    'IdentityRecord.history': 'FULL',
  },
  listings: ['Person.identity', 'Person.identityRecords'],
  // The registry's record id embeds the national ID.
  identifyingPrecision: 'FULL',
  views: [
    {
      name: 'identityBasic',
      below: 'FULL',
      columns: {
        ...Object.fromEntries(provenanceColumnNames.map((c) => [c, columns[c]])),
        name: columns.name,
        birthYear: sql<number>`extract(year from ${identityRecords.birthDate})::int`.as('birth_year'),
      },
    },
  ],
  authority: 'IDENTITY_REGISTRY',
  furnishers: ['IDENTITY_REGISTRY', 'PARTNER_APP', 'EMPLOYER'],
  // A person has one identity: every identity record is about the same fact.
  comparison: { key: null, agree: ['nationalId', 'name', 'birthDate', 'gender'], confirm: ['phone', 'address'], disagreement: 'IDENTITY_MISMATCH' },
  burstCriteria: { contact: 'lag(phone) over w is distinct from phone or lag(address) over w is distinct from address' },
  carriesContactPhones: true,
  contactSide: 'own',
  registeredName: 'name',
});
