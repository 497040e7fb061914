import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType({ description: 'A degree or diploma.', implements: FurnishedRecord })
export class EducationRecord extends FurnishedRecord {
  @Field(() => String)
  institution: string;

  @Field(() => String)
  level: string;

  @Field(() => String)
  field: string;

  @Field(() => LocalDateResolver, { nullable: true })
  graduatedOn: string | null;

  @Field(() => String)
  certificateNumber: string;

  @Field(() => Boolean, { description: 'Whether the issuing institution confirmed the certificate.' })
  issuerConfirmed: boolean;
}
