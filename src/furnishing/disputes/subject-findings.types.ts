import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '../../kernel/scalars.js';
import { FurnishedRecordKind } from '../ingestion.types.js';
import { Source, VerificationStatus } from '../../records/shared/record.types.js';
import { DiscrepancyKind } from '../cross-checks/discrepancy-kinds.js';

@ObjectType({ description: 'One field as one record states it.' })
export class StatedValue {
  @Field(() => String, { description: 'The field of the record.' })
  field: string;

  @Field(() => String, { nullable: true, description: 'What the record says (text; null: it says nothing).' })
  value: string | null;
}

@ObjectType({ description: 'What one source said: one of the subject’s records a finding is about. Dispute it with disputeRecord(recordKind, recordId).' })
export class FindingStatement {
  @Field(() => FurnishedRecordKind, { description: 'The kind of the record.' })
  recordKind: FurnishedRecordKind;

  @Field(() => ID, { description: 'The version the cross-check read (what disputeRecord takes).' })
  recordId: string;

  @Field(() => Source, { description: 'The source that said it.' })
  source: Source;

  @Field(() => VerificationStatus, { description: 'The status of the record now.' })
  verification: VerificationStatus;

  @Field(() => [StatedValue], { description: 'The fields that disagree, as this record states them.' })
  values: StatedValue[];
}

@ObjectType({ description: 'An open finding of the cross-checks about the subject’s own records.' })
export class SubjectFinding {
  @Field(() => ID, { description: "The finding's id." })
  id: number;

  @Field(() => DiscrepancyKind, { description: 'What the cross-check found.' })
  kind: DiscrepancyKind;

  @Field(() => String, { description: 'What the check found, in words.' })
  summary: string;

  @Field(() => [String], { description: 'The fields (or, for a burst, the criteria) that disagree.' })
  fields: string[];

  @Field(() => [FindingStatement], { description: 'The subject’s records involved, each with what its source said.' })
  statements: FindingStatement[];

  @Field(() => DateTimeResolver, { description: 'When the cross-check found it.' })
  raisedAt: Date;
}
