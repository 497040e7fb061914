import { generatePeople } from './src/seed/generator.ts';
const people = [...generatePeople({ people: 10, seed: 42 })];
for (const p of people) {
  const counts = Object.fromEntries(Object.entries(p.records).map(([k, v]) => [k, v.length]));
  console.log(p.index, p.id, p.nationalId, p.name, p.gender, p.birthDate, p.address, p.phone, JSON.stringify(counts));
}
const p = people[7]!;
console.log(JSON.stringify(p.records.creditAccount, null, 1).slice(0, 3000));
console.log(JSON.stringify(people[2]!.records.court, null, 1));
console.log(JSON.stringify(people[6]!.records.employment, null, 1).slice(0,1500));
console.log(JSON.stringify(people[6]!.records.transaction.slice(0,3), null, 1), JSON.stringify(people[6]!.records.transactionMonth.map(r=>r.content)));
let t = Date.now(); let n = 0; let rows = 0;
for (const q of generatePeople({ people: 20000, seed: 7 })) { n++; for (const v of Object.values(q.records)) rows += v.length; }
console.log('20k people', Date.now() - t, 'ms rows', rows);
