import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from '../kernel/scalars.js';
import { Purpose } from '../kernel/purpose.js';
import { connectionType } from '../kernel/pagination.js';

export enum ConsentKind {
  API = 'API',
  ARTEFACT = 'ARTEFACT',
}
registerEnumType(ConsentKind, {
  name: 'ConsentKind',
  description: 'API: granted by the subject through grantConsent. ARTEFACT: signed by a consent manager, recorded on its first use.',
});

@ObjectType({ description: "A subject's consent for an organisation to read their data." })
export class Consent {
  @Field(() => ID, { description: "The consent's id; for an artefact, its jti (what revokeConsentArtefact takes)." })
  id: number | string;

  @Field(() => ConsentKind)
  kind: ConsentKind;

  @Field(() => String, { nullable: true, description: 'For an artefact: the consent manager that signed it.' })
  consentManagerName: string | null;

  @Field(() => Int)
  organisationId: number;

  @Field(() => String)
  organisationName: string;

  @Field(() => [Purpose])
  purposes: Purpose[];

  @Field(() => [String], { description: 'Catalogue categories covered; empty means all.' })
  scope: string[];

  @Field(() => DateTimeResolver)
  startsAt: Date;

  @Field(() => DateTimeResolver)
  expiresAt: Date;

  @Field(() => Int, { nullable: true, description: 'How far back the disclosed data may reach, in days; null: the artefact sets no limit.' })
  lookbackDays: number | null;

  @Field(() => Int, { nullable: true, description: 'How many fetches the consent allows; null: the artefact sets no limit.' })
  maxUses: number | null;

  @Field(() => Int)
  useCount: number;

  @Field(() => DateTimeResolver, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Boolean, { description: 'Started, not expired, not revoked and with uses left.' })
  active: boolean;
}

export const ConsentConnection = connectionType(Consent, 'Consent');

@InputType()
export class GrantConsentInput {
  @Field(() => Int)
  organisationId: number;

  @Field(() => [Purpose])
  purposes: Purpose[];

  @Field(() => [String], { defaultValue: [] })
  scope: string[];

  @Field(() => DateTimeResolver, { nullable: true, description: 'Defaults to now.' })
  startsAt?: Date | null;

  @Field(() => DateTimeResolver)
  expiresAt: Date;

  @Field(() => Int, { defaultValue: 730 })
  lookbackDays: number;

  @Field(() => Int, { defaultValue: 5 })
  maxUses: number;
}
