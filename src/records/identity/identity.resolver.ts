import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { IdentityRecord } from './identity.types.js';

@Resolver(() => IdentityRecord)
export class IdentityResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'The year of birth: the basic view of the birth date.' })
  birthYear(@Root() row: { birthDate?: string | null; birthYear?: number }): number | null {
    // The basic view selects the year alone; the full view derives it from the date.
    if (row.birthYear !== undefined) return Number(row.birthYear);
    return row.birthDate ? Number(row.birthDate.slice(0, 4)) : null;
  }
}
