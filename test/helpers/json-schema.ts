/**
 * A checker for the JSON Schema keywords the record formats use (type, const, enum, required,
 * properties, additionalProperties, anyOf, lengths, pattern, bounds, items), so the tests can
 * check the published formats against records without the server's validators. It returns
 * the first path that fails, or null; an unknown keyword is an error, so a format cannot use
 * one this checker would silently ignore.
 */
type Schema = Record<string, any>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'format', 'type', 'const', 'enum', 'required', 'properties', 'additionalProperties',
  'anyOf', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'items', 'maxItems',
]);

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

export function schemaProblem(schema: Schema, value: unknown, path = '$'): string | null {
  for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`unknown keyword ${k} at ${path}`);
  if (schema.anyOf) return (schema.anyOf as Schema[]).some((s) => schemaProblem(s, value, path) === null) ? null : `${path}: matches none of anyOf`;
  if ('const' in schema && value !== schema.const) return `${path}: must be ${JSON.stringify(schema.const)}`;
  if (schema.enum && !schema.enum.includes(value)) return `${path}: not in enum`;
  if (schema.type) {
    const t = typeOf(value);
    const ok = schema.type === t || (schema.type === 'number' && t === 'integer');
    if (!ok) return `${path}: must be ${schema.type}, is ${t}`;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) return `${path}: too short`;
    if (schema.maxLength !== undefined && length > schema.maxLength) return `${path}: too long`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return `${path}: does not match ${schema.pattern}`;
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return `${path}: below minimum`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${path}: above maximum`;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return `${path}: not above exclusiveMinimum`;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return `${path}: not below exclusiveMaximum`;
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path}: too many items`;
    if (schema.items) for (let i = 0; i < value.length; i++) {
      const p = schemaProblem(schema.items, value[i], `${path}[${i}]`);
      if (p) return p;
    }
  }
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in o)) return `${path}.${r}: required`;
    for (const [k, v] of Object.entries(o)) {
      const sub = schema.properties?.[k];
      if (!sub) {
        if (schema.additionalProperties === false) return `${path}.${k}: not allowed`;
        continue;
      }
      const p = schemaProblem(sub, v, `${path}.${k}`);
      if (p) return p;
    }
  }
  return null;
}
