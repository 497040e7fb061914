import { Field, ID, Int, ObjectType } from 'type-graphql';
import { IssuedApiKey } from '../licence.types.js';

@ObjectType({ description: 'A person enrolled as a subject, with the API key they read their own data with.' })
export class EnrolledSubject {
  @Field(() => Int, { description: "The subject's principal (its API key is shown once)." })
  principalId: number;

  @Field(() => ID, { description: "The person's stable id." })
  personId: string;

  @Field(() => IssuedApiKey, { description: 'Shown once: the exchange keeps only its hash. Hand it to the person.' })
  apiKey: IssuedApiKey;

  @Field(() => Boolean, { description: 'The person was enrolled before: their previous keys are revoked.' })
  reenrolled: boolean;
}
