import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { Person, type PersonView } from '../shared/person.types.js';
import { AssetSummary, PropertyCertificate, VehicleRegistration } from './property.types.js';

/** Real estate on the profile: the FLAG, SUMMARY and FULL views of one category. */
@Resolver(() => Person)
export class PropertyPersonFields {
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the person owns real estate (the FLAG view).' })
  async ownsProperty(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.assetSummary('property', person.asOf, person.servedOnly).load(person.id)).count > 0;
  }

  @FieldResolver(() => AssetSummary, { nullable: true, description: 'Count and value of real estate (the SUMMARY view).' })
  propertySummary(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assetSummary('property', person.asOf, person.servedOnly).load(person.id);
  }

  @FieldResolver(() => [PropertyCertificate], { nullable: true, description: 'Real estate certificates (the FULL view).' })
  properties(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('property', person);
  }
}

/** Vehicles on the profile: the FLAG, SUMMARY and FULL views of one category. */
@Resolver(() => Person)
export class VehiclePersonFields {
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether the person owns a vehicle (the FLAG view).' })
  async ownsVehicle(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.assetSummary('vehicle', person.asOf, person.servedOnly).load(person.id)).count > 0;
  }

  @FieldResolver(() => AssetSummary, { nullable: true, description: 'Count and value of vehicles (the SUMMARY view).' })
  vehicleSummary(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.assetSummary('vehicle', person.asOf, person.servedOnly).load(person.id);
  }

  @FieldResolver(() => [VehicleRegistration], { nullable: true, description: 'Vehicle registrations (the FULL view).' })
  vehicles(@Root() person: PersonView, @Ctx() ctx: RequestContext) {
    return ctx.loaders.records.read('vehicle', person);
  }
}
