import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import { Purpose } from '../kernel/purpose.js';
import { connectionType } from '../kernel/pagination.js';
import { enumOf, type ValueOf } from '../kernel/enums.js';
import { licenceStatus } from './access.tables.js';

/** The database enum's values (access.tables.ts), as a GraphQL enum. */
export const LicenceStatus = enumOf(licenceStatus.enumValues);
export type LicenceStatus = ValueOf<typeof LicenceStatus>;
registerEnumType(LicenceStatus, {
  name: 'LicenceStatus',
  description: 'Whether a licence is in force.',
  valuesConfig: {
    ACTIVE: { description: 'In force.' },
    SUSPENDED: { description: 'Suspended by the regulator; reads answer LICENCE_INACTIVE.' },
    REVOKED: { description: 'Ended for good.' },
  },
});

@ObjectType({ description: 'What a licence may see: a category of the catalogue at a precision.' })
export class Grant {
  @Field(() => String, { description: 'A category of the catalogue.' })
  category: string;

  @Field(() => String, { description: 'The precision granted in it.' })
  precision: string;
}

@ObjectType({ description: 'A category of the catalogue and its precisions, coarsest first.' })
export class CatalogueCategory {
  @Field(() => String, { description: "The category's name, as grants name it." })
  category: string;

  @Field(() => [String], { description: 'Its precisions, coarsest first.' })
  precisions: string[];
}

@ObjectType({ description: 'A licence held by a scorer or partner organisation.' })
export class Licence {
  @Field(() => ID, { description: "The licence's id." })
  id: number;

  @Field(() => Int, { description: 'The licensed organisation.' })
  organisationId: number;

  @Field(() => String, { description: "The licensed organisation's name." })
  organisationName: string;

  @Field(() => LicenceStatus, { description: 'Whether the licence is in force.' })
  status: LicenceStatus;

  @Field(() => String, { description: 'Status with the validity period applied: ACTIVE, SUSPENDED, REVOKED, EXPIRED or NOT_YET_VALID.' })
  state: string;

  @Field(() => DateTimeResolver, { description: 'From when the licence is valid.' })
  validFrom: Date;

  @Field(() => DateTimeResolver, { description: 'Until when the licence is valid; null: no end.' })
  validTo: Date;

  @Field(() => [Purpose], { description: 'The purposes the licence permits.' })
  purposes: Purpose[];

  @Field(() => [Grant], { description: 'What the licence may see: a precision per category.' })
  grants: Grant[];
}

export const LicenceConnection = connectionType(Licence, 'Licence');

@InputType({ description: 'One grant of a licence: a category at a precision.' })
export class GrantInput {
  @Field(() => String, { description: 'A category of the catalogue (grantCatalogue).' })
  category: string;

  @Field(() => String, { description: "One of the category's precisions." })
  precision: string;
}

@InputType({ description: 'A new licence for an organisation: its validity, purposes and grants.' })
export class IssueLicenceInput {
  @Field(() => Int, { description: 'The organisation to license.' })
  organisationId: number;

  @Field(() => DateTimeResolver, { description: 'From when the licence is valid.' })
  validFrom: Date;

  @Field(() => DateTimeResolver, { description: 'Until when; absent: no end.' })
  validTo: Date;

  @Field(() => [Purpose], { description: 'The purposes it permits.' })
  purposes: Purpose[];

  @Field(() => [GrantInput], { description: 'What it may see.' })
  grants: GrantInput[];
}

@ObjectType({ description: 'A newly issued API key: the secret is shown once and stored only as a hash.' })
export class IssuedApiKey {
  @Field(() => ID, { description: "The key's id (for revokeApiKey)." })
  id: number;

  @Field(() => String, { description: 'The label given.' })
  label: string;

  @Field(() => String, { description: 'The key itself: shown this once, never stored.' })
  key: string;
}

@ObjectType({ description: 'An API key as the exchange keeps it (never the key itself: only its SHA-256 digest is stored).' })
export class ApiKeyInfo {
  @Field(() => ID, { description: "The key's id." })
  id: number;

  @Field(() => Int, { description: 'Whose key it is.' })
  principalId: number;

  @Field(() => String, { description: 'Its label.' })
  label: string;

  @Field(() => DateTimeResolver, { description: 'When it was issued.' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { description: 'When it was revoked; null while valid.', nullable: true })
  revokedAt: Date | null;
}
