import { Field, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType({
  description: 'The identity an applicant declared on a credit application, as the lender furnished it (never authoritative).',
  implements: FurnishedRecord,
})
export class ApplicationIdentity extends FurnishedRecord {
  @Field(() => String, { description: "The lender's reference of the application." })
  applicationReference: string;

  @Field(() => LocalDateResolver, { description: 'When the person applied.' })
  appliedOn: string;

  @Field(() => String, { description: 'The name the applicant gave.' })
  name: string;

  @Field(() => LocalDateResolver, { description: 'The date of birth the applicant declared.', nullable: true })
  birthDate: string | null;

  @Field(() => String, { description: 'The phone number the applicant declared.', nullable: true })
  phone: string | null;

  @Field(() => String, { description: 'The address the applicant declared.', nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'The employer the applicant named.' })
  employer: string | null;
}
