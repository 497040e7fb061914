/**
 * npx tsx bench/transparency.bench.ts [-- --leaves 10000000 --proofs 1000]
 *
 * Proof generation over a generated tree: the node table (access_log_tree_nodes, complete
 * subtrees by level and index) filled in bulk by SQL in its own database (BENCH_TREE_URL,
 * default a local `cx_tree_bench`), leaf i hashed from its index, then random inclusion
 * proofs (at the full size and at random past sizes) and consistency proofs timed one by one
 * through the server's own code (tree.store.ts), each checked with the offline verifier.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { storedConsistencyProof, storedInclusionProof, storedRoot } from '../src/audit/transparency/tree.store.js';
import { consistent, inclusionRoot, leafHash } from '../tools/verify-log/tlog.js';

const { values } = parseArgs({ options: { leaves: { type: 'string', default: '10000000' }, proofs: { type: 'string', default: '1000' } } });
const LEAVES = Number(values.leaves);
const PROOFS = Number(values.proofs);
const url = process.env.BENCH_TREE_URL ?? 'postgres://postgres@127.0.0.1:5432/cx_tree_bench';

async function generate(): Promise<void> {
  const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
  await admin.connect();
  const name = new URL(url).pathname.slice(1);
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(`select to_regclass('access_log_tree_nodes') is not null as made`);
  if (rows[0].made) {
    // Complete only when every level is there: a run cut short is generated again.
    let expected = 0;
    for (let level = 0; 2 ** level <= LEAVES; level++) expected += Math.floor(LEAVES / 2 ** level);
    const { rows: n } = await c.query('select count(*)::int as n from access_log_tree_nodes');
    if (n[0].n === expected) return void (await c.end());
    await c.query('drop table access_log_tree_nodes');
  }
  const started = Date.now();
  await c.query('create unlogged table access_log_tree_nodes (level smallint not null, idx bigint not null, hash bytea not null)');
  // Leaf i: SHA-256(0x00 || its 8-byte index), standing in for an entry's canonical JSON.
  await c.query(`insert into access_log_tree_nodes select 0, i, sha256('\\x00'::bytea || int8send(i)) from generate_series(0, $1::bigint - 1) i`, [LEAVES]);
  for (let level = 1; 2 ** level <= LEAVES; level++) {
    await c.query(
      `insert into access_log_tree_nodes
       select $1::smallint, a.idx / 2, sha256('\\x01'::bytea || a.hash || b.hash)
       from access_log_tree_nodes a join access_log_tree_nodes b on b.level = a.level and b.idx = a.idx + 1
       where a.level = $1::int - 1 and a.idx % 2 = 0`,
      [level],
    );
    if (level === 1) await c.query('alter table access_log_tree_nodes add primary key (level, idx)');
  }
  await c.query('alter table access_log_tree_nodes set logged');
  await c.query('analyze access_log_tree_nodes');
  const { rows: size } = await c.query(`select count(*)::bigint as n, pg_size_pretty(pg_total_relation_size('access_log_tree_nodes')) as size from access_log_tree_nodes`);
  console.log(`generated ${size[0].n} nodes (${size[0].size}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  await c.end();
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

await generate();
const database = await openDatabase({ url, poolSize: 2 });
const db = database.db;
const root = await storedRoot(db, LEAVES);
const leafOf = (i: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(i));
  return leafHash(b);
};
const times = { full: [] as number[], past: [] as number[], consistency: [] as number[] };
for (let n = 0; n < PROOFS; n++) {
  const i = Math.floor(Math.random() * LEAVES);
  let t = performance.now();
  const proof = await storedInclusionProof(db, i, LEAVES);
  times.full.push(performance.now() - t);
  if (!inclusionRoot(i, LEAVES, leafOf(i), proof)?.equals(root)) throw new Error(`proof of leaf ${i} does not verify`);
  const size = i + 1 + Math.floor(Math.random() * (LEAVES - i));
  t = performance.now();
  await storedInclusionProof(db, i, size);
  times.past.push(performance.now() - t);
  t = performance.now();
  const c = await storedConsistencyProof(db, size, LEAVES);
  times.consistency.push(performance.now() - t);
  if (n < 20 && !consistent(size, LEAVES, await storedRoot(db, size), root, c)) throw new Error(`consistency ${size} -> ${LEAVES} does not verify`);
}
await database.close();
console.log(`machine: ${os.cpus().length} cores; ${LEAVES} leaves; ${PROOFS} of each, one at a time, every inclusion proof verified`);
console.log('| proof | mean ms | p50 ms | p99 ms | max ms |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, xs] of [['inclusion, full tree', times.full], ['inclusion, random past size', times.past], ['consistency, random size to full', times.consistency]] as const) {
  console.log(`| ${label} | ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2)} | ${pct(xs, 0.5).toFixed(2)} | ${pct(xs, 0.99).toFixed(2)} | ${Math.max(...xs).toFixed(2)} |`);
}
