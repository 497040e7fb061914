import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from '../../kernel/scalars.js';
import { Purpose } from '../../kernel/purpose.js';
import type { GrantRanks } from './record-kind.js';

/** The unified profile of one person, read for a purpose, as of an instant. */
@ObjectType({ description: 'One person, unified over every source.' })
// Federation entity keyed by the stable id, never the national ID (src/federation/).
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID, { description: 'Stable, non-identifying id of the person.' })
  id: string;

  @Field(() => String, { description: 'The national ID number; only with identity granted at FULL precision.', nullable: true })
  nationalId: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'The instant the profile was read as of; null for now.' })
  asOf: Date | null;

  @Field(() => Purpose, { description: 'The purpose declared for this read.' })
  purpose: Purpose;
}

/**
 * What the gate hands from the root field to every nested field: who the person is, the
 * instant and purpose of the read, and exactly what this reader may see of them.
 */
export interface PersonView {
  id: string;
  nationalId: string;
  asOf: Date | null;
  purpose: Purpose;
  grants: GrantRanks;
  caseReference: string | null;
  licenceId: number | null;
  consentId: number | null;
  /** The jti of the consent artefact the read presented for this person, if one let it through. */
  consentArtefact?: string | null;
  /** Oldest instant the consent's lookback lets the read reach; null: no limit. */
  notBefore: Date | null;
  /**
   * True for licensees: they are served only what may be served (not quarantined, withdrawn,
   * suppressed by an unanswered dispute, or past retention). Regulators and subjects see all.
   */
  servedOnly: boolean;
  /** How the reader named the person: by national ID (it knew it) or by the stable id (me, entities). */
  reachedBy: ReachedBy;
}

export type ReachedBy = 'NATIONAL_ID' | 'PERSON_ID';
