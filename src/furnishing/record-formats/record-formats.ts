import { recordKindList, type RecordKind } from '../../records/index.js';
import { jsonSchemaOf, type JsonSchema } from '../../records/shared/validation.js';
import { contentChecks, envelopeChecks } from '../record-schemas.js';

/**
 * The published record formats: one JSON Schema (draft 2020-12) per record kind, for a
 * furnisher to validate a line before sending it. Built from the very checks ingestion runs
 * (each check carries its schema, records/shared/validation.ts), so the two cannot drift.
 * What a schema cannot say (rules across fields, the national ID's check digit, which
 * sources may send a kind) is stated in its description and enforced on arrival.
 */

export const RECORD_FORMAT_PATH = '/schemas/records';

const must = (schema: JsonSchema | undefined, what: string): JsonSchema => {
  if (!schema) throw new Error(`no JSON Schema for ${what}: build it from the checks in records/shared/validation.ts`);
  return schema;
};

export function recordFormat(kind: RecordKind): JsonSchema {
  const d = recordKindList.find((k) => k.kind === kind)!;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${RECORD_FORMAT_PATH}/${kind}.json`,
    title: `${kind} record`,
    description:
      `One furnished ${kind} record, one JSON object a line of POST /ingest (or one entry of submitRecords). ` +
      `Grant category ${d.category.name}: ${d.category.description.replace(/\.$/, '')}. ` +
      `Authoritative source kind: ${d.authority}; sources that may furnish it: ${d.furnishers.join(', ')}. ` +
      'Rules across fields (dates in order, amounts only where the status allows them) and the national ID check digit are checked on arrival; a refused line is reported with its field.',
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'sourceRecordId', 'nationalId', 'content'],
    properties: {
      kind: { const: kind, description: 'The kind of record.' },
      sourceRecordId: must(jsonSchemaOf(envelopeChecks.sourceRecordId), 'sourceRecordId'),
      nationalId: { ...must(jsonSchemaOf(envelopeChecks.nationalId), 'nationalId'), description: 'The national ID number of the person the record is about.' },
      receivedAt: {
        ...must(jsonSchemaOf(envelopeChecks.receivedAt), 'receivedAt'),
        description: 'When the source received the fact (ISO 8601 with offset); absent: when the exchange receives it.',
      },
      content: must(jsonSchemaOf(contentChecks[kind]), `${kind} content`),
    },
  };
}

/** Every kind's format, by kind, in registry order. */
export const recordFormats = (): Record<string, JsonSchema> => Object.fromEntries(recordKindList.map((d) => [d.kind, recordFormat(d.kind)]));

/** A format as committed under schema/records/ and served: two-space JSON and a final newline. */
export const printRecordFormat = (schema: JsonSchema) => `${JSON.stringify(schema, null, 2)}\n`;

/** One line per kind for documentation: its content fields, required ones first. */
export function contentFieldsByKind(): string {
  return recordKindList
    .map((d) => {
      const s = jsonSchemaOf(contentChecks[d.kind])!;
      const required = new Set(s.required as string[]);
      const fields = Object.keys(s.properties as object).sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
      return `${d.kind}: ${fields.map((f) => (required.has(f) ? f : `${f}?`)).join(', ')}`;
    })
    .join('; ');
}
