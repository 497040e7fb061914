import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { publicRecordStatuses, publicRecordTypes } from './public-records.tables.js';

export const PublicRecordType = enumOf(publicRecordTypes);
export type PublicRecordType = ValueOf<typeof PublicRecordType>;
registerEnumType(PublicRecordType, {
  name: 'PublicRecordType',
  description: 'TAX_ARREARS and ADMINISTRATIVE_PENALTY come from the tax authority; ENFORCEMENT orders from the courts.',
  valuesConfig: {
    TAX_ARREARS: { description: 'Unpaid taxes (tax authority).' },
    ADMINISTRATIVE_PENALTY: { description: 'A fine imposed by an authority.' },
    ENFORCEMENT: { description: "A court's enforcement order." },
  },
});

export const PublicRecordStatus = enumOf(publicRecordStatuses);
export type PublicRecordStatus = ValueOf<typeof PublicRecordStatus>;
registerEnumType(PublicRecordStatus, {
  name: 'PublicRecordStatus',
  description: 'OUTSTANDING counts against the person; SETTLED is served for five years after settlement; REVOKED is not served.',
  valuesConfig: {
    OUTSTANDING: { description: 'Not yet settled.' },
    SETTLED: { description: 'Settled; served for RETENTION_NEGATIVE_YEARS after settlement.' },
    REVOKED: { description: 'Revoked by the authority; never served.' },
  },
});

@ObjectType({ description: 'A tax arrear, administrative penalty or enforcement order against the person.', implements: FurnishedRecord })
export class PublicRecord extends FurnishedRecord {
  @Field(() => PublicRecordType, { description: 'Tax arrears, administrative penalty or enforcement order.' })
  recordType: PublicRecordType;

  @Field(() => String, { description: 'The authority that imposed it (a tax bureau, a court).' })
  authority: string;

  @Field(() => String, { description: "The authority's reference number." })
  referenceNumber: string;

  @Field(() => SafeIntResolver, { description: 'Amount in fen.' })
  amountFen: number;

  @Field(() => LocalDateResolver, { description: 'When it was imposed.' })
  imposedOn: string;

  @Field(() => LocalDateResolver, { description: 'When it was settled; null while outstanding.', nullable: true })
  settledOn: string | null;

  @Field(() => PublicRecordStatus, { description: 'Outstanding, settled or revoked.' })
  status: PublicRecordStatus;
}
