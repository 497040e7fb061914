import { createHash } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { accessLogHead } from '../access-log.tables.js';
import { checkpointCosignatures, transparencyCheckpoints } from './transparency.tables.js';
import { storedRoot } from './tree.store.js';
import {
  checkpointBody,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signerKeyOfSeed,
  signNote,
  verifierKey,
  verifyCosignature,
  witnessVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';
import { badInput, exchangeError } from '../../kernel/errors.js';

/** Origin line of the demo's checkpoints, also its key's name. */
export const DEMO_ORIGIN = 'demo.credit-exchange.invalid/access-log';
/**
 * The demo's signing key: a fixed, published seed, so demo checkpoints verify across restarts
 * and anyone can forge them. A production server refuses to start with it (server/main.ts).
 */
export const DEMO_SIGNING_KEY = signerKeyOfSeed(DEMO_ORIGIN, createHash('sha256').update('credit-exchange demo transparency key').digest());
/** The demo regulator's witness (tools/verify-log/witness.ts): trusted by the demo server only. */
export const DEMO_WITNESS_NAME = 'demo.regulator.invalid/witness';
export const DEMO_WITNESS_SEED = createHash('sha256').update('credit-exchange demo witness key').digest();

export interface TransparencySettings {
  /** C2SP note signer key (PRIVATE+KEY+name+hash+key); its name is the checkpoints' origin. */
  signingKey: string;
  /** Sign a checkpoint once this many entries are not yet covered by one... */
  checkpointEvery: number;
  /** ...and at least this often (seconds) while new entries arrive. */
  checkpointSeconds: number;
  /** Verifier keys (cosignature/v1) of the witnesses whose cosignatures the server accepts. */
  witnessKeys: string[];
}

export function transparencyFromEnv(env: NodeJS.ProcessEnv = process.env): TransparencySettings {
  const production = env.NODE_ENV === 'production';
  return {
    signingKey: env.TRANSPARENCY_SIGNING_KEY || DEMO_SIGNING_KEY,
    checkpointEvery: Number(env.TRANSPARENCY_CHECKPOINT_EVERY ?? 1000),
    checkpointSeconds: Number(env.TRANSPARENCY_CHECKPOINT_SECONDS ?? 10),
    // The demo witness key is public: trusted only outside production.
    witnessKeys: env.TRANSPARENCY_WITNESS_KEYS
      ? env.TRANSPARENCY_WITNESS_KEYS.split(/[\s,]+/).filter(Boolean)
      : production
        ? []
        : [witnessVerifierKey(DEMO_WITNESS_NAME, DEMO_WITNESS_SEED)],
  };
}

/** Why a production server must not start with these settings, or null. */
export function productionRefusal(settings: TransparencySettings): string | null {
  if (settings.signingKey === DEMO_SIGNING_KEY) return 'TRANSPARENCY_SIGNING_KEY is unset or the published demo key';
  try {
    parseSignerKey(settings.signingKey);
  } catch (err) {
    return `TRANSPARENCY_SIGNING_KEY: ${(err as Error).message}`;
  }
  return null;
}

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: string;
  note: string;
}

export async function latestCheckpoint(db: Db): Promise<StoredCheckpoint | null> {
  const [row] = await db.select().from(transparencyCheckpoints).orderBy(desc(transparencyCheckpoints.treeSize)).limit(1);
  return row ?? null;
}

export async function checkpointOfSize(db: Db, treeSize: number): Promise<StoredCheckpoint | null> {
  const [row] = await db.select().from(transparencyCheckpoints).where(eq(transparencyCheckpoints.treeSize, treeSize));
  return row ?? null;
}

/** The checkpoint as served: the signed note with the witnesses' cosignature lines after the log's. */
export async function servedNote(db: Db, checkpoint: StoredCheckpoint): Promise<string> {
  const cosignatures = await db
    .select({ line: checkpointCosignatures.line })
    .from(checkpointCosignatures)
    .where(eq(checkpointCosignatures.treeSize, checkpoint.treeSize))
    .orderBy(checkpointCosignatures.witness);
  return checkpoint.note + cosignatures.map((c) => `${c.line}\n`).join('');
}

/**
 * Signs checkpoints of the access log: after every `checkpointEvery` entries this process
 * appended, every `checkpointSeconds` when the log grew, and on demand. Processes sign
 * independently; a checkpoint is stored once per tree size (the same key signs the same
 * body to the same Ed25519 signature, so a second process's insert changes nothing).
 */
export class CheckpointSigner {
  readonly signer: NoteSigner;
  readonly witnesses: NoteVerifier[];
  private lastSize = 0;
  private signing: Promise<StoredCheckpoint | null> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    readonly settings: TransparencySettings,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.signer = parseSignerKey(settings.signingKey);
    this.witnesses = settings.witnessKeys.map(parseVerifierKey);
  }

  get origin(): string {
    return this.signer.name;
  }

  /** The verifier key of the log, in C2SP signed-note form. */
  get verifierKey(): string {
    return verifierKey(this.signer.name, this.signer.publicKey);
  }

  start(): void {
    if (this.timer || !(this.settings.checkpointSeconds > 0)) return;
    this.timer = setInterval(() => void this.sign().catch(this.onError), this.settings.checkpointSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Heard after each append: signs in the background once enough entries wait (never blocks the append). */
  appended(treeSize: number): void {
    if (treeSize - this.lastSize >= this.settings.checkpointEvery) void this.sign().catch(this.onError);
  }

  /** Signs the log as it stands, unless the latest checkpoint already covers it; one signing at a time. */
  sign(): Promise<StoredCheckpoint | null> {
    this.signing ??= this.signNow().finally(() => {
      this.signing = null;
    });
    return this.signing;
  }

  private async signNow(): Promise<StoredCheckpoint | null> {
    const [head] = await this.db.select({ seq: accessLogHead.seq }).from(accessLogHead).where(eq(accessLogHead.id, 1));
    if (!head) return null;
    const latest = await latestCheckpoint(this.db);
    if (latest && latest.treeSize >= head.seq) {
      this.lastSize = latest.treeSize;
      return latest;
    }
    // Nodes for every committed size are committed with the entries: the root is final.
    const rootHash = await storedRoot(this.db, head.seq);
    const note = signNote(checkpointBody({ origin: this.origin, treeSize: head.seq, rootHash }), this.signer);
    const row = { treeSize: head.seq, rootHash: rootHash.toString('base64'), note, signedAt: new Date() };
    await this.db.insert(transparencyCheckpoints).values(row).onConflictDoNothing();
    this.lastSize = head.seq;
    return (await checkpointOfSize(this.db, head.seq)) ?? row;
  }

  /** The latest checkpoint, signing the first one if the log has none yet. */
  async latest(): Promise<StoredCheckpoint | null> {
    return (await latestCheckpoint(this.db)) ?? (await this.sign());
  }

  /**
   * Stores a witness's cosignature of a stored checkpoint, after checking it with the
   * witness's configured key. The witness has checked consistency itself before signing.
   */
  async addCosignature(treeSize: number, line: string): Promise<{ treeSize: number; witness: string }> {
    const checkpoint = await checkpointOfSize(this.db, treeSize);
    if (!checkpoint) throw exchangeError('NOT_FOUND', `No checkpoint of tree size ${treeSize}`, { argument: 'treeSize' });
    let signature;
    try {
      [signature] = openNote(`x\n\n${line.trim()}\n`).signatures;
    } catch {
      throw badInput('The cosignature is not a signature line ("— <witness> <base64>")', { argument: 'cosignature' });
    }
    const witness = this.witnesses.find((w) => w.name === signature!.name && w.keyId.equals(signature!.keyId));
    if (!witness) throw exchangeError('FORBIDDEN', `${signature!.name} is not a witness this log accepts`, { reason: 'UNKNOWN_WITNESS' });
    const body = openNote(checkpoint.note).text;
    if (!verifyCosignature(body, signature!, witness)) throw badInput('The cosignature does not verify for this checkpoint', { argument: 'cosignature' });
    await this.db
      .insert(checkpointCosignatures)
      .values({ treeSize, witness: witness.name, line: signature!.line, receivedAt: new Date() })
      .onConflictDoNothing();
    const [stored] = await this.db
      .select()
      .from(checkpointCosignatures)
      .where(and(eq(checkpointCosignatures.treeSize, treeSize), eq(checkpointCosignatures.witness, witness.name)));
    return { treeSize, witness: stored!.witness };
  }
}

/** The signer each database's server uses, so resolvers reach it without a context field. */
const signers = new WeakMap<Db, CheckpointSigner>();

export function useCheckpointSigner(db: Db, signer: CheckpointSigner): void {
  signers.set(db, signer);
}

/** The server's signer for this database (one from the environment when none was registered). */
export function checkpointSignerOf(db: Db): CheckpointSigner {
  let signer = signers.get(db);
  if (!signer) {
    signer = new CheckpointSigner(db, transparencyFromEnv());
    signers.set(db, signer);
  }
  return signer;
}
