import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import { Purpose } from '../kernel/purpose.js';
import { connectionType } from '../kernel/pagination.js';
import { enumOf, type ValueOf } from '../kernel/enums.js';
import { licenceStatus } from './access.tables.js';

/** The database enum's values (access.tables.ts), as a GraphQL enum. */
export const LicenceStatus = enumOf(licenceStatus.enumValues);
export type LicenceStatus = ValueOf<typeof LicenceStatus>;
registerEnumType(LicenceStatus, { name: 'LicenceStatus' });

@ObjectType({ description: 'What a licence may see: a category of the catalogue at a precision.' })
export class Grant {
  @Field(() => String)
  category: string;

  @Field(() => String)
  precision: string;
}

@ObjectType({ description: 'A category of the catalogue and its precisions, coarsest first.' })
export class CatalogueCategory {
  @Field(() => String)
  category: string;

  @Field(() => [String])
  precisions: string[];
}

@ObjectType({ description: 'A licence held by a scorer or partner organisation.' })
export class Licence {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  organisationId: number;

  @Field(() => String)
  organisationName: string;

  @Field(() => LicenceStatus)
  status: LicenceStatus;

  @Field(() => String, { description: 'Status with the validity period applied: ACTIVE, SUSPENDED, REVOKED, EXPIRED or NOT_YET_VALID.' })
  state: string;

  @Field(() => DateTimeResolver)
  validFrom: Date;

  @Field(() => DateTimeResolver)
  validTo: Date;

  @Field(() => [Purpose])
  purposes: Purpose[];

  @Field(() => [Grant])
  grants: Grant[];
}

export const LicenceConnection = connectionType(Licence, 'Licence');

@InputType()
export class GrantInput {
  @Field(() => String)
  category: string;

  @Field(() => String)
  precision: string;
}

@InputType()
export class IssueLicenceInput {
  @Field(() => Int)
  organisationId: number;

  @Field(() => DateTimeResolver)
  validFrom: Date;

  @Field(() => DateTimeResolver)
  validTo: Date;

  @Field(() => [Purpose])
  purposes: Purpose[];

  @Field(() => [GrantInput])
  grants: GrantInput[];
}

@ObjectType({ description: 'A newly issued API key: the secret is shown once and stored only as a hash.' })
export class IssuedApiKey {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  label: string;

  @Field(() => String)
  key: string;
}

@ObjectType()
export class ApiKeyInfo {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  principalId: number;

  @Field(() => String)
  label: string;

  @Field(() => DateTimeResolver)
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  revokedAt: Date | null;
}
