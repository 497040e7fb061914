import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from '../../kernel/scalars.js';
import { connectionType } from '../../kernel/pagination.js';
import { FurnishedRecordKind } from '../ingestion.types.js';
import { DiscrepancyKind, DiscrepancyStatus } from './discrepancy-kinds.js';

registerEnumType(DiscrepancyKind, {
  name: 'DiscrepancyKind',
  description: 'What a cross-check found.',
  valuesConfig: {
    PROPERTY_OWNER_MISMATCH: { description: 'A property certificate names an owner who does not match the identity registry.' },
    VEHICLE_OWNER_MISMATCH: { description: 'A vehicle registration names an owner who does not match the identity registry.' },
    IDENTITY_MISMATCH: { description: 'Identity fields disagree across sources.' },
    DEGREE_NOT_CONFIRMED: { description: 'A degree the issuing institution does not confirm.' },
    CONFLICTS_WITH_AUTHORITY: { description: 'A record disagrees with its authoritative source.' },
    SHARED_CONTACT: { description: 'A phone number shared across unrelated people.' },
    CRITERIA_BURST: { description: 'Many criteria changed in a short window (the score-reset pattern); the changes are quarantined.' },
  },
});
registerEnumType(DiscrepancyStatus, {
  name: 'DiscrepancyStatus',
  description: 'OPEN: awaiting review. RESOLVED: reviewed, or confirmed by the authoritative sources. RELEASED: a regulator let quarantined records be served.',
  valuesConfig: {
    OPEN: { description: 'Waiting for review.' },
    RESOLVED: { description: 'Closed after review.' },
    RELEASED: { description: 'The quarantined records were released.' },
  },
});

@ObjectType({ description: 'A record a finding is about.' })
export class DiscrepancyRecord {
  @Field(() => FurnishedRecordKind, { description: 'The kind of the record.' })
  recordKind: FurnishedRecordKind;

  @Field(() => Int, { description: 'The source that furnished it.' })
  sourceId: number;

  @Field(() => String, { description: "The source's id of the record." })
  sourceRecordId: string;

  @Field(() => ID, { description: 'The version the cross-check read.' })
  recordId: string;
}

@ObjectType({ description: 'A finding of the cross-checks, for regulators to review.' })
export class Discrepancy {
  @Field(() => ID, { description: "The finding's id." })
  id: number;

  @Field(() => ID, { description: 'The person the finding is about (stable id).' })
  personId: string;

  @Field(() => DiscrepancyKind, { description: 'What the cross-check found.' })
  kind: DiscrepancyKind;

  @Field(() => DiscrepancyStatus, { description: 'Where the finding stands.' })
  status: DiscrepancyStatus;

  @Field(() => [DiscrepancyRecord], { description: 'The records the finding is about.' })
  records: DiscrepancyRecord[];

  @Field(() => JSONObjectResolver, { description: 'What disagreed, as the check saw it.' })
  details: Record<string, unknown>;

  @Field(() => DateTimeResolver, { description: 'When the cross-check found it.' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { description: 'When a regulator resolved it.', nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { description: 'What the regulator concluded.', nullable: true })
  resolution: string | null;
}

export const DiscrepancyConnection = connectionType(Discrepancy, 'Discrepancy', { totalCount: true });

@InputType({ description: 'Criteria for findings of the cross-checks; a finding must match every criterion given.' })
export class DiscrepancyFilter {
  @Field(() => DiscrepancyStatus, { description: 'Only findings in this status.', nullable: true })
  status?: DiscrepancyStatus | null;

  @Field(() => DiscrepancyKind, { description: 'Only findings of this kind.', nullable: true })
  kind?: DiscrepancyKind | null;

  @Field(() => ID, { description: 'Only findings about this person (stable id).', nullable: true })
  personId?: string | null;
}
