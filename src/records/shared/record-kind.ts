import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ClassType } from 'type-graphql';
import type { sourceKind } from '../../db/enums.js';
import type { furnishedRecordColumns } from './record.columns.js';
import type { KindSeed } from './seeding/builder.js';
import type { Shape } from './validation.js';

/** The kinds of data source (one definition: the database enum in db/enums.ts). */
export type SourceKind = (typeof sourceKind.enumValues)[number];

/** A record table: the furnished record's own columns plus provenance and versioning. */
export type RecordTable = PgTable & { [K in keyof ReturnType<typeof furnishedRecordColumns>]: PgColumn };

/** A grant category of the catalogue: what a licence may be granted, coarsest precision first. */
export interface CategoryDeclaration {
  name: string;
  precisions: readonly string[];
  description: string;
}

/**
 * A coarse view of a kind's rows, imposed on a reader whose grant on the category is below
 * `below`: fewer columns (`columns`) or fewer rows (`where`). The record, its history and
 * its provenance are all read under it.
 */
export interface RestrictedViewDeclaration {
  name: string;
  below: string;
  columns?: Record<string, PgColumn | SQL.Aliased>;
  where?: SQL;
}

/** A refusal of one furnished record, naming the field it concerns. */
export interface Refusal {
  field: string;
  reason: string;
}

/** How a record from another channel is matched with the authority's record of the same fact. */
export interface AuthorityComparison {
  /** The column that names the fact (a certificate number); null: a person has one (identity). */
  key: string | null;
  /**
   * When the authority has no record under the claim's key: the fields (among `agree`) that
   * still name the same fact, so the claim is compared with the authority's records sharing
   * them (a degree under a certificate number of its own, from an institution whose registry
   * record of the person says otherwise). A claim that differs from all of them conflicts.
   */
  sameFactBy?: string[];
  /** Fields on which the two must agree for the record to be VERIFIED. */
  agree: string[];
  /** Further fields that must agree before a quarantined change counts as confirmed. */
  confirm: string[];
  /** How a field's values are compared, where not as text (referees: by their phones). */
  normalise?: Record<string, (value: unknown) => string>;
  /** The finding a disagreement with the authority raises (a DiscrepancyKind); default CONFLICTS_WITH_AUTHORITY. */
  disagreement?: string;
  /**
   * A record the authority has no record of is itself a finding (a degree its issuer does not
   * confirm): the finding's kind and the reason it gives. Absent: it stays UNVERIFIED, no finding.
   */
  unknownToAuthority?: { finding: string; reason: string };
}

/**
 * A record checked against other kinds' records of the same person, field by field (an
 * identity declared on an application against the identity registry and the employer
 * network). A field disagrees when both sides state it and no record of the other side
 * states the same value; any disagreement is a finding and the record is CONFLICTING.
 */
export interface DeclaredComparison {
  /** The finding a disagreement raises (a DiscrepancyKind). */
  finding: string;
  /**
   * The day the declaration was made (a column of the declared kind): what the other side's
   * sources stated that day counts too (a phone the registry has changed since the application).
   */
  madeOn?: string;
  against: {
    kind: string;
    /** Only the records its authority furnished (the registry's, not an app's). */
    authorityOnly: boolean;
    /** Own field -> the other kind's field. */
    fields: Record<string, string>;
    /** A column of the other kind that must be null for its record to count (a job not ended). */
    inForce?: string;
  }[];
}

/**
 * A certificate naming its owner, checked against the person it is filed under: the owner's
 * national ID against the person's, the owner's name against the identity authority's record.
 */
export interface OwnerMatch {
  /** The finding a mismatch raises (a DiscrepancyKind). */
  finding: string;
  /** The certificate's columns naming its owner. */
  nationalId: string;
  name: string;
}

/**
 * One kind of furnished record, declared once, in its own folder: everything generic code
 * needs to store, validate, serve, grant, retain and cross-check it. The registry
 * (records/index.ts) lists the kinds; nothing generic branches on a kind's name.
 */
export interface RecordKindDescriptor<K extends string = string, T extends RecordTable = RecordTable> {
  kind: K;
  table: T;
  /** The GraphQL object type of one record (it gets provenance, history and statement fields). */
  type: ClassType;
  /** The kind's resolvers: its fields on Person (`@Resolver(() => Person)`) and any of its own type. */
  resolvers: Function[];
  /** An explicit, stable number for the kind's advisory locks (never its position in a list). */
  lockId: number;

  // ---- what a licence may see ----
  category: CategoryDeclaration;
  /** Profile fields this kind serves, by the least precision of its category that discloses each. */
  profileFields: Record<string, string>;
  /** The profile fields through which records of this kind go out (correction notices read this). */
  listings: string[];
  /** The precision at which a record's source id (an identifying number) is disclosed. */
  identifyingPrecision: string;
  views?: RestrictedViewDeclaration[];

  // ---- how a furnished record of it is checked (records/shared/validation.ts) ----
  /** Its content, field by field: a closed object (unknown fields refused), built once per kind. */
  content: Shape;
  /** Rules across fields, after each field passed its own check (throw a FieldError). */
  rules?: (content: Record<string, unknown>) => void;
  /**
   * The last step on a valid record: refuse it or complete its content from the envelope
   * (an identity record states the number it is filed under). Throw a FieldError to refuse.
   */
  normalise?: (content: Record<string, unknown>, filed: { nationalId: string }) => void;

  // ---- who furnishes it ----
  /** The kind of source whose word is authoritative. */
  authority: SourceKind;
  /**
   * Further sources authoritative for the records they alone may furnish (the courts for
   * enforcement orders beside the tax authority's arrears: `refuseFrom` keeps each to its own).
   */
  coAuthorities?: readonly SourceKind[];
  /** Every kind of source that may furnish it (the authority among them). */
  furnishers: readonly SourceKind[];

  // ---- how it is kept ----
  /**
   * While a negative record may still be served at the instant `at` (SQL: a bound value or a
   * parameter; `row` is the kind's table or an alias of it); absent: its facts do not expire.
   */
  retention?: (row: RecordTable, at: SQL) => SQL | undefined;
  /** Admission of a new version against the one in force (court cases move along legal transitions). */
  transition?: {
    columns: Record<string, PgColumn>;
    refuse: (open: Record<string, unknown>, next: Record<string, unknown>) => Refusal | null;
  };
  /** A refusal that depends on the furnishing source (only a court lists a judgment debtor). */
  refuseFrom?: (content: Record<string, unknown>, source: SourceKind) => Refusal | null;

  // ---- cross-checks ----
  comparison?: AuthorityComparison;
  /** The criteria of the score-reset pattern this kind carries: name -> change flag (SQL over window w). */
  burstCriteria?: Record<string, string>;
  /** Whether the kind's rows carry contact phones the shared-contact check indexes. */
  carriesContactPhones?: boolean;
  /**
   * Which side of the shared-contact check a change of this kind calls for: 'work' (its phones
   * are an employer's or referees': are they someone else's?) or 'own' (the person's own phone:
   * does someone else's job name it?).
   */
  contactSide?: 'own' | 'work';
  /** Checked against other kinds' records of the person (a declared identity). */
  declared?: DeclaredComparison;
  /** The owner-match check applies to its records (property and vehicle certificates). */
  ownerMatch?: OwnerMatch;
  /** The column of the authority's record that is the person's registered name (owner-match checks compare with it). */
  registeredName?: string;

  // ---- demo and benchmark data ----
  /**
   * Adds a random person's records of this kind (records/<kind>/<kind>.seed.ts). The seed runs
   * the hooks in registry order, each drawing from the person's own stream; absent: the kind's
   * records are built by another kind's hook (transaction months by transactions').
   */
  seed?: KindSeed;
}

/** Declares a kind; the identity function keeps its literal name for the registry's types. */
export const defineRecordKind = <K extends string, T extends RecordTable>(d: RecordKindDescriptor<K, T>): RecordKindDescriptor<K, T> => d;

/** The precision rank a reader holds per category (-1: nothing), as the gate decided it. */
export type GrantRanks = Readonly<Record<string, number>>;

export const precisionRank = (category: CategoryDeclaration, precision: string): number => category.precisions.indexOf(precision);

/** The restricted view a reader's grants impose on a kind's rows, if any. */
export function restrictedView(d: RecordKindDescriptor, grants: GrantRanks): RestrictedViewDeclaration | undefined {
  const held = grants[d.category.name] ?? -1;
  return d.views?.find((v) => held < precisionRank(d.category, v.below));
}
