import { getTableName } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { recordKindList, recordTables, type RecordKind } from '../../records/index.js';
import { DiscrepancyKind } from './discrepancy-kinds.js';
import type { CrossCheckConfig } from './cross-check.config.js';
import type { PersonScope } from './cross-check.queue.js';

/** A version in force as a check reads it: its identity and status, and the fields it compares. */
export type Row = Record<string, unknown> & {
  id: number;
  personId: string;
  sourceId: number;
  sourceRecordId: string;
  verification: string;
  contentHash: string;
};

/** What a check found about a person: the records it concerns (each with its kind) and why. */
export interface Finding {
  personId: string;
  kind: DiscrepancyKind;
  records: Row[];
  recordKinds: RecordKind[];
  details: Record<string, unknown>;
}

/** A record compared with its authority, and what the comparison said (its status follows from it). */
export interface Compared {
  kind: RecordKind;
  row: Row;
  cmp: {
    outcome: 'agrees' | 'disagrees' | null;
    /** Agrees on the confirmation fields too. */
    confirmed: boolean;
    fields: string[];
    authority?: Row;
  };
}

/**
 * The kinds a cross-check reads: those whose descriptor says how they are compared with their
 * authority, or with other kinds' records (a declared identity).
 */
export const checkedKinds: RecordKind[] = recordKindList.filter((d) => d.comparison || d.declared).map((d) => d.kind);

/** A set of checked kinds as bits (a person's scope is merged for every record a load changes). */
export type KindSet = number;
export const kindBit = (kind: RecordKind): KindSet => {
  const i = checkedKinds.indexOf(kind);
  return i < 0 ? 0 : 1 << i;
};
export const kindSet = (kinds: readonly RecordKind[]): KindSet => kinds.reduce((s, k) => s | kindBit(k), 0);
export const ALL_KINDS: KindSet = (1 << checkedKinds.length) - 1;
export const includes = (kinds: KindSet, kind: RecordKind) => (kinds & kindBit(kind)) !== 0;

/** A record across its versions, by kind: `kind|sourceId|sourceRecordId`. */
export const refKey = (kind: string, sourceId: number, sourceRecordId: string) => `${kind}|${sourceId}|${sourceRecordId}`;

export const tableNameOf = (kind: RecordKind) => getTableName(recordTables[kind]);

/** A finding kind named by a descriptor (records/ names them as strings), checked once at load. */
export function findingKind(name: string): DiscrepancyKind {
  if (!(Object.values(DiscrepancyKind) as string[]).includes(name)) throw new Error(`Unknown discrepancy kind in a record kind's descriptor: ${name}`);
  return name as DiscrepancyKind;
}

/** One call of `crossCheckPersons`: the persons, what each one's changes call for, and what was read. */
export interface CheckRun {
  db: Db;
  /** The persons, each once, in the caller's order. */
  ids: string[];
  now: Date;
  config: CrossCheckConfig;
  /** What a person's changes call for (everything, without a load's scope). */
  scopeOf(id: string): PersonScope;
  /** The kinds compared for a person (all of them with a burst to look for or open). */
  comparedOf(id: string): KindSet;
  /** The kinds read for a person: those compared and what the checks put beside them. */
  readOf(id: string): KindSet;
  /** Whether a row was furnished by its kind's authority. */
  isAuthority(kind: RecordKind, r: { sourceId: number }): boolean;
}

/** One person's versions in force of the kinds read for them (no statement: already read). */
export type RecordsOf = (kind: RecordKind) => Row[];

/** What checks report: findings, and records compared with their authority (for their status). */
export interface Outcome {
  findings: Finding[];
  compared: Compared[];
}

/**
 * One cross-check. A call runs every check in turn, in three steps, so that the whole call is
 * a fixed number of set-based statements whatever the number of persons:
 * 1. `prepare`: what the check needs besides the records in force (one statement at most);
 * 2. `examine`: one person at a time, over their records in force, read once for all checks
 *    (the kinds each check `reads`); no statement;
 * 3. `search`: the check's own statements over every person at once.
 */
export interface CrossCheck<S = undefined> {
  readonly name: string;
  /** The kinds it needs read beside those compared for a person. */
  reads?(compared: KindSet): KindSet;
  prepare?(run: CheckRun): Promise<S>;
  examine?(run: CheckRun, personId: string, records: RecordsOf, prepared: S, out: Outcome): void;
  search?(run: CheckRun): Promise<Finding[]>;
}
