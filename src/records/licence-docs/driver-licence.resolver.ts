import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { DriverLicence } from './driver-licence.types.js';

@Resolver(() => Person)
export class DriverLicencePersonFields {
  @FieldResolver(() => [DriverLicence], { description: 'Driving licences (category licences).', nullable: true })
  driverLicences(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('driverLicence', person);
  }
}
