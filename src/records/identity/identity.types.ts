import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType({ description: 'What one source says about who a person is.', implements: FurnishedRecord })
export class IdentityRecord extends FurnishedRecord {
  @Field(() => String, { description: 'The national ID number as the source states it.', nullable: true })
  nationalId: string | null;

  @Field(() => String, { description: 'The full name.', nullable: true })
  name: string | null;

  @Field(() => LocalDateResolver, { description: 'The date of birth.', nullable: true })
  birthDate: string | null;

  @Field(() => String, { description: 'M or F, as the identity registry records it.', nullable: true })
  gender: string | null;

  @Field(() => String, { description: 'The registered address.', nullable: true })
  address: string | null;

  @Field(() => String, { description: 'A phone number.', nullable: true })
  phone: string | null;
}
