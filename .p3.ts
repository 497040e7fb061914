import { openDatabase, migrateDatabase } from './src/db/client.ts';
import { generatePeople } from './src/seed/generator.ts';
import { ensureSources } from './src/seed/sources.ts';
import { bulkInsert } from './src/seed/bulk-insert.ts';
import { recordKinds, recordTables } from './src/records/shared/record-kinds.ts';
import { persons } from './src/profile/person.tables.ts';
const d = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/cx_seed_scratch' });
await migrateDatabase(d);
const ids = await ensureSources(d.db);
const people = [...generatePeople({ people: 3000, seed: 3 })];
const times: Record<string, number> = {};
for (let c = 0; c < people.length; c += 500) {
  const chunk = people.slice(c, c + 500);
  await d.db.transaction(async (tx) => {
    let t = performance.now();
    await bulkInsert(tx, persons, chunk.map(p => ({ id: p.id, nationalId: p.nationalId, createdAt: new Date() })));
    times.persons = (times.persons ?? 0) + performance.now() - t;
    for (const k of recordKinds) {
      const rows = chunk.flatMap(p => p.records[k].map(r => ({ ...r.content, personId: p.id, sourceId: ids[r.source], sourceRecordId: r.sourceRecordId, receivedAt: r.receivedAt, recordedAt: r.recordedAt, supersededAt: r.supersededAt, verification: r.verification, contentHash: r.contentHash })));
      t = performance.now();
      for (let i = 0; i < rows.length; i += 5000) await bulkInsert(tx, recordTables[k], rows.slice(i, i + 5000));
      times[k] = (times[k] ?? 0) + performance.now() - t;
    }
  });
}
console.log(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)])));
await d.close();
