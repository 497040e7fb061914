import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from '../../kernel/scalars.js';
import { connectionType } from '../../kernel/pagination.js';
import { FurnishedRecordKind } from '../ingestion.types.js';

export enum DisputeStatus {
  OPEN = 'OPEN',
  CONFIRMED = 'CONFIRMED',
  CORRECTED = 'CORRECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(DisputeStatus, { name: 'DisputeStatus' });

export enum DisputeAnswer {
  CONFIRM = 'CONFIRM',
  CORRECT = 'CORRECT',
  WITHDRAW = 'WITHDRAW',
}
registerEnumType(DisputeAnswer, {
  name: 'DisputeAnswer',
  description: 'CONFIRM: the record stands. CORRECT: a new version with corrected content. WITHDRAW: the record is no longer served.',
});

export enum RecordChange {
  DISPUTED = 'DISPUTED',
  CONFIRMED = 'CONFIRMED',
  CORRECTED = 'CORRECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RecordChange, { name: 'RecordChange', description: 'What happened to a record besides its furnished content.' });

@ObjectType({ description: 'One step of a dispute.' })
export class DisputeEvent {
  @Field(() => RecordChange)
  change: RecordChange;

  @Field(() => DateTimeResolver)
  at: Date;

  @Field(() => ID, { nullable: true, description: 'The version of the record the step produced or concerned.' })
  recordId: string | null;

  @Field(() => JSONObjectResolver)
  details: Record<string, unknown>;
}

@ObjectType({ description: 'A subject’s challenge of a record, its deadline and its outcome.' })
export class Dispute {
  @Field(() => ID)
  id: number;

  @Field(() => FurnishedRecordKind)
  recordKind: FurnishedRecordKind;

  @Field(() => ID, { description: 'The version the subject disputed.' })
  recordId: number;

  @Field(() => String)
  sourceRecordId: string;

  @Field(() => String)
  reason: string;

  @Field(() => DisputeStatus)
  status: DisputeStatus;

  @Field(() => DateTimeResolver)
  openedAt: Date;

  @Field(() => DateTimeResolver, { description: 'Unanswered by then, the record is no longer served to licensees.' })
  deadlineAt: Date;

  @Field(() => Boolean, { description: 'Open past its deadline.' })
  overdue: boolean;

  @Field(() => DateTimeResolver, { nullable: true })
  answeredAt: Date | null;

  @Field(() => [DisputeEvent], { description: 'Every step, oldest first.' })
  events: DisputeEvent[];
}

export const DisputeConnection = connectionType(Dispute, 'Dispute');

@ObjectType({ description: 'A subject’s statement shown beside a record.' })
export class RecordStatement {
  @Field(() => FurnishedRecordKind)
  recordKind: FurnishedRecordKind;

  @Field(() => String)
  sourceRecordId: string;

  @Field(() => String)
  text: string;

  @Field(() => DateTimeResolver)
  createdAt: Date;
}

@ObjectType({ description: 'A record this organisation received before was disputed, corrected or withdrawn since.' })
export class CorrectionNotice {
  @Field(() => ID)
  id: number;

  @Field(() => RecordChange)
  change: RecordChange;

  @Field(() => DateTimeResolver)
  at: Date;

  @Field(() => ID, { description: 'Stable id of the person, as Person.id gave it.' })
  personId: string;

  @Field(() => String, {
    nullable: true,
    description: 'National ID number of the person; null unless this organisation was disclosed it for this person.',
  })
  nationalId: string | null;

  @Field(() => FurnishedRecordKind)
  recordKind: FurnishedRecordKind;

  @Field(() => String, {
    nullable: true,
    description: "The source's id for the record; null unless this organisation read the record at the precision that discloses it (see Provenance.sourceRecordId).",
  })
  sourceRecordId: string | null;

  @Field(() => ID, { nullable: true, description: 'The version the change produced: read the profile again to get it.' })
  recordId: string | null;
}

export const CorrectionNoticeConnection = connectionType(CorrectionNotice, 'CorrectionNotice');
