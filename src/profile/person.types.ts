import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { Purpose } from './purpose.js';

/** The unified profile of one person, read for a purpose, as of an instant. */
@ObjectType({ description: 'One person, unified over every source.' })
export class Person {
  @Field(() => ID, { description: 'Stable, non-identifying id of the person.' })
  id: string;

  @Field(() => String, { nullable: true })
  nationalId: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'The instant the profile was read as of; null for now.' })
  asOf: Date | null;

  @Field(() => Purpose, { description: 'The purpose declared for this read.' })
  purpose: Purpose;
}

/** What the profile resolvers carry from the root field to every nested field. */
export interface PersonView {
  id: string;
  nationalId: string;
  asOf: Date | null;
  purpose: Purpose;
}
