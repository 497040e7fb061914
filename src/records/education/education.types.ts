import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { educationLevels } from './education.tables.js';

export const EducationLevel = enumOf(educationLevels);
export type EducationLevel = ValueOf<typeof EducationLevel>;
registerEnumType(EducationLevel, {
  name: 'EducationLevel',
  description: 'The level of a degree or certificate.',
  valuesConfig: {
    VOCATIONAL: { description: 'A vocational diploma (大专).' },
    BACHELOR: { description: "A bachelor's degree." },
    MASTER: { description: "A master's degree." },
    DOCTORATE: { description: 'A doctorate.' },
  },
});

@ObjectType({ description: 'A degree or diploma.', implements: FurnishedRecord })
export class EducationRecord extends FurnishedRecord {
  @Field(() => String, { description: 'The institution that awarded it.' })
  institution: string;

  @Field(() => EducationLevel, { description: 'The level of the degree or certificate.' })
  level: EducationLevel;

  @Field(() => String, { description: 'The field of study.' })
  field: string;

  @Field(() => LocalDateResolver, { description: 'When the person graduated.', nullable: true })
  graduatedOn: string | null;

  @Field(() => String, { description: 'The number of the degree certificate.' })
  certificateNumber: string;

  @Field(() => Boolean, { description: 'Whether the issuing institution confirmed the certificate.' })
  issuerConfirmed: boolean;
}
