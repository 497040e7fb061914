import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { IdentityRecord } from './identity.types.js';

@Resolver(() => IdentityRecord)
export class IdentityResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'The year of birth: the basic view of the birth date.' })
  birthYear(@Root() row: { birthDate: string | null }): number | null {
    return row.birthDate ? Number(row.birthDate.slice(0, 4)) : null;
  }
}
