import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from '../kernel/scalars.js';
import { recordKindList, recordKinds, type RecordKind } from '../records/index.js';
import { contentFieldsByKind } from './record-formats/record-formats.js';

/** The kinds of furnished record, named as in NDJSON lines, so both entry points read alike. */
export const FurnishedRecordKind = Object.fromEntries(recordKinds.map((k) => [k, k])) as { [K in RecordKind]: K };
export type FurnishedRecordKind = RecordKind;
registerEnumType(FurnishedRecordKind, {
  name: 'FurnishedRecordKind',
  description: 'The kinds of furnished record, named as in NDJSON lines and in /schemas/records/<kind>.json.',
  // Each kind as its descriptor declares it: its category and who is authoritative for it.
  valuesConfig: Object.fromEntries(
    recordKindList.map((d) => [d.kind, { description: `${d.category.description.replace(/\.$/, '')} (category ${d.category.name}; authoritative source: ${d.authority}).` }]),
  ),
});

export enum IngestionOutcome {
  CREATED = 'CREATED',
  VERSIONED = 'VERSIONED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(IngestionOutcome, {
  name: 'IngestionOutcome',
  description: 'CREATED: a new record. VERSIONED: a changed record, the previous version closed. UNCHANGED: same content as the version in force.',
  valuesConfig: {
    CREATED: { description: 'A new record.' },
    VERSIONED: { description: 'A changed record: a new version, the previous one closed.' },
    UNCHANGED: { description: 'The same content as the version in force.' },
  },
});

@InputType({ description: 'One record furnished by the calling source; its content is checked against the kind.' })
export class FurnishedRecordInput {
  @Field(() => FurnishedRecordKind, { description: 'The kind of record (its format: /schemas/records/<kind>.json).' })
  kind: FurnishedRecordKind;

  @Field(() => String, { description: "The source's own id for the record: resubmitting it versions the record." })
  sourceRecordId: string;

  @Field(() => String, { description: 'The national ID number of the person the record is about.' })
  nationalId: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When the source produced this version (default: now).' })
  receivedAt?: Date | null;

  @Field(() => JSONObjectResolver, {
    description:
      "The record's own fields, as in an NDJSON line's content; the JSON Schema of each kind is served at /schemas/records/<kind>.json " +
      `(fields marked ? may be null or absent): ${contentFieldsByKind()}.`,
  })
  content: Record<string, unknown>;
}

@ObjectType({ description: 'A record that was stored, and how.' })
export class AcceptedRecord {
  @Field(() => Int, { description: 'Position of the record in the submitted list, from 1.' })
  line: number;

  @Field(() => FurnishedRecordKind, { description: "The record's kind." })
  kind: FurnishedRecordKind;

  @Field(() => String, { description: "The source's id of the record." })
  sourceRecordId: string;

  @Field(() => IngestionOutcome, { description: 'Created, versioned or unchanged.' })
  outcome: IngestionOutcome;
}

@ObjectType({ description: 'A record that was not stored, and why.' })
export class RejectedRecord {
  @Field(() => Int, { description: 'Position of the record in the submitted list (or line of the file), from 1.' })
  line: number;

  @Field(() => String, { description: 'Why it was refused, in words a furnisher can act on.' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'The offending field, e.g. content.amountFen.' })
  field?: string | null;
}

@ObjectType({ description: 'How many records a load read, stored and rejected.' })
export class IngestionCounts {
  @Field(() => Int, { description: 'Records read.' })
  received: number;

  @Field(() => Int, { description: 'Records stored (created, versioned or unchanged).' })
  accepted: number;

  @Field(() => Int, { description: 'New records.' })
  created: number;

  @Field(() => Int, { description: 'Changed records: a new version, the previous one closed.' })
  versioned: number;

  @Field(() => Int, { description: 'Records identical to the version in force.' })
  unchanged: number;

  @Field(() => Int, { description: 'Records refused.' })
  rejected: number;
}

@ObjectType({ description: 'What a submission stored and what it refused: valid records are stored, invalid ones are not.' })
export class IngestionReport {
  @Field(() => IngestionCounts, { description: 'How many records were read, stored and rejected.' })
  counts: IngestionCounts;

  @Field(() => [AcceptedRecord], { description: 'The records stored, each with its outcome.' })
  accepted: AcceptedRecord[];

  @Field(() => [RejectedRecord], { description: 'The records refused, each with its reason.' })
  rejected: RejectedRecord[];
}
