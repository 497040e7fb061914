import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildExchangeSchema, printExchangeSubgraph } from './schema.js';

/** The public contract as SDL: `npm run schema:print` rewrites schema/schema.graphql and schema/subgraph.graphql. */
export async function printExchangeSchema(): Promise<string> {
  return `${printSchema(await buildExchangeSchema())}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../schema/schema.graphql', import.meta.url), await printExchangeSchema());
  writeFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), await printExchangeSubgraph());
  console.log('wrote schema/schema.graphql and schema/subgraph.graphql');
}
