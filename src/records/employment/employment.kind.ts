import { defineRecordKind } from '../shared/record-kind.js';
import { employmentRecords } from './employment.tables.js';
import { EmploymentRecord } from './employment.types.js';

/** Employment stated by employers: occupation, dates, referees. */
export const employmentKind = defineRecordKind({
  kind: 'employment',
  table: employmentRecords,
  type: EmploymentRecord,
  lockId: 7411_105,
  category: { name: 'employment', precisions: ['FULL'], description: 'Employment: employer, occupation, start and end, referees and their contacts.' },
  profileFields: { 'Person.employment': 'FULL' },
  listings: ['Person.employment'],
  identifyingPrecision: 'FULL',
  authority: 'EMPLOYER',
  furnishers: ['EMPLOYER', 'PARTNER_APP'],
  comparison: { key: 'employer', agree: ['occupation'], confirm: ['referees'] },
  burstCriteria: {
    occupation: 'lag(occupation) over w is distinct from occupation',
    referees: "coalesce(lag(referees) over w, '[]'::jsonb) is distinct from referees",
  },
  carriesContactPhones: true,
});
