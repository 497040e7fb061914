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
registerEnumType(DisputeStatus, {
  name: 'DisputeStatus',
  description: "Where a subject's dispute of a record stands.",
  valuesConfig: {
    OPEN: { description: "Waiting for the furnisher's answer." },
    CONFIRMED: { description: 'The furnisher confirmed the record.' },
    CORRECTED: { description: 'The furnisher corrected it.' },
    WITHDRAWN: { description: 'The furnisher withdrew it.' },
  },
});

export enum DisputeAnswer {
  CONFIRM = 'CONFIRM',
  CORRECT = 'CORRECT',
  WITHDRAW = 'WITHDRAW',
}
registerEnumType(DisputeAnswer, {
  name: 'DisputeAnswer',
  description: 'CONFIRM: the record stands. CORRECT: a new version with corrected content. WITHDRAW: the record is no longer served.',
  valuesConfig: {
    CONFIRM: { description: 'The record is right as it stands.' },
    CORRECT: { description: 'The record is corrected (give the fields in correction).' },
    WITHDRAW: { description: 'The record is withdrawn.' },
  },
});

export enum RecordChange {
  DISPUTED = 'DISPUTED',
  CONFIRMED = 'CONFIRMED',
  CORRECTED = 'CORRECTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RecordChange, {
  name: 'RecordChange',
  description: 'What happened to a record besides its furnished content.',
  valuesConfig: {
    DISPUTED: { description: 'The subject disputed it.' },
    CONFIRMED: { description: 'The furnisher confirmed it after a dispute.' },
    CORRECTED: { description: 'The furnisher corrected it.' },
    WITHDRAWN: { description: 'The source withdrew it.' },
  },
});

@ObjectType({ description: 'One step of a dispute.' })
export class DisputeEvent {
  @Field(() => RecordChange, { description: 'What happened.' })
  change: RecordChange;

  @Field(() => DateTimeResolver, { description: 'When it happened.' })
  at: Date;

  @Field(() => ID, { nullable: true, description: 'The version of the record the step produced or concerned.' })
  recordId: string | null;

  @Field(() => JSONObjectResolver, { description: "The step's details (reason, note, corrected fields) as JSON text." })
  details: Record<string, unknown>;
}

@ObjectType({ description: 'A subject’s challenge of a record, its deadline and its outcome.' })
export class Dispute {
  @Field(() => ID, { description: "The dispute's id." })
  id: number;

  @Field(() => FurnishedRecordKind, { description: 'The kind of the disputed record.' })
  recordKind: FurnishedRecordKind;

  @Field(() => ID, { description: 'The version the subject disputed.' })
  recordId: number;

  @Field(() => String, { description: "The source's id of the disputed record." })
  sourceRecordId: string;

  @Field(() => String, { description: 'Why the subject disputes it.' })
  reason: string;

  @Field(() => DisputeStatus, { description: 'Where the dispute stands.' })
  status: DisputeStatus;

  @Field(() => DateTimeResolver, { description: 'When the subject filed it.' })
  openedAt: Date;

  @Field(() => DateTimeResolver, { description: 'Unanswered by then, the record is no longer served to licensees.' })
  deadlineAt: Date;

  @Field(() => Boolean, { description: 'Open past its deadline.' })
  overdue: boolean;

  @Field(() => DateTimeResolver, { description: 'When the furnisher answered; null while open.', nullable: true })
  answeredAt: Date | null;

  @Field(() => [DisputeEvent], { description: 'Every step, oldest first.' })
  events: DisputeEvent[];
}

export const DisputeConnection = connectionType(Dispute, 'Dispute', { totalCount: true });

@ObjectType({ description: 'A subject’s statement shown beside a record.' })
export class RecordStatement {
  @Field(() => FurnishedRecordKind, { description: 'The kind of the record.' })
  recordKind: FurnishedRecordKind;

  @Field(() => String, { description: "The source's id of the record." })
  sourceRecordId: string;

  @Field(() => String, { description: "The subject's statement, served with the record." })
  text: string;

  @Field(() => DateTimeResolver, { description: 'When the subject attached it.' })
  createdAt: Date;
}

@ObjectType({ description: 'A record this organisation received before was disputed, corrected or withdrawn since.' })
export class CorrectionNotice {
  @Field(() => ID, { description: "The notice's id." })
  id: number;

  @Field(() => RecordChange, { description: 'What happened to the record.' })
  change: RecordChange;

  @Field(() => DateTimeResolver, { description: 'When it happened.' })
  at: Date;

  @Field(() => ID, { description: 'Stable id of the person, as Person.id gave it.' })
  personId: string;

  @Field(() => String, {
    nullable: true,
    description: 'National ID number of the person; null unless this organisation was disclosed it for this person.',
  })
  nationalId: string | null;

  @Field(() => FurnishedRecordKind, { description: 'The kind of the record.' })
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
