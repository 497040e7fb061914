import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType({ description: 'What one source says about who a person is.', implements: FurnishedRecord })
export class IdentityRecord extends FurnishedRecord {
  @Field(() => String, { nullable: true })
  nationalId: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  birthDate: string | null;

  @Field(() => String, { nullable: true })
  gender: string | null;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;
}
