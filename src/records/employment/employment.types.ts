import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType()
export class Referee {
  @Field(() => String)
  name: string;

  @Field(() => String)
  relation: string;

  @Field(() => String)
  phone: string;
}

@ObjectType({ description: 'A period of employment.', implements: FurnishedRecord })
export class EmploymentRecord extends FurnishedRecord {
  @Field(() => String)
  employer: string;

  @Field(() => String)
  occupation: string;

  @Field(() => LocalDateResolver)
  startedOn: string;

  @Field(() => LocalDateResolver, { nullable: true })
  endedOn: string | null;

  @Field(() => String, { nullable: true })
  employerPhone: string | null;

  @Field(() => [Referee])
  referees: Referee[];
}
