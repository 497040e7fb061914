import { generatePeople } from './src/seed/generator.ts';
let t = Date.now(); let rows = 0;
for (const q of generatePeople({ people: 10000, seed: 7 })) { for (const v of Object.values(q.records)) rows += v.length; }
console.log('10k people', Date.now() - t, 'ms rows', rows);
