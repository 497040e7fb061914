import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isObjectType } from 'graphql';
import { printExchangeSchema } from '../src/server/print-schema.js';
import { buildExchangeSchema } from '../src/server/schema.js';
import { buildRuleTree } from '../src/access/access.rules.js';

describe('the public schema', () => {
  it('matches the printed SDL in schema/ (run npm run schema:print after a deliberate change)', async () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(await printExchangeSchema()).toBe(committed);
  });

  it('has an explicit permission rule for every field of every type', async () => {
    const schema = await buildExchangeSchema();
    const tree = buildRuleTree(schema);
    const missing: string[] = [];
    let fields = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields())) {
        fields++;
        if (!tree[type.name]?.[field]) missing.push(`${type.name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
    expect(fields).toBeGreaterThan(100);
  });

  it('refuses to build permissions for a field nobody decided about', async () => {
    const schema = await buildExchangeSchema();
    // Pretend the Licence type was never declared: the build must fail, not fall back.
    const { GraphQLSchema, GraphQLObjectType, GraphQLString } = await import('graphql');
    const extra = new GraphQLObjectType({ name: 'Undeclared', fields: { secret: { type: GraphQLString } } });
    const widened = new GraphQLSchema({ ...schema.toConfig(), types: [...schema.toConfig().types, extra] });
    expect(() => buildRuleTree(widened)).toThrow(/Undeclared\.secret/);
  });
});
