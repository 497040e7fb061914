import { registerEnumType } from 'type-graphql';

/** What came of one person reached in one request (the access log's `outcome` column). */
export enum AccessOutcome {
  DISCLOSED = 'DISCLOSED',
  REFUSED = 'REFUSED',
}
registerEnumType(AccessOutcome, {
  name: 'AccessOutcome',
  description: 'What came of one person reached in one request.',
  valuesConfig: {
    DISCLOSED: { description: 'At least one field about the person went out with data (others may have been denied).' },
    REFUSED: { description: 'Nothing about the person went out; `reason` holds the error code the caller received.' },
  },
});

/** How the reader named the person (the access log's `reachedBy` column). */
export enum SubjectReachedBy {
  NATIONAL_ID = 'NATIONAL_ID',
  PERSON_ID = 'PERSON_ID',
}
registerEnumType(SubjectReachedBy, {
  name: 'SubjectReachedBy',
  description: 'How the reader named the person it read.',
  valuesConfig: {
    NATIONAL_ID: { description: 'By national ID number (person, persons).' },
    PERSON_ID: { description: "By the exchange's stable person id (me, federation entities)." },
  },
});
