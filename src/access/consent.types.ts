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
  valuesConfig: {
    API: { description: 'Granted by the subject through grantConsent.' },
    ARTEFACT: { description: "A consent manager's signed artefact, recorded on its first use." },
  },
});

@ObjectType({ description: "A subject's consent for an organisation to read their data." })
export class Consent {
  @Field(() => ID, { description: "The consent's id; for an artefact, its jti (what revokeConsentArtefact takes)." })
  id: number | string;

  @Field(() => ConsentKind, { description: "Given through the API, or presented as a consent manager's signed artefact." })
  kind: ConsentKind;

  @Field(() => String, { nullable: true, description: 'For an artefact: the consent manager that signed it.' })
  consentManagerName: string | null;

  @Field(() => Int, { description: 'The organisation the consent is given to.' })
  organisationId: number;

  @Field(() => String, { description: "The organisation's name." })
  organisationName: string;

  @Field(() => [Purpose], { description: 'The purposes consented to.' })
  purposes: Purpose[];

  @Field(() => [String], { description: 'Catalogue categories covered; empty means all.' })
  scope: string[];

  @Field(() => DateTimeResolver, { description: 'From when the consent holds.' })
  startsAt: Date;

  @Field(() => DateTimeResolver, { description: 'When the consent ends.' })
  expiresAt: Date;

  @Field(() => Int, { nullable: true, description: 'How far back the disclosed data may reach, in days; null: the artefact sets no limit.' })
  lookbackDays: number | null;

  @Field(() => Int, { nullable: true, description: 'How many fetches the consent allows; null: the artefact sets no limit.' })
  maxUses: number | null;

  @Field(() => Int, { description: 'How many reads have rested on it.' })
  useCount: number;

  @Field(() => DateTimeResolver, { description: 'When a read last rested on it.', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => DateTimeResolver, { description: 'When the subject revoked it; null while in force.', nullable: true })
  revokedAt: Date | null;

  @Field(() => Boolean, { description: 'Started, not expired, not revoked and with uses left.' })
  active: boolean;
}

export const ConsentConnection = connectionType(Consent, 'Consent');

@InputType({ description: 'A consent a subject gives an organisation.' })
export class GrantConsentInput {
  @Field(() => Int, { description: 'The organisation consented to.' })
  organisationId: number;

  @Field(() => [Purpose], { description: 'The purposes consented to.' })
  purposes: Purpose[];

  @Field(() => [String], { description: 'The categories it may read; absent: whatever its licence grants.', defaultValue: [] })
  scope: string[];

  @Field(() => DateTimeResolver, { nullable: true, description: 'Defaults to now.' })
  startsAt?: Date | null;

  @Field(() => DateTimeResolver, { description: 'When the consent ends.' })
  expiresAt: Date;

  @Field(() => Int, { description: 'How far back the organisation may read; absent: all history.', defaultValue: 730 })
  lookbackDays: number;

  @Field(() => Int, { description: 'How many reads may rest on it; absent: no limit.', defaultValue: 5 })
  maxUses: number;
}
