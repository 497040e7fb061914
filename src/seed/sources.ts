import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sources } from '../records/shared/sources.tables.js';
import { demoSources } from '../records/shared/seeding/demo-sources.js';
import type { SourceCode } from '../records/shared/seeding/builder.js';

export type SourceKind = (typeof sources.$inferInsert)['kind'];

export { demoSources, type SourceCode };

export type SourceIds = Record<SourceCode, number>;

/** Inserts the demo sources that are missing and returns every one's id by code. */
export async function ensureSources(db: Db): Promise<SourceIds> {
  await db
    .insert(sources)
    .values(demoSources.map((s) => ({ code: s.code, name: s.name, kind: s.kind })))
    .onConflictDoNothing({ target: sources.code });
  const rows = await db
    .select({ id: sources.id, code: sources.code })
    .from(sources)
    .where(
      inArray(
        sources.code,
        demoSources.map((s) => s.code),
      ),
    );
  const ids = Object.fromEntries(rows.map((row) => [row.code, row.id])) as Partial<SourceIds>;
  for (const s of demoSources) {
    if (ids[s.code] === undefined) throw new Error(`source ${s.code} is missing after insert`);
  }
  return ids as SourceIds;
}
