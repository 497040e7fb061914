import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';

@ObjectType({ description: "A driver's licence as the traffic authority (or another channel) reports it.", implements: FurnishedRecord })
export class DriverLicence extends FurnishedRecord {
  @Field(() => String)
  licenceNumber: string;

  @Field(() => String)
  licenceClass: string;

  @Field(() => String, { description: 'VALID, SUSPENDED, REVOKED or EXPIRED.' })
  status: string;

  @Field(() => Int)
  penaltyPoints: number;

  @Field(() => LocalDateResolver, { nullable: true })
  issuedOn: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  expiresOn: string | null;
}
