import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildExchangeSchema, printExchangeSubgraph } from './schema.js';
import { printRecordFormat, recordFormats } from '../furnishing/record-formats/record-formats.js';

/** The public contract as SDL: `npm run schema:print` rewrites schema/schema.graphql and schema/subgraph.graphql. */
export async function printExchangeSchema(): Promise<string> {
  return `${printSchema(await buildExchangeSchema())}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../schema/schema.graphql', import.meta.url), await printExchangeSchema());
  writeFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), await printExchangeSubgraph());
  mkdirSync(new URL('../../schema/records/', import.meta.url), { recursive: true });
  for (const [kind, format] of Object.entries(recordFormats())) {
    writeFileSync(new URL(`../../schema/records/${kind}.json`, import.meta.url), printRecordFormat(format));
  }
  console.log('wrote schema/schema.graphql, schema/subgraph.graphql and schema/records/<kind>.json');
}
