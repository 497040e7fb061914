import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { and, eq, getTableColumns } from 'drizzle-orm';
import type { Database, Db } from '../../src/db/client.js';
import { hashCanonicalJson } from '../../src/db/content-hash.js';
import type { PendingEntry } from '../../src/audit/access-log.service.js';
import { accessLog, accessLogHead } from '../../src/audit/access-log.tables.js';
import { chainedJson, type ChainedContent } from '../../src/audit/chain.js';
import { frontierIds, leafHash, newNodes, nodeKey } from '../../src/audit/transparency/merkle.js';
import { readNodes } from '../../src/audit/transparency/tree.store.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * A disclosed entry of a made-up request, the `i`th of a bulk-written log (`label` names the
 * test's requests and operation).
 */
export const syntheticEntry = (label: string, i: number): PendingEntry => ({
  requestId: `${label.toLowerCase()}-${i}`,
  principalId: 1,
  organisationId: 1,
  licenceId: 1,
  purpose: 'CREDIT_APPLICATION',
  caseReference: `CASE-${i % 97}`,
  consentId: null,
  subjectId: null,
  outcome: 'DISCLOSED',
  reason: null,
  disclosed: ['Person.id'],
  denied: [],
  grants: ['identity:FULL'],
  reachedBy: 'NATIONAL_ID',
  operationName: label,
  operationHash: 'f'.repeat(64),
});

/** Entries per COPY: the rows of one part are dropped before the next is built (a large live heap slows PGlite down). */
const PART = 10_000;

/**
 * Writes entries to the access log as the server's appender does (AccessLogAppender.write):
 * the same chain (chain.ts: each entry's canonical JSON, its SHA-256 naming the entry before),
 * the same leaves and the same complete subtrees of the Merkle tree (merkle.ts newNodes, grown
 * from the tree's stored frontier, read with tree.store.ts readNodes), the head moved on, all
 * in one transaction holding the head row. Only the writing differs: a COPY of 10,000 entries
 * and one of their tree nodes at a time instead of a 200-row insert, so a test builds a log of
 * 100,000 entries in seconds. Entries the real appender writes afterwards chain and grow the
 * tree on from these, and the server's export, checkpoints and proofs read them like any others.
 */
export async function appendInBulk(database: Database, count: number, entry: (i: number) => PendingEntry): Promise<{ from: number; to: number }> {
  // Every column the table defines, so a column added later is written too (or the COPY fails).
  const columns = Object.entries(getTableColumns(accessLog)).map(([key, c]) => ({ key, name: c.name }));
  return database.db.transaction(async (tx) => {
    const [head] = await tx.select().from(accessLogHead).where(eq(accessLogHead.id, 1)).for('update');
    if (!head) throw new Error('access log head is missing');
    const at = new Date(Math.max(Date.now(), head.at.getTime()));
    let seq = head.seq;
    let prevHash = head.hash;
    for (let done = 0; done < count; done += PART) {
      const first = seq;
      const lines: string[] = [];
      const leafHashes: Buffer[] = [];
      for (let i = done; i < Math.min(count, done + PART); i++) {
        seq += 1;
        const content: ChainedContent = { ...entry(i), seq, at, prevHash };
        const json = chainedJson(content);
        leafHashes.push(leafHash(json));
        prevHash = hashCanonicalJson(json);
        const row: Record<string, unknown> = { ...content, hash: prevHash };
        lines.push(columns.map((c) => copyField(row[c.key])).join('\t'));
      }
      await copyInto(database, tx, 'access_log', columns.map((c) => c.name), lines);
      // As tree.store.ts appendLeaves: the frontier of the tree before, then the nodes the new leaves complete.
      const ids = frontierIds(first);
      const frontier = await readNodes(tx, ids);
      if (frontier.size < ids.length) throw new Error(`the access log's tree does not cover its ${first} entries`);
      const nodes = newNodes(first, leafHashes, (level, index) => frontier.get(nodeKey(level, index))!);
      await copyInto(database, tx, 'access_log_tree_nodes', ['level', 'idx', 'hash'], nodes.map((n) => `${n.level}\t${n.index}\t\\\\x${n.hash.toString('hex')}`));
    }
    const moved = await tx
      .update(accessLogHead)
      .set({ seq, hash: prevHash, at })
      .where(and(eq(accessLogHead.id, 1), eq(accessLogHead.seq, head.seq)))
      .returning({ seq: accessLogHead.seq });
    if (moved.length !== 1) throw new Error('the access log head moved during the bulk append');
    return { from: head.seq + 1, to: seq };
  });
}

/** COPY ... FROM STDIN (text format) on the transaction's own connection; PGlite reads it from a blob. */
async function copyInto(database: Database, tx: Tx, table: string, columns: string[], lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const text = `${lines.join('\n')}\n`;
  const statement = `copy ${table} (${columns.map((c) => `"${c}"`).join(', ')})`;
  const client = (tx as unknown as { session: { client: unknown } }).session.client;
  if (database.kind === 'postgres') {
    if (!(client instanceof pg.Client)) throw new Error('no PostgreSQL connection under the transaction');
    const stream = client.query(copyFrom(`${statement} from stdin`));
    stream.end(text);
    await finished(stream);
    return;
  }
  await (client as { query: (q: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> }).query(`${statement} from '/dev/blob'`, [], { blob: new Blob([text]) });
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPE = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const escapeCopy = (text: string) => (COPY_SPECIAL.test(text) ? text.replace(COPY_ESCAPE, (c) => COPY_ESCAPES[c]!) : text);
/** An element of a PostgreSQL array literal, always quoted. */
const arrayElement = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;

/** A field in COPY's text format: \N for null, arrays as array literals, the special characters escaped. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeCopy(`{${value.map((v) => arrayElement(String(v))).join(',')}}`);
  return escapeCopy(String(value));
}
