import { sql } from 'drizzle-orm';
import type { RecordKind } from '../index.js';
import { recordEvents, recordStatements } from './record-events.tables.js';
import { instantParam, ofRecordKeys, recordKeyColumn, type ReadSpec, type Row } from './read-spec.js';

/** Reads here are keyed by record: recordKey(sourceId, sourceRecordId). */


/** The newest statement the subject attached to each record (by `sourceId|sourceRecordId`), as of `asOf`. */
export function recordStatement(kind: RecordKind, asOf: Date | null): ReadSpec<string | null> {
  const s = recordStatements;
  return {
    key: `statement|${kind}|${asOf ? 'asOf' : 'now'}`,
    keyType: 'record',
    values: asOf ? { asOf: asOf.toISOString() } : {},
    rows: (p) => sql`select distinct on (${s.sourceId}, ${s.sourceRecordId}) ${s.text} as "text", ${recordKeyColumn(s)} as "_key"
      from ${s}
      where ${s.recordKind} = ${kind} and ${ofRecordKeys(s, p)} ${asOf ? sql`and ${s.createdAt} <= ${instantParam(p, 'asOf')}` : sql``}
      order by ${s.sourceId}, ${s.sourceRecordId}, ${s.createdAt} desc, ${s.id} desc`,
    decode: (row) => row,
    assemble: ([row]: Row[]) => (row ? String(row.text) : null),
  };
}

/** When the source withdrew each record (by `sourceId|sourceRecordId`), as of `asOf`; null if it did not. */
export function recordWithdrawal(kind: RecordKind, asOf: Date | null): ReadSpec<Date | null> {
  const e = recordEvents;
  return {
    key: `withdrawal|${kind}|${asOf ? 'asOf' : 'now'}`,
    keyType: 'record',
    values: asOf ? { asOf: asOf.toISOString() } : {},
    rows: (p) => sql`select distinct on (${e.sourceId}, ${e.sourceRecordId}) ${e.at} as "at", ${recordKeyColumn(e)} as "_key"
      from ${e}
      where ${e.recordKind} = ${kind} and ${e.action} = 'WITHDRAWN' and ${ofRecordKeys(e, p)} ${asOf ? sql`and ${e.at} <= ${instantParam(p, 'asOf')}` : sql``}
      order by ${e.sourceId}, ${e.sourceRecordId}, ${e.at} asc`,
    decode: (row) => row,
    assemble: ([row]: Row[]) => (row ? new Date(String(row.at)) : null),
  };
}
