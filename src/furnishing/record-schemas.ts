import { recordKindList, recordKinds, registry, type RecordKind } from '../records/index.js';
import {
  describedCheck,
  FieldError,
  fail,
  instant,
  isPlainObject,
  nationalId,
  object,
  optional,
  text,
  type Check,
} from '../records/shared/validation.js';

/**
 * The accepted shape of one furnished record:
 * `{ kind, sourceRecordId, nationalId, receivedAt?, content: {...} }`. The envelope is checked
 * here; the content by its kind's descriptor (`content`, `rules`, `normalise`), composed of the
 * checks in records/shared/validation.ts. They run once per line of a million-line file.
 */

/** Each kind's content check, built once per kind (never per record); also the source of its published format. */
export const contentChecks = Object.fromEntries(recordKindList.map((d) => [d.kind, object(d.content)])) as Record<
  RecordKind,
  Check<Record<string, unknown>>
>;

/** One validated furnished record: its content holds exactly its table's own columns. */
export interface FurnishedRecordValue {
  kind: RecordKind;
  sourceRecordId: string;
  nationalId: string;
  /** UTC ISO string. */
  receivedAt: string | null;
  content: Record<string, unknown>;
}

export type Validated = { ok: true; record: FurnishedRecordValue } | { ok: false; field?: string; reason: string };

const envelope = new Set(['kind', 'sourceRecordId', 'nationalId', 'receivedAt', 'content']);
const sourceRecordId: Check<string> = describedCheck<Check<string>>(
  (v, path) => {
    const s = text(128)(v, path);
    return s === v ? s : fail(path, 'must not start or end with spaces');
  },
  { type: 'string', minLength: 1, maxLength: 128, pattern: '^\\S(.*\\S)?$', description: "The source's own id of the record; its versions share it." },
);
const receivedAt = optional(instant);

/** The envelope's checks besides kind and content, for the published record formats. */
export const envelopeChecks = { sourceRecordId, nationalId, receivedAt } as const;

export const isRecordKind = (k: unknown): k is RecordKind => typeof k === 'string' && Object.hasOwn(registry, k);

/** Validates one submitted record; the first problem found is reported with its field. */
export function validateFurnishedRecord(input: unknown): Validated {
  try {
    if (!isPlainObject(input)) return { ok: false, reason: 'a record must be a JSON object' };
    for (const key of Object.keys(input)) {
      if (!envelope.has(key)) fail(key, 'is not a field of a furnished record (kind, sourceRecordId, nationalId, receivedAt, content)');
    }
    const kind = input.kind;
    if (!isRecordKind(kind)) return { ok: false, field: 'kind', reason: `must be one of ${recordKinds.join(', ')}` };
    const record: FurnishedRecordValue = {
      kind,
      sourceRecordId: sourceRecordId(input.sourceRecordId, 'sourceRecordId'),
      nationalId: nationalId(input.nationalId, 'nationalId'),
      receivedAt: receivedAt(input.receivedAt, 'receivedAt'),
      content: contentChecks[kind](input.content, 'content'),
    };
    const d = registry[kind];
    d.rules?.(record.content);
    d.normalise?.(record.content, record);
    return { ok: true, record };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field: err.field, reason: err.reason };
    throw err;
  }
}
