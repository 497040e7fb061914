import { Field, Int, ObjectType } from 'type-graphql';
import { DiscrepancyKind } from './discrepancy-kinds.js';

@ObjectType({ description: 'How many records of one category are held back.' })
export class HeldBackCount {
  @Field(() => String, { description: 'The catalogue category (property, education, ...).' })
  category: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description: 'That facts are held back from licensees (quarantined pending the authorities or a regulator), never the facts themselves.',
})
export class HeldBackSummary {
  @Field(() => Int)
  quarantined: number;

  @Field(() => [HeldBackCount], { description: 'Per category the reader is granted.' })
  byCategory: HeldBackCount[];
}

@ObjectType({ description: 'How far a person’s records are verified against the authoritative sources.' })
export class VerificationSummary {
  @Field(() => Int)
  verified: number;

  @Field(() => Int)
  unverified: number;

  @Field(() => Int)
  conflicting: number;

  @Field(() => Int)
  disputed: number;

  @Field(() => Int)
  quarantined: number;

  @Field(() => [DiscrepancyKind], { description: 'Kinds of the open findings about the person.' })
  openDiscrepancyKinds: DiscrepancyKind[];
}
