import { Field, ID, InputType, Int, ObjectType, Float } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import { Purpose } from '../kernel/purpose.js';
import { connectionType } from '../kernel/pagination.js';

@ObjectType({ description: 'One disclosure (or refused attempt) about one person in one request.' })
export class AccessLogEntry {
  @Field(() => ID, { description: 'Position in the hash chain.' })
  seq: number;

  @Field(() => DateTimeResolver)
  at: Date;

  @Field(() => String)
  requestId: string;

  @Field(() => Int)
  principalId: number;

  @Field(() => Int, { nullable: true })
  organisationId: number | null;

  @Field(() => String, { nullable: true })
  organisationName: string | null;

  @Field(() => Int, { nullable: true })
  licenceId: number | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field(() => String, { nullable: true })
  caseReference: string | null;

  @Field(() => Int, { nullable: true })
  consentId: number | null;

  @Field(() => String, { nullable: true, description: 'The consent artefact (its jti) the disclosure rested on, if any.' })
  consentArtefact: string | null;

  @Field(() => ID, { nullable: true, description: 'The person reached (stable id); null for an unknown person.' })
  subjectId: string | null;

  @Field(() => String, { description: 'DISCLOSED or REFUSED.' })
  outcome: string;

  @Field(() => String, { nullable: true, description: 'For a refusal: the error code the caller received.' })
  reason: string | null;

  @Field(() => [String], { description: 'Field coordinates that went out with data.' })
  disclosed: string[];

  @Field(() => [String], { description: 'Field coordinates that were asked for and denied.' })
  denied: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'The grants the reader held for this person when it read (category:precision, after a consent’s scope); null for a refusal.',
  })
  grants: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'NATIONAL_ID when the reader named the person by national ID, PERSON_ID when by the stable id (me, federation entities); null for a refusal.',
  })
  reachedBy: string | null;

  @Field(() => String, { nullable: true })
  operationName: string | null;

  @Field(() => String, { description: 'SHA-256 of the operation text.' })
  operationHash: string;

  @Field(() => String)
  prevHash: string;

  @Field(() => String)
  hash: string;
}

export const AccessLogConnection = connectionType(AccessLogEntry, 'AccessLog');

@InputType()
export class AccessLogFilter {
  @Field(() => Int, { nullable: true })
  organisationId?: number | null;

  @Field(() => Int, { nullable: true })
  licenceId?: number | null;

  @Field(() => Int, { nullable: true })
  principalId?: number | null;

  @Field(() => ID, { nullable: true, description: 'The stable id of the person reached.' })
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: 'Or the national ID number of the person reached.' })
  subjectNationalId?: string | null;

  @Field(() => Purpose, { nullable: true })
  purpose?: Purpose | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Inclusive.' })
  from?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Exclusive.' })
  to?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Only entries where something was denied or refused.' })
  deniedOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only entries that disclosed this field coordinate, e.g. Person.properties.' })
  disclosedField?: string | null;
}

@ObjectType()
export class ChainBreak {
  @Field(() => ID)
  seq: number;

  @Field(() => String, { description: 'HASH_MISMATCH, PREVIOUS_HASH_MISMATCH, MISSING_ENTRY or HEAD_MISMATCH.' })
  kind: string;

  @Field(() => String)
  detail: string;
}

@ObjectType({ description: 'The result of recomputing the hash chain over a time range.' })
export class ChainVerification {
  @Field(() => Boolean)
  valid: boolean;

  @Field(() => Int)
  checked: number;

  @Field(() => ID, { nullable: true })
  firstSeq: number | null;

  @Field(() => ID, { nullable: true })
  lastSeq: number | null;

  @Field(() => ChainBreak, { nullable: true, description: 'The first broken link, if any.' })
  brokenAt: ChainBreak | null;
}

@ObjectType({ description: "One organisation's activity on one day." })
export class OrganisationDay {
  @Field(() => Int, { nullable: true })
  organisationId: number | null;

  @Field(() => String, { nullable: true })
  organisationName: string | null;

  @Field(() => String, { description: 'YYYY-MM-DD (UTC).' })
  day: string;

  @Field(() => Int, { description: 'Distinct requests that reached a person.' })
  requests: number;

  @Field(() => Int, { description: 'Persons disclosed (entries with an outcome of DISCLOSED).' })
  disclosures: number;

  @Field(() => Int, { description: 'Refused attempts.' })
  refusals: number;

  @Field(() => Float, { description: 'refusals / (disclosures + refusals).' })
  denialRate: number;
}

@ObjectType()
export class PurposeCount {
  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field(() => Int)
  disclosures: number;

  @Field(() => Int)
  refusals: number;
}

@ObjectType({ description: 'An organisation whose daily volume jumped far above its own baseline.' })
export class VolumeAnomaly {
  @Field(() => Int, { nullable: true })
  organisationId: number | null;

  @Field(() => String, { nullable: true })
  organisationName: string | null;

  @Field(() => String)
  day: string;

  @Field(() => Int)
  requests: number;

  @Field(() => Float, { description: 'Median daily requests over the 28 days before.' })
  baseline: number;

  @Field(() => String, { description: 'Why this day was flagged.' })
  rule: string;
}

@ObjectType({ description: 'Oversight statistics over a time range.' })
export class OversightStatistics {
  @Field(() => [OrganisationDay])
  byOrganisationDay: OrganisationDay[];

  @Field(() => [PurposeCount])
  byPurpose: PurposeCount[];

  @Field(() => [VolumeAnomaly])
  anomalies: VolumeAnomaly[];
}

@ObjectType({ description: 'A change to who may see what, and who made it.' })
export class OversightEvent {
  @Field(() => ID)
  id: number;

  @Field(() => DateTimeResolver)
  at: Date;

  @Field(() => Int)
  actorPrincipalId: number;

  @Field(() => String)
  action: string;

  @Field(() => String)
  targetKind: string;

  @Field(() => String)
  targetId: string;

  @Field(() => String, { description: 'Details as JSON text.' })
  details: string;
}

export const OversightEventConnection = connectionType(OversightEvent, 'OversightEvent');

@ObjectType({ description: 'Who accessed a subject’s data: what a subject sees of the access log.' })
export class SubjectAccess {
  @Field(() => DateTimeResolver)
  at: Date;

  @Field(() => String, { nullable: true })
  organisationName: string | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field(() => String)
  outcome: string;

  @Field(() => [String], { description: 'Categories of facts disclosed (identity, property, ...).' })
  categories: string[];

  @Field(() => String, { nullable: true, description: 'The consent artefact (its jti) the read presented, if it rested on one.' })
  consentArtefact: string | null;
}

export const SubjectAccessConnection = connectionType(SubjectAccess, 'SubjectAccess');
