import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from '../../kernel/scalars.js';
import { Purpose } from '../../kernel/purpose.js';

@ObjectType({ description: "One of a consent manager's public signing keys." })
export class ConsentManagerKey {
  @Field(() => String, { description: 'The key id an artefact names in its JWS header ("kid").' })
  kid: string;

  @Field(() => String, { description: 'EdDSA (Ed25519) or ES256 (P-256).' })
  alg: string;

  @Field(() => JSONObjectResolver, { description: 'The public key as a JWK.' })
  jwk: Record<string, unknown>;

  @Field(() => DateTimeResolver, { description: 'When the key was added.' })
  createdAt: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Set once the key is retired: it verifies nothing from then on.' })
  retiredAt: Date | null;
}

@ObjectType({ description: "An organisation that captures subjects' consent where they apply and signs it as consent artefacts." })
export class ConsentManager {
  @Field(() => ID, { description: 'The organisation id: the "iss" of its artefacts.' })
  id: number;

  @Field(() => String, { description: "The consent manager's name." })
  name: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Set while suspended: its artefacts are refused.' })
  suspendedAt: Date | null;

  @Field(() => DateTimeResolver, { description: 'When the regulator registered it.' })
  createdAt: Date;

  @Field(() => [ConsentManagerKey], { description: 'Its public keys, retired ones included.' })
  keys: ConsentManagerKey[];
}

@ObjectType({ description: 'A consent artefact as the exchange recorded it (on its first use, or on a revocation that came first).' })
export class ConsentArtefact {
  @Field(() => ID, { description: 'The artefact id ("jti").' })
  id: string;

  @Field(() => Int, { description: 'The consent manager that signed it ("iss").' })
  consentManagerId: number;

  @Field(() => Int, { nullable: true, description: 'The grantee organisation ("aud"); null if never presented.' })
  organisationId: number | null;

  @Field(() => [Purpose], { description: 'The purposes it grants.' })
  purposes: Purpose[];

  @Field(() => [String], { nullable: true, description: 'Catalogue categories covered; null: all the licence grants.' })
  categories: string[] | null;

  @Field(() => DateTimeResolver, { description: 'From when it holds.', nullable: true })
  notBefore: Date | null;

  @Field(() => DateTimeResolver, { description: 'When it ends.', nullable: true })
  expiresAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Uses allowed; null: no limit.' })
  maxUses: number | null;

  @Field(() => Int, { description: 'How many reads rested on it.' })
  useCount: number;

  @Field(() => DateTimeResolver, { description: 'When a read last rested on it.', nullable: true })
  lastUsedAt: Date | null;

  @Field(() => DateTimeResolver, { description: 'When the exchange first saw it.' })
  recordedAt: Date;

  @Field(() => DateTimeResolver, { description: 'When it was revoked; null while in force.', nullable: true })
  revokedAt: Date | null;
}
