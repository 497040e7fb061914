import { openDatabase, migrateDatabase } from './src/db/client.ts';
import { seedDatabase } from './src/seed/seed.ts';
const d = await openDatabase({ url: 'postgres://postgres@127.0.0.1:5432/cx_seed_scratch' });
await migrateDatabase(d);
const s = await seedDatabase(d.db, { people: 3000, seed: 1, demo: false });
console.log(s.elapsedMs);
await d.close();
