import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { hashCanonicalJson } from '../../src/db/content-hash.js';
import type { PendingEntry } from '../../src/audit/access-log.service.js';
import { accessLog, accessLogHead } from '../../src/audit/access-log.tables.js';
import { chainedJson, type ChainedContent } from '../../src/audit/chain.js';
import { frontierIds, leafHash, newNodes, nodeKey } from '../../src/audit/transparency/merkle.js';
import { readNodes } from '../../src/audit/transparency/tree.store.js';

/** Rows per statement: one JSON (entries) or a few arrays (tree nodes) bound as single parameters. */
const CHUNK = 20_000;

/**
 * Writes entries to the access log as the server's appender does (AccessLogAppender.write):
 * the same chain (chain.ts: canonical JSON, its SHA-256 linking each entry to the one before),
 * the same leaves and the same complete subtrees of the Merkle tree (merkle.ts newNodes, from
 * the stored frontier of the tree before), the head moved on, all in one transaction holding
 * the head row. Only the writing differs: a few multi-row INSERTs instead of one 200-row
 * insert per batch, so a test can build a log of 100,000 entries in seconds. Entries the
 * real appender writes afterwards chain and grow the tree on from these.
 */
export async function appendInBulk(db: Db, entries: readonly PendingEntry[]): Promise<{ from: number; to: number }> {
  return db.transaction(async (tx) => {
    const [head] = await tx.select().from(accessLogHead).where(eq(accessLogHead.id, 1)).for('update');
    if (!head) throw new Error('access log head is missing');
    const at = new Date(Math.max(Date.now(), head.at.getTime()));
    let seq = head.seq;
    let prevHash = head.hash;
    const leafHashes: Buffer[] = [];
    const rows = entries.map((e) => {
      seq += 1;
      const content: ChainedContent = { ...e, seq, at, prevHash };
      const json = chainedJson(content);
      leafHashes.push(leafHash(json));
      prevHash = hashCanonicalJson(json);
      return { ...content, hash: prevHash };
    });

    const ids = frontierIds(head.seq);
    const frontier = await readNodes(tx, ids);
    if (frontier.size < ids.length) throw new Error(`the access log's tree does not cover its ${head.seq} entries`);
    const nodes = newNodes(head.seq, leafHashes, (level, index) => frontier.get(nodeKey(level, index))!);

    // Entries: one JSON array per statement, typed back into rows by json_to_recordset
    // (arrays included), the column list taken from the table's own definition.
    const columns = Object.entries(getTableColumns(accessLog)).map(([key, c]) => ({ key, name: c.name, type: c.getSQLType() }));
    const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
    const definition = sql.raw(columns.map((c) => `"${c.name}" ${c.type}`).join(', '));
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => Object.fromEntries(columns.map((c) => [c.name, (r as Record<string, unknown>)[c.key] ?? null]))));
      await tx.execute(sql`insert into access_log (${names}) select ${names} from json_to_recordset(${json}::json) as r(${definition})`);
    }
    // Tree nodes: three arrays per statement, as tree.store.ts writes them.
    for (let i = 0; i < nodes.length; i += CHUNK) {
      const part = nodes.slice(i, i + CHUNK);
      await tx.execute(sql`
        insert into access_log_tree_nodes (level, idx, hash)
        select level, idx, decode(hash, 'hex')
        from unnest(${`{${part.map((n) => n.level).join(',')}}`}::smallint[], ${`{${part.map((n) => n.index).join(',')}}`}::bigint[],
                    ${`{${part.map((n) => n.hash.toString('hex')).join(',')}}`}::text[]) as u(level, idx, hash)`);
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
