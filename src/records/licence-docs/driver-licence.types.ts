import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { FurnishedRecord } from '../shared/record.types.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { driverLicenceStatuses, licenceClasses } from './driver-licence.tables.js';

export const DriverLicenceClass = enumOf(licenceClasses);
export type DriverLicenceClass = ValueOf<typeof DriverLicenceClass>;
registerEnumType(DriverLicenceClass, {
  name: 'DriverLicenceClass',
  description: 'The class of vehicles a driving licence allows (A1 large buses ... C1 small cars ... P trolley buses), as the licence states it.',
  valuesConfig: Object.fromEntries(licenceClasses.map((c) => [c, { description: `Class ${c}.` }])),
});

export const DriverLicenceStatus = enumOf(driverLicenceStatuses);
export type DriverLicenceStatus = ValueOf<typeof DriverLicenceStatus>;
registerEnumType(DriverLicenceStatus, {
  name: 'DriverLicenceStatus',
  description: 'Where a driving licence stands with the traffic authority.',
  valuesConfig: {
    VALID: { description: 'In force.' },
    SUSPENDED: { description: 'Suspended for a while (penalty points, an offence).' },
    REVOKED: { description: 'Taken away.' },
    EXPIRED: { description: 'Past its end date and not renewed.' },
  },
});

@ObjectType({ description: "A driver's licence as the traffic authority (or another channel) reports it.", implements: FurnishedRecord })
export class DriverLicence extends FurnishedRecord {
  @Field(() => String, { description: 'The licence number.' })
  licenceNumber: string;

  @Field(() => DriverLicenceClass, { description: 'The class of vehicles the licence allows.' })
  licenceClass: DriverLicenceClass;

  @Field(() => DriverLicenceStatus, { description: 'Where the licence stands.' })
  status: DriverLicenceStatus;

  @Field(() => Int, { description: 'Penalty points in the current scoring period.' })
  penaltyPoints: number;

  @Field(() => LocalDateResolver, { description: 'When the licence was issued.', nullable: true })
  issuedOn: string | null;

  @Field(() => LocalDateResolver, { description: 'When the licence expires.', nullable: true })
  expiresOn: string | null;
}
