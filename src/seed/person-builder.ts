import type { PgTable } from 'drizzle-orm/pg-core';
import { seedContentHash as contentHash } from './canonical-hash.js';
import { initialVerification } from '../furnishing/authority.js';
import { recordKindList, recordKinds, type RecordKind, type recordTables } from '../records/index.js';
import type { GeneratedRecord, PersonFacts, RecordContent, SeedBuilder, SeedVerification, Step } from '../records/shared/seeding/builder.js';
import type { Rand } from '../records/shared/seeding/random.js';
import { pad } from '../records/shared/seeding/draws.js';
import { NOW, SECOND } from '../records/shared/seeding/time.js';
import { demoSources, type SourceCode, type SourceKind } from './sources.js';

export type { GeneratedRecord, PersonFacts, Step } from '../records/shared/seeding/builder.js';
export { mobile, personName, streetAddress } from '../records/shared/seeding/draws.js';

/** A record's own fields, by kind name. */
export type KindContent<K extends RecordKind> = RecordContent<(typeof recordTables)[K]>;

export type PersonRecords = { [K in RecordKind]: GeneratedRecord<KindContent<K>>[] };

const sourceKindByCode = new Map<string, SourceKind>(demoSources.map((s) => [s.code, s.kind]));
const kindByTable = new Map<PgTable, RecordKind>(recordKindList.map((d) => [d.table, d.kind]));

/** The seed starts records as ingestion would: VERIFIED from the authority, else UNVERIFIED. */
export function verificationFor(kind: RecordKind, source: SourceCode): SeedVerification {
  return initialVerification(sourceKindByCode.get(source)!, kind);
}

export function emptyRecords(): PersonRecords {
  return Object.fromEntries(recordKinds.map((k) => [k, []])) as unknown as PersonRecords;
}

/**
 * Builds one person's records from their own random stream. A random person's records come
 * from the kinds' seed hooks (records/<kind>/<kind>.seed.ts), run in registry order; the
 * planted demo people (planted.ts) call the kinds' builders with fixed facts.
 */
export class PersonBuilder implements SeedBuilder {
  readonly records: PersonRecords = emptyRecords();

  constructor(
    readonly rand: Rand,
    readonly facts: PersonFacts,
    readonly transactionsPerPerson: number,
  ) {}

  rid(prefix: string, k: number): string {
    return `${prefix}-${pad(this.facts.index, 7)}-${k}`;
  }

  chain<T extends PgTable>(table: T, source: SourceCode, sourceRecordId: string, steps: Step<T>[]): void {
    const kind = kindByTable.get(table);
    if (!kind) throw new Error(`no record kind has the table of ${sourceRecordId}`);
    const verification = verificationFor(kind, source);
    const list = this.records[kind] as GeneratedRecord<RecordContent<T>>[];
    steps.forEach((step, i) => {
      const next = steps[i + 1];
      if (next && next.at <= step.at) throw new Error(`versions of ${sourceRecordId} are not in time order`);
      if (step.at > NOW) throw new Error(`version of ${sourceRecordId} is recorded after the reference now`);
      list.push({
        source,
        sourceRecordId,
        receivedAt: new Date(step.at - this.rand.int(2, 900) * SECOND),
        recordedAt: new Date(step.at),
        supersededAt: next ? new Date(next.at) : null,
        verification,
        contentHash: contentHash(step.content),
        content: step.content,
      });
    });
  }

  current<T extends PgTable>(table: T): RecordContent<T>[] {
    const list = this.records[kindByTable.get(table)!] as GeneratedRecord<RecordContent<T>>[];
    return list.filter((r) => r.supersededAt === null).map((r) => r.content);
  }

  /** A random person: every kind's seed hook, in registry order. */
  buildRandomRecords(): PersonRecords {
    for (const d of recordKindList) d.seed?.(this);
    return this.records;
  }
}
