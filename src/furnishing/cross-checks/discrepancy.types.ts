import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from '../../kernel/scalars.js';
import { connectionType } from '../../kernel/pagination.js';
import { FurnishedRecordKind } from '../ingestion.types.js';
import { DiscrepancyKind, DiscrepancyStatus } from './discrepancy-kinds.js';

registerEnumType(DiscrepancyKind, { name: 'DiscrepancyKind', description: 'What a cross-check found.' });
registerEnumType(DiscrepancyStatus, {
  name: 'DiscrepancyStatus',
  description: 'OPEN: awaiting review. RESOLVED: reviewed, or confirmed by the authoritative sources. RELEASED: a regulator let quarantined records be served.',
});

@ObjectType({ description: 'A record a finding is about.' })
export class DiscrepancyRecord {
  @Field(() => FurnishedRecordKind)
  recordKind: FurnishedRecordKind;

  @Field(() => Int)
  sourceId: number;

  @Field(() => String)
  sourceRecordId: string;

  @Field(() => ID, { description: 'The version the cross-check read.' })
  recordId: string;
}

@ObjectType({ description: 'A finding of the cross-checks, for regulators to review.' })
export class Discrepancy {
  @Field(() => ID)
  id: number;

  @Field(() => ID, { description: 'The person the finding is about (stable id).' })
  personId: string;

  @Field(() => DiscrepancyKind)
  kind: DiscrepancyKind;

  @Field(() => DiscrepancyStatus)
  status: DiscrepancyStatus;

  @Field(() => [DiscrepancyRecord])
  records: DiscrepancyRecord[];

  @Field(() => JSONObjectResolver, { description: 'What disagreed, as the check saw it.' })
  details: Record<string, unknown>;

  @Field(() => DateTimeResolver)
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true })
  resolution: string | null;
}

export const DiscrepancyConnection = connectionType(Discrepancy, 'Discrepancy');

@InputType()
export class DiscrepancyFilter {
  @Field(() => DiscrepancyStatus, { nullable: true })
  status?: DiscrepancyStatus | null;

  @Field(() => DiscrepancyKind, { nullable: true })
  kind?: DiscrepancyKind | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;
}
