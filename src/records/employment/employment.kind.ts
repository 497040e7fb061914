import { seedEmployment } from './employment.seed.js';
import { defineRecordKind } from '../shared/record-kind.js';
import { employmentRecords, type Referee } from './employment.tables.js';
import { EmploymentRecord } from './employment.types.js';
import { EmploymentPersonFields } from './employment.resolver.js';
import { day, list, notBefore, object, optional, phone, text } from '../shared/validation.js';

/** Employment stated by employers: occupation, dates, referees. */
export const employmentKind = defineRecordKind({
  kind: 'employment',
  table: employmentRecords,
  type: EmploymentRecord,
  resolvers: [EmploymentPersonFields],
  lockId: 7411_105,
  seed: seedEmployment,
  content: {
    employer: text(200),
    occupation: text(100),
    startedOn: day,
    endedOn: optional(day),
    employerPhone: optional(phone),
    referees: optional(list(object({ name: text(100), relation: text(40), phone }), 10), [] as never),
  },
  rules: (c) => notBefore(c, 'endedOn', 'startedOn'),
  category: { name: 'employment', precisions: ['FULL'], description: 'Employment: employer, occupation, start and end, referees and their contacts.' },
  profileFields: { 'Person.employment': 'FULL' },
  listings: ['Person.employment'],
  identifyingPrecision: 'FULL',
  authority: 'EMPLOYER',
  furnishers: ['EMPLOYER', 'PARTNER_APP'],
  // Referees agree when they give the same phones.
  comparison: { key: 'employer', agree: ['occupation'], confirm: ['referees'], normalise: { referees: (v) => JSON.stringify((v as Referee[]).map((r) => r.phone).sort()) } },
  burstCriteria: {
    occupation: 'lag(occupation) over w is distinct from occupation',
    referees: "coalesce(lag(referees) over w, '[]'::jsonb) is distinct from referees",
  },
  carriesContactPhones: true,
  contactSide: 'work',
});
