import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType({ description: 'A person an employee named as a referee, with how to reach them.' })
export class Referee {
  @Field(() => String, { description: "The referee's name." })
  name: string;

  @Field(() => String, { description: 'How the referee knows the person (colleague, manager, ...).' })
  relation: string;

  @Field(() => String, { description: "The referee's phone number." })
  phone: string;
}

@ObjectType({ description: 'A period of employment.', implements: FurnishedRecord })
export class EmploymentRecord extends FurnishedRecord {
  @Field(() => String, { description: 'The employer.' })
  employer: string;

  @Field(() => String, { description: 'The occupation or job title.' })
  occupation: string;

  @Field(() => LocalDateResolver, { description: 'When the job started.' })
  startedOn: string;

  @Field(() => LocalDateResolver, { description: 'When the job ended; null while it lasts.', nullable: true })
  endedOn: string | null;

  @Field(() => String, { description: "The employer's phone number.", nullable: true })
  employerPhone: string | null;

  @Field(() => [Referee], { description: 'The referees the employee named.' })
  referees: Referee[];
}
