import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from '../kernel/scalars.js';
import { recordKinds, type RecordKind } from '../records/index.js';

/** The kinds of furnished record, named as in NDJSON lines, so both entry points read alike. */
export const FurnishedRecordKind = Object.fromEntries(recordKinds.map((k) => [k, k])) as { [K in RecordKind]: K };
export type FurnishedRecordKind = RecordKind;
registerEnumType(FurnishedRecordKind, { name: 'FurnishedRecordKind' });

export enum IngestionOutcome {
  CREATED = 'CREATED',
  VERSIONED = 'VERSIONED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(IngestionOutcome, {
  name: 'IngestionOutcome',
  description: 'CREATED: a new record. VERSIONED: a changed record, the previous version closed. UNCHANGED: same content as the version in force.',
});

@InputType({ description: 'One record furnished by the calling source; its content is checked against the kind.' })
export class FurnishedRecordInput {
  @Field(() => FurnishedRecordKind)
  kind: FurnishedRecordKind;

  @Field(() => String, { description: "The source's own id for the record: resubmitting it versions the record." })
  sourceRecordId: string;

  @Field(() => String, { description: 'The national ID number of the person the record is about.' })
  nationalId: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the source produced this version (default: now).' })
  receivedAt?: Date | null;

  @Field(() => JSONObjectResolver, { description: "The record's own fields, as in an NDJSON line's content." })
  content: Record<string, unknown>;
}

@ObjectType()
export class AcceptedRecord {
  @Field(() => Int, { description: 'Position of the record in the submitted list, from 1.' })
  line: number;

  @Field(() => FurnishedRecordKind)
  kind: FurnishedRecordKind;

  @Field(() => String)
  sourceRecordId: string;

  @Field(() => IngestionOutcome)
  outcome: IngestionOutcome;
}

@ObjectType({ description: 'A record that was not stored, and why.' })
export class RejectedRecord {
  @Field(() => Int, { description: 'Position of the record in the submitted list (or line of the file), from 1.' })
  line: number;

  @Field(() => String)
  reason: string;

  @Field(() => String, { nullable: true, description: 'The offending field, e.g. content.amountFen.' })
  field?: string | null;
}

@ObjectType()
export class IngestionCounts {
  @Field(() => Int)
  received: number;

  @Field(() => Int)
  accepted: number;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  versioned: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int)
  rejected: number;
}

@ObjectType({ description: 'What a submission stored and what it refused: valid records are stored, invalid ones are not.' })
export class IngestionReport {
  @Field(() => IngestionCounts)
  counts: IngestionCounts;

  @Field(() => [AcceptedRecord])
  accepted: AcceptedRecord[];

  @Field(() => [RejectedRecord])
  rejected: RejectedRecord[];
}
