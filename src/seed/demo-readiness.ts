import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { principals } from '../access/access.tables.js';
import { isSeeded } from './seed.js';

/** Whether the demo principals (the README's public keys) exist in this database. */
export async function demoKeysExist(db: Db): Promise<boolean> {
  const rows = await db.select({ id: principals.id }).from(principals).where(eq(principals.isDemo, true)).limit(1);
  return rows.length > 0;
}

/**
 * What a people-only data set means for `npm start`: the people are there, but no API key
 * opens them, and the server does not seed the demo on top of existing people.
 */
export const PEOPLE_WITHOUT_KEYS =
  'This database holds people but no demo API keys: every key in the README (demo-scorer-full, demo-regulator, ...) ' +
  'answers UNAUTHENTICATED, and npm start will not add them on top of existing people. ' +
  'For the demo, start from an empty database: delete the data directory (DATA_DIR, default .data/) and run ' +
  '`npm start` (it seeds the demo itself) or `npm run seed -- --demo`.';

export const EMPTY_WITHOUT_KEYS =
  'This database is empty and holds no API keys: every request answers UNAUTHENTICATED. ' +
  'For the demo data and the README\'s keys, run `npm run seed -- --demo` against it.';

/** The start-up notice outside production when the README's demo keys will not work; null when they will. */
export async function demoNotice(db: Db): Promise<string | null> {
  if (await demoKeysExist(db)) return null;
  return (await isSeeded(db)) ? PEOPLE_WITHOUT_KEYS : EMPTY_WITHOUT_KEYS;
}
