import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { assetStatuses } from './property.tables.js';

export const AssetStatus = enumOf(assetStatuses);
export type AssetStatus = ValueOf<typeof AssetStatus>;
registerEnumType(AssetStatus, {
  name: 'AssetStatus',
  description: 'Where a registered asset (property certificate, vehicle) stands in its registry.',
  valuesConfig: {
    ACTIVE: { description: 'Held by the person.' },
    TRANSFERRED: { description: 'Transferred to someone else.' },
    ENCUMBERED: { description: 'Held, with a mortgage or seizure on it.' },
  },
});

@ObjectType({ description: 'A certificate of real estate ownership.', implements: FurnishedRecord })
export class PropertyCertificate extends FurnishedRecord {
  @Field(() => String, { description: 'The number of the real-estate ownership certificate.' })
  certificateNumber: string;

  @Field(() => String, { description: 'The address of the property.' })
  address: string;

  @Field(() => Float, { description: 'Floor area in square metres.', nullable: true })
  floorAreaM2: number | null;

  @Field(() => SafeIntResolver, { description: 'Assessed value in fen (CNY minor units).' })
  valueFen: number;

  @Field(() => String, { description: "The owner's ID number as written on the certificate." })
  ownerNationalId: string;

  @Field(() => String, { description: "The owner's name as written on the certificate." })
  ownerName: string;

  @Field(() => AssetStatus, { description: 'Whether the certificate is active, transferred or encumbered.' })
  status: AssetStatus;

  @Field(() => LocalDateResolver, { description: 'When the registry recorded the ownership.', nullable: true })
  registeredOn: string | null;
}

@ObjectType({ description: 'A vehicle registration.', implements: FurnishedRecord })
export class VehicleRegistration extends FurnishedRecord {
  @Field(() => String, { description: 'The number plate.' })
  plateNumber: string;

  @Field(() => String, { description: 'The vehicle identification number.' })
  vin: string;

  @Field(() => String, { description: 'Make and model.' })
  model: string;

  @Field(() => SafeIntResolver, { description: 'Assessed value in fen.' })
  valueFen: number;

  @Field(() => String, { description: "The owner's national ID number as written on the registration (cross-checked with identity)." })
  ownerNationalId: string;

  @Field(() => String, { description: "The owner's name as written on the registration (cross-checked with identity)." })
  ownerName: string;

  @Field(() => AssetStatus, { description: 'Whether the registration is active, transferred or encumbered.' })
  status: AssetStatus;

  @Field(() => LocalDateResolver, { description: 'When the vehicle was registered to the owner.', nullable: true })
  registeredOn: string | null;
}

@ObjectType({ description: 'A count and total value: the summary view of property or vehicles.' })
export class AssetSummary {
  @Field(() => Int, { description: 'How many active assets.' })
  count: number;

  @Field(() => SafeIntResolver, { description: 'Total assessed value in fen.' })
  totalValueFen: number;
}
