import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { buildExchangeSchema } from './schema.js';

/** The public contract as SDL: `npm run schema:print` rewrites schema/schema.graphql. */
export async function printExchangeSchema(): Promise<string> {
  return `${printSchema(await buildExchangeSchema())}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../../schema/schema.graphql', import.meta.url), await printExchangeSchema());
  console.log('wrote schema/schema.graphql');
}
