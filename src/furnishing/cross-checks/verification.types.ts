import { Field, Int, ObjectType } from 'type-graphql';
import { DiscrepancyKind } from './discrepancy-kinds.js';

@ObjectType({ description: 'How many records of one category are held back.' })
export class HeldBackCount {
  @Field(() => String, { description: 'The catalogue category (property, education, ...).' })
  category: string;

  @Field(() => Int, { description: 'How many records of this category are held back.' })
  count: number;
}

@ObjectType({
  description: 'That facts are held back from licensees (quarantined pending the authorities or a regulator), never the facts themselves.',
})
export class HeldBackSummary {
  @Field(() => Int, { description: 'Records held back because they changed in a score-reset burst.' })
  quarantined: number;

  @Field(() => [HeldBackCount], { description: 'Per category the reader is granted.' })
  byCategory: HeldBackCount[];
}

@ObjectType({ description: 'How far a person’s records are verified against the authoritative sources.' })
export class VerificationSummary {
  @Field(() => Int, { description: 'Records the authoritative source agrees with.' })
  verified: number;

  @Field(() => Int, { description: 'Records no authoritative source has confirmed yet.' })
  unverified: number;

  @Field(() => Int, { description: 'Records that disagree with the authoritative source.' })
  conflicting: number;

  @Field(() => Int, { description: 'Records the subject disputes.' })
  disputed: number;

  @Field(() => Int, { description: 'Records held back after a score-reset burst.' })
  quarantined: number;

  @Field(() => [DiscrepancyKind], { description: 'Kinds of the open findings about the person.' })
  openDiscrepancyKinds: DiscrepancyKind[];
}
