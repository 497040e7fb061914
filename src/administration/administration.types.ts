import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PrincipalKind } from '../access/me.types.js';
import { SourceKind } from '../records/shared/record.types.js';
import { FurnishedRecordKind } from '../furnishing/ingestion.types.js';
import type { RecordKind } from '../records/index.js';

@InputType({ description: 'An organisation to register: a scorer, partner, regulator or furnisher (bound to its source).' })
export class RegisterOrganisationInput {
  @Field(() => PrincipalKind, { description: 'What the organisation is; SUBJECT (subjects are people) and CONSENT_MANAGER (see registerConsentManager) are refused.' })
  kind: PrincipalKind;

  @Field(() => String, { description: "The organisation's name." })
  name: string;

  @Field(() => String, { description: 'Its number in the company register (unified social credit code).' })
  registrationNumber: string;

  @Field(() => Int, { nullable: true, description: 'A furnisher organisation: the id of the one source it furnishes for.' })
  sourceId?: number | null;
}

@InputType({ description: 'A data source to register.' })
export class RegisterSourceInput {
  @Field(() => String, { description: 'Short code: lower-case letters, digits and hyphens.' })
  code: string;

  @Field(() => String, { description: "The source's name." })
  name: string;

  @Field(() => SourceKind, { description: 'What kind of source it is.' })
  kind: SourceKind;

  @Field(() => [FurnishedRecordKind], {
    nullable: true,
    description: 'The record kinds the source is expected to be authoritative for; refused unless the authority matrix agrees.',
  })
  authoritativeFor?: RecordKind[] | null;
}

@InputType({ description: 'A principal to register: one acting for an organisation, or a subject bound to a person.' })
export class RegisterPrincipalInput {
  @Field(() => PrincipalKind, { description: 'Its role.' })
  kind: PrincipalKind;

  @Field(() => String, { description: 'Its name.' })
  name: string;

  @Field(() => Int, { nullable: true, description: 'Every kind but SUBJECT: the organisation it acts for (of the same kind).' })
  organisationId?: number | null;

  @Field(() => String, { nullable: true, description: 'SUBJECT only: the national ID number of the person (already on file).' })
  nationalId?: string | null;
}

@ObjectType({ description: 'A registered organisation.' })
export class RegisteredOrganisation {
  @Field(() => ID, { description: "The organisation's id." })
  id: number;

  @Field(() => PrincipalKind, { description: 'Its role.' })
  kind: PrincipalKind;

  @Field(() => String, { description: 'Its name.' })
  name: string;

  @Field(() => String, { description: 'Its registration number.', nullable: true })
  registrationNumber: string | null;

  @Field(() => Int, { description: 'The data source it runs, for a furnisher.', nullable: true })
  sourceId: number | null;
}

@ObjectType({ description: 'A registered data source and what the authority matrix lets it do.' })
export class RegisteredSource {
  @Field(() => ID, { description: "The source's id." })
  id: number;

  @Field(() => String, { description: 'Its stable code.' })
  code: string;

  @Field(() => String, { description: 'Its name.' })
  name: string;

  @Field(() => SourceKind, { description: 'What kind of source it is.' })
  kind: SourceKind;

  @Field(() => [FurnishedRecordKind], { description: 'Record kinds whose authoritative word this source gives.' })
  authoritativeFor: RecordKind[];

  @Field(() => [FurnishedRecordKind], { description: 'Record kinds it may furnish at all.' })
  mayFurnish: RecordKind[];
}

@ObjectType({ description: 'A registered principal; issue it an API key with issueApiKey.' })
export class RegisteredPrincipal {
  @Field(() => ID, { description: "The principal's id (for issueApiKey)." })
  id: number;

  @Field(() => PrincipalKind, { description: 'Its role.' })
  kind: PrincipalKind;

  @Field(() => String, { description: 'Its name.' })
  name: string;

  @Field(() => Int, { description: 'The organisation it acts for.', nullable: true })
  organisationId: number | null;
}
