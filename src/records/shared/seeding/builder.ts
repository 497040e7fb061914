import type { PgTable } from 'drizzle-orm/pg-core';
import type { demoSources } from './demo-sources.js';
import type { Rand } from './random.js';
import type { Region } from './zh-data.js';

/**
 * What a kind's seed builder (records/<kind>/<kind>.seed.ts) works with: the person's facts,
 * their random stream, and `chain`, which appends a record's versions with their provenance.
 * The builder itself (the seed's PersonBuilder) lives in src/seed/, which runs the kinds'
 * `seed` hooks in registry order for every random person.
 */

type ProvenanceKey =
  | 'id'
  | 'personId'
  | 'sourceId'
  | 'sourceRecordId'
  | 'receivedAt'
  | 'recordedAt'
  | 'supersededAt'
  | 'verification'
  | 'contentHash';

/** A record's own fields (what its content hash covers), every nullable one present. */
export type RecordContent<T extends PgTable> = Omit<T['$inferSelect'], ProvenanceKey>;

/** One version of a record: when the source recorded it, and what it said. */
export interface Step<T extends PgTable> {
  at: number;
  content: RecordContent<T>;
}

/** The code of a demo data source (seed/sources.ts inserts them). */
export type SourceCode = (typeof demoSources)[number]['code'];

export type SeedVerification = 'VERIFIED' | 'UNVERIFIED';

/** One version of a furnished record, with its provenance. */
export interface GeneratedRecord<C = Record<string, unknown>> {
  source: SourceCode;
  sourceRecordId: string;
  receivedAt: Date;
  recordedAt: Date;
  supersededAt: Date | null;
  verification: SeedVerification;
  contentHash: string;
  content: C;
}

/** Who a generated person is: what every kind's records about them agree on. */
export interface PersonFacts {
  index: number;
  /** Deterministic uuid of the persons row. */
  id: string;
  nationalId: string;
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  birthRegion: Region;
  /** Where the person lives now (differs from the birth region for people who moved). */
  home: Region;
  address: string;
  phone: string;
}

/** One person's records being built, from the person's own random stream. */
export interface SeedBuilder {
  readonly rand: Rand;
  readonly facts: PersonFacts;
  readonly transactionsPerPerson: number;
  /** The source's own id for a record, unique per person and source. */
  rid(prefix: string, k: number): string;
  /** Appends a record's versions to `table`'s kind: each closes the previous one at its own recorded instant. */
  chain<T extends PgTable>(table: T, source: SourceCode, sourceRecordId: string, steps: Step<T>[]): void;
  /** The versions in force of the records of `table`'s kind built so far, in the order they were built. */
  current<T extends PgTable>(table: T): RecordContent<T>[];
}

/**
 * A kind's seed hook: adds a random person's records of that kind. The hooks run in registry
 * order, so a kind may read what an earlier one built (transactions read the current job).
 */
export type KindSeed = (b: SeedBuilder) => void;
