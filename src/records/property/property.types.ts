import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver, SafeIntResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { assetStatuses } from './property.tables.js';

export const AssetStatus = enumOf(assetStatuses);
export type AssetStatus = ValueOf<typeof AssetStatus>;
registerEnumType(AssetStatus, { name: 'AssetStatus' });

@ObjectType({ description: 'A certificate of real estate ownership.', implements: FurnishedRecord })
export class PropertyCertificate extends FurnishedRecord {
  @Field(() => String)
  certificateNumber: string;

  @Field(() => String)
  address: string;

  @Field(() => Float, { nullable: true })
  floorAreaM2: number | null;

  @Field(() => SafeIntResolver, { description: 'Assessed value in fen (CNY minor units).' })
  valueFen: number;

  @Field(() => String, { description: "The owner's ID number as written on the certificate." })
  ownerNationalId: string;

  @Field(() => String, { description: "The owner's name as written on the certificate." })
  ownerName: string;

  @Field(() => AssetStatus)
  status: AssetStatus;

  @Field(() => LocalDateResolver, { nullable: true })
  registeredOn: string | null;
}

@ObjectType({ description: 'A vehicle registration.', implements: FurnishedRecord })
export class VehicleRegistration extends FurnishedRecord {
  @Field(() => String)
  plateNumber: string;

  @Field(() => String)
  vin: string;

  @Field(() => String)
  model: string;

  @Field(() => SafeIntResolver, { description: 'Assessed value in fen.' })
  valueFen: number;

  @Field(() => String)
  ownerNationalId: string;

  @Field(() => String)
  ownerName: string;

  @Field(() => AssetStatus)
  status: AssetStatus;

  @Field(() => LocalDateResolver, { nullable: true })
  registeredOn: string | null;
}

@ObjectType({ description: 'A count and total value: the summary view of property or vehicles.' })
export class AssetSummary {
  @Field(() => Int)
  count: number;

  @Field(() => SafeIntResolver, { description: 'Total assessed value in fen.' })
  totalValueFen: number;
}
