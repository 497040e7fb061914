import { bigint, customType, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';
import { instant } from '../../db/instant.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The Merkle tree over the access log (RFC 9162), stored as its complete subtrees: the node
 * at (level, idx) is the hash of leaves [idx * 2^level, (idx + 1) * 2^level), level 0 the
 * leaf hashes. Written in the same transaction as the entries, so it always covers exactly
 * the committed log; a proof reads about 2 * log2(n) rows by primary key. Append-only.
 */
export const accessLogTreeNodes = pgTable(
  'access_log_tree_nodes',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** Signed checkpoints (C2SP tlog-checkpoint as a signed note), one per tree size. Append-only. */
export const transparencyCheckpoints = pgTable('transparency_checkpoints', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  /** Base64, as in the note. */
  rootHash: text('root_hash').notNull(),
  /** The whole signed note, byte for byte as served. */
  note: text('note').notNull(),
  signedAt: instant('signed_at').notNull(),
});

/** Witnesses' cosignatures (C2SP tlog-cosignature lines) on stored checkpoints. Append-only. */
export const checkpointCosignatures = pgTable(
  'checkpoint_cosignatures',
  {
    treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
    witness: text('witness').notNull(),
    /** The signature line, "— <witness> <base64>", appended to the note when served. */
    line: text('line').notNull(),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.treeSize, t.witness] })],
);
