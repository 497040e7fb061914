import { Field, ID, InputType, Int, ObjectType, Float } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import { Purpose } from '../kernel/purpose.js';
import { connectionType } from '../kernel/pagination.js';
import { AccessOutcome, SubjectReachedBy } from './access-log.enums.js';

@ObjectType({ description: 'One disclosure (or refused attempt) about one person in one request.' })
export class AccessLogEntry {
  @Field(() => ID, { description: 'Position in the hash chain.' })
  seq: number;

  @Field(() => DateTimeResolver, { description: 'When the entry was appended.' })
  at: Date;

  @Field(() => String, { description: 'The request it belongs to (the x-request-id header of the response).' })
  requestId: string;

  @Field(() => Int, { description: 'The API key holder that read.' })
  principalId: number;

  @Field(() => Int, { description: "The reader's organisation; null for a subject.", nullable: true })
  organisationId: number | null;

  @Field(() => String, { description: "The reader's organisation's name.", nullable: true })
  organisationName: string | null;

  @Field(() => Int, { description: 'The licence the read rested on.', nullable: true })
  licenceId: number | null;

  @Field(() => Purpose, { nullable: true, description: 'The purpose the reader declared; null when the request declared none (a refusal).' })
  purpose: Purpose | null;

  @Field(() => String, { description: 'The application, lease or contract the reader named.', nullable: true })
  caseReference: string | null;

  @Field(() => Int, { description: 'The consent the read rested on, if any.', nullable: true })
  consentId: number | null;

  @Field(() => String, { nullable: true, description: 'The consent artefact (its jti) the disclosure rested on, if any.' })
  consentArtefact: string | null;

  @Field(() => ID, { nullable: true, description: 'The person reached (stable id); null for an unknown person.' })
  subjectId: string | null;

  @Field(() => AccessOutcome, { description: 'What came of the read for this person.' })
  outcome: AccessOutcome;

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

  @Field(() => SubjectReachedBy, { nullable: true, description: 'How the reader named the person; null for a refusal.' })
  reachedBy: SubjectReachedBy | null;

  @Field(() => String, { description: "The GraphQL operation's name, if it had one.", nullable: true })
  operationName: string | null;

  @Field(() => String, { description: 'SHA-256 of the operation text.' })
  operationHash: string;

  @Field(() => String, { description: 'The hash of the entry before (64 zeros for the first).' })
  prevHash: string;

  @Field(() => String, { description: "SHA-256 of this entry's canonical JSON (RFC 8785), prevHash included." })
  hash: string;
}

export const AccessLogConnection = connectionType(AccessLogEntry, 'AccessLog', { totalCount: true });

@InputType({ description: 'Criteria for the access log; an entry must match every criterion given.' })
export class AccessLogFilter {
  @Field(() => Int, { description: 'Only reads by this organisation.', nullable: true })
  organisationId?: number | null;

  @Field(() => Int, { description: 'Only reads under this licence.', nullable: true })
  licenceId?: number | null;

  @Field(() => Int, { description: 'Only reads by this principal.', nullable: true })
  principalId?: number | null;

  @Field(() => ID, { nullable: true, description: 'The stable id of the person reached.' })
  subjectId?: string | null;

  @Field(() => String, { nullable: true, description: 'Or the national ID number of the person reached.' })
  subjectNationalId?: string | null;

  @Field(() => Purpose, { description: 'Only reads for this purpose.', nullable: true })
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

@ObjectType({ description: "The first entry at which the access log's hash chain does not hold." })
export class ChainBreak {
  @Field(() => ID, { description: 'The entry at which the chain breaks.' })
  seq: number;

  @Field(() => String, { description: 'HASH_MISMATCH, PREVIOUS_HASH_MISMATCH, MISSING_ENTRY or HEAD_MISMATCH.' })
  kind: string;

  @Field(() => String, { description: 'What does not match.' })
  detail: string;
}

@ObjectType({ description: 'The result of recomputing the hash chain over a time range.' })
export class ChainVerification {
  @Field(() => Boolean, { description: 'Whether every entry checked links to the one before.' })
  valid: boolean;

  @Field(() => Int, { description: 'How many entries were checked.' })
  checked: number;

  @Field(() => ID, { description: 'The first entry checked.', nullable: true })
  firstSeq: number | null;

  @Field(() => ID, { description: 'The last entry checked.', nullable: true })
  lastSeq: number | null;

  @Field(() => ChainBreak, { nullable: true, description: 'The first broken link, if any.' })
  brokenAt: ChainBreak | null;
}

@ObjectType({ description: "One organisation's activity on one day." })
export class OrganisationDay {
  @Field(() => Int, { description: 'The organisation.', nullable: true })
  organisationId: number | null;

  @Field(() => String, { description: "The organisation's name.", nullable: true })
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

@ObjectType({ description: 'Disclosures and refusals of one declared purpose over the period.' })
export class PurposeCount {
  @Field(() => Purpose, { nullable: true, description: 'The purpose; null for requests that declared none.' })
  purpose: Purpose | null;

  @Field(() => Int, { description: 'Persons disclosed for this purpose.' })
  disclosures: number;

  @Field(() => Int, { description: 'Refused attempts for this purpose.' })
  refusals: number;
}

@ObjectType({ description: 'An organisation whose daily volume jumped far above its own baseline.' })
export class VolumeAnomaly {
  @Field(() => Int, { description: 'The organisation.', nullable: true })
  organisationId: number | null;

  @Field(() => String, { description: "The organisation's name.", nullable: true })
  organisationName: string | null;

  @Field(() => String, { description: 'The day of the jump.' })
  day: string;

  @Field(() => Int, { description: 'Requests that day.' })
  requests: number;

  @Field(() => Float, { description: 'Median daily requests over the 28 days before.' })
  baseline: number;

  @Field(() => String, { description: 'Why this day was flagged.' })
  rule: string;
}

@ObjectType({ description: 'Oversight statistics over a time range.' })
export class OversightStatistics {
  @Field(() => [OrganisationDay], { description: 'Requests, disclosures and refusals per organisation and day.' })
  byOrganisationDay: OrganisationDay[];

  @Field(() => [PurposeCount], { description: 'Disclosures and refusals per purpose.' })
  byPurpose: PurposeCount[];

  @Field(() => [VolumeAnomaly], { description: 'Organisations whose daily volume jumped far above their own baseline.' })
  anomalies: VolumeAnomaly[];
}

@ObjectType({ description: 'A change to who may see what, and who made it.' })
export class OversightEvent {
  @Field(() => ID, { description: "The event's id." })
  id: number;

  @Field(() => DateTimeResolver, { description: 'When it happened.' })
  at: Date;

  @Field(() => Int, { description: 'Who made the change.' })
  actorPrincipalId: number;

  @Field(() => String, { description: 'What was done (e.g. LICENCE_SUSPENDED).' })
  action: string;

  @Field(() => String, { description: 'What was changed: a licence, an API key, a consent, ...' })
  targetKind: string;

  @Field(() => String, { description: 'The id of what was changed.' })
  targetId: string;

  @Field(() => String, { description: 'Details as JSON text.' })
  details: string;
}

export const OversightEventConnection = connectionType(OversightEvent, 'OversightEvent');

@ObjectType({ description: 'Who accessed a subject’s data: what a subject sees of the access log.' })
export class SubjectAccess {
  @Field(() => DateTimeResolver, { description: 'When the data was reached.' })
  at: Date;

  @Field(() => String, { description: 'Who reached it.', nullable: true })
  organisationName: string | null;

  @Field(() => Purpose, { nullable: true, description: 'The purpose the reader declared.' })
  purpose: Purpose | null;

  @Field(() => AccessOutcome, { description: 'Whether anything about the subject went out.' })
  outcome: AccessOutcome;

  @Field(() => [String], { description: 'Categories of facts disclosed (identity, property, ...).' })
  categories: string[];

  @Field(() => String, { nullable: true, description: 'The consent artefact (its jti) the read presented, if it rested on one.' })
  consentArtefact: string | null;
}

export const SubjectAccessConnection = connectionType(SubjectAccess, 'SubjectAccess');
