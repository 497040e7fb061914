import { Field, ID, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from '../../kernel/scalars.js';
import type { RestrictedViewDeclaration } from './record-kind.js';
import { enumOf, type ValueOf } from '../../kernel/enums.js';
import { sourceKind, verificationStatus } from '../../db/enums.js';

/** The database enum's values (db/enums.ts), as a GraphQL enum. */
export const VerificationStatus = enumOf(verificationStatus.enumValues);
export type VerificationStatus = ValueOf<typeof VerificationStatus>;
registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  description: 'Where a record stands against its authoritative source.',
  valuesConfig: {
    VERIFIED: { description: 'The authoritative source agrees.' },
    UNVERIFIED: { description: 'No authoritative source has confirmed it yet.' },
    CONFLICTING: { description: 'It disagrees with the authoritative source; not served as fact.' },
    DISPUTED: { description: 'The subject disputes it; served with that mark.' },
    QUARANTINED: { description: 'Held back: it changed in a score-reset burst.' },
  },
});

/** The database enum's values (db/enums.ts), as a GraphQL enum. */
export const SourceKind = enumOf(sourceKind.enumValues);
export type SourceKind = ValueOf<typeof SourceKind>;
registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'The kind of a data source; decides which kinds of record it may furnish and where it is authoritative.',
  valuesConfig: {
    IDENTITY_REGISTRY: { description: 'The identity registry: authoritative for names, ID numbers, birth dates.' },
    TRAFFIC_AUTHORITY: { description: 'The traffic authority: driving licences.' },
    PROPERTY_REGISTRY: { description: 'The real-estate registry: property certificates.' },
    VEHICLE_REGISTRY: { description: 'The vehicle registry: vehicle registrations.' },
    EDUCATION_REGISTRY: { description: 'The education registry: degrees.' },
    EMPLOYER: { description: 'Employers (the employer network): jobs and referees.' },
    LENDER: { description: 'Banks and lenders: credit accounts.' },
    CLEARING_HOUSE: { description: 'The payment clearing house: transactions and monthly aggregates.' },
    COURT: { description: 'The courts: cases, judgments, the judgment-debtor list and enforcement orders.' },
    PARTNER_APP: { description: 'Data a person declared through a partner app (never authoritative).' },
    TAX_AUTHORITY: { description: 'The tax authority: tax arrears and administrative penalties.' },
  },
});

@ObjectType({ description: 'A data source that furnishes records.' })
export class Source {
  @Field(() => String, { description: "The source's stable code, e.g. court-system." })
  code: string;

  @Field(() => String, { description: "The source's name." })
  name: string;

  @Field(() => SourceKind, { description: 'What kind of source it is.' })
  kind: SourceKind;
}

@ObjectType({ description: 'Where a record came from and its place in the version chain.' })
export class Provenance {
  @Field(() => Source, { description: 'The source that furnished this version.' })
  source: Source;

  @Field(() => String, {
    nullable: true,
    description: "The source's own id for the record. Sources key records with identifying numbers, so it is disclosed only to readers granted the record's category at the precision that identifies it (see grantCatalogue).",
  })
  sourceRecordId: string | null;

  @Field(() => DateTimeResolver, { description: 'When the source sent this version.' })
  receivedAt: Date;

  @Field(() => DateTimeResolver, { description: 'When the exchange recorded this version.' })
  recordedAt: Date;

  @Field(() => DateTimeResolver, {
    nullable: true,
    description: 'When a later version replaced this one; null for the version in force.',
  })
  supersededAt: Date | null;

  /** The reader's scope and the record's kind: what decides whether sourceRecordId is disclosed. */
  view?: ReadScope;
  kind?: string;
}

/** The columns every furnished record row carries (see db/columns.ts). */
export interface RecordRow {
  id: number;
  personId: string;
  sourceId: number;
  sourceRecordId: string;
  receivedAt: Date;
  recordedAt: Date;
  supersededAt: Date | null;
  verification: string;
  /** The instant the profile was read as of (null: now); carried so history honours it. */
  asOf?: Date | null;
  /** The reader's scope (the gate's view of the person): what nested fields may disclose. */
  view?: ReadScope;
  /** The restricted view the record was read under, so its history is read under it too. */
  restriction?: RestrictedViewDeclaration;
}

/**
 * What the gate decided about one reader and one person, as records see it: the grants, the
 * instant, whether only servable records may go out, and how far back the consent reaches.
 */
export interface ReadScope {
  grants: Readonly<Record<string, number>>;
  asOf: Date | null;
  servedOnly: boolean;
  notBefore: Date | null;
}

/**
 * Fields shared by every furnished record; each record type implements this interface and
 * gets provenance and history from furnishedRecordResolver.
 */
@InterfaceType({ description: 'A record furnished by a source, with its verification status.' })
export abstract class FurnishedRecord {
  @Field(() => ID, { description: 'The id of this version of the record (each version has its own).' })
  id: string;

  @Field(() => VerificationStatus, { description: 'Where the record stands against its authoritative source.' })
  verification: VerificationStatus;
}
