import { describe, expect, it } from 'vitest';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  type GraphQLSchema,
} from 'graphql';
import { buildExchangeSchema } from '../src/server/schema.js';

/** Every coordinate of the schema a client reads in the docs, and whether it is described. */
function undocumented(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const described = (d: string | null | undefined) => typeof d === 'string' && d.trim().length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!described(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name}:)`);
      }
    }
    if (isEnumType(type)) for (const v of type.getValues()) if (!described(v.description)) missing.push(`${type.name}.${v.name}`);
    if (isUnionType(type) && !described(type.description)) missing.push(type.name);
  }
  return missing;
}

const argsOf = (schema: GraphQLSchema, type: string, field: string) => {
  const t = schema.getType(type);
  if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
  return t.getFields()[field]!.args.map((a) => a.name);
};

describe('the schema documents itself', () => {
  it('describes every type, field, argument and enum value', async () => {
    expect(undocumented(await buildExchangeSchema())).toEqual([]);
  });

  it('lists arguments in the order they are declared', async () => {
    const schema = await buildExchangeSchema();
    expect(argsOf(schema, 'Query', 'person').slice(0, 4)).toEqual(['nationalId', 'purpose', 'asOf', 'caseReference']);
    expect(argsOf(schema, 'Query', 'verifyAccessLog')).toEqual(['from', 'to']);
    expect(argsOf(schema, 'Query', 'accessLog')).toEqual(['filter', 'first', 'after', 'last', 'before']);
    expect(argsOf(schema, 'Query', 'accessLogConsistencyProof')).toEqual(['from', 'to']);
    expect(argsOf(schema, 'Mutation', 'suspendLicence')).toEqual(['licenceId', 'reason']);
  });

  it('types closed sets as enums: what came of a read, its purpose, how the person was named', async () => {
    const schema = await buildExchangeSchema();
    const entry = schema.getType('AccessLogEntry');
    if (!isObjectType(entry)) throw new Error('AccessLogEntry');
    const f = entry.getFields();
    expect(getNamedType(f.purpose!.type).name).toBe('Purpose');
    expect(getNamedType(f.outcome!.type).name).toBe('AccessOutcome');
    expect(getNamedType(f.reachedBy!.type).name).toBe('SubjectReachedBy');
    const outcome = schema.getType('AccessOutcome');
    expect(isEnumType(outcome) && outcome.getValues().map((v) => v.value)).toEqual(['DISCLOSED', 'REFUSED']);
  });

  it('counts and pages back where users page back: the access log, disputes, discrepancies', async () => {
    const schema = await buildExchangeSchema();
    for (const connection of ['AccessLogConnection', 'DisputeConnection', 'DiscrepancyConnection']) {
      const t = schema.getType(connection);
      expect(isObjectType(t) && Object.keys(t.getFields())).toContain('totalCount');
    }
    for (const [type, field] of [['Query', 'accessLog'], ['Query', 'discrepancies'], ['Query', 'openDisputes'], ['Me', 'disputes']] as const) {
      expect(argsOf(schema, type, field)).toEqual(expect.arrayContaining(['first', 'after', 'last', 'before']));
    }
  });
});
