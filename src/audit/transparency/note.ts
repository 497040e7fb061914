import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * C2SP signed-note with Ed25519 keys, and the C2SP tlog-checkpoint body it signs.
 *   signer key:   PRIVATE+KEY+<name>+<key hash, 8 hex>+<base64(0x01 || 32-byte seed)>
 *   verifier key: <name>+<key hash, 8 hex>+<base64(0x01 || 32-byte public key)>
 *   key hash:     first 4 bytes of SHA-256(name || "\n" || 0x01 || public key)
 *   signature:    "— <name> <base64(key hash || Ed25519 signature over the note text)>"
 * Cosignatures (C2SP tlog-cosignature, cosignature/v1) use type byte 0x04 and sign
 * "cosignature/v1\ntime <seconds>\n" followed by the checkpoint body.
 */

const ED25519 = 0x01;
const COSIGNATURE_V1 = 0x04;
/** PKCS#8 and SPKI prefixes of a raw Ed25519 key, so node:crypto takes the 32 raw bytes. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NoteSigner {
  name: string;
  keyId: Buffer;
  privateKey: KeyObject;
  publicKey: Buffer;
}

export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
  type: number;
}

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

export function keyId(name: string, type: number, publicKey: Buffer): Buffer {
  return createHash('sha256').update(name).update('\n').update(Buffer.from([type])).update(publicKey).digest().subarray(0, 4);
}

export function publicKeyOfSeed(seed: Buffer): Buffer {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

/** A signer from its C2SP key string; throws on anything malformed, so a bad key stops the server. */
export function parseSignerKey(text: string): NoteSigner {
  // The key's base64 may hold '+': split off the first four fields only.
  const m = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!m) throw new Error('not a note signer key (PRIVATE+KEY+name+hash+key)');
  const [, name, hashHex, encoded] = m as unknown as [string, string, string, string];
  const bytes = Buffer.from(encoded, 'base64');
  if (!validName(name) || bytes.length !== 33 || bytes[0] !== ED25519) throw new Error('the note signer key is not an Ed25519 key');
  const seed = bytes.subarray(1);
  const publicKey = publicKeyOfSeed(seed);
  const id = keyId(name, ED25519, publicKey);
  if (id.toString('hex') !== hashHex) throw new Error('the note signer key hash does not match its key');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { name, keyId: id, privateKey, publicKey };
}

export function signerKeyOfSeed(name: string, seed: Buffer): string {
  const id = keyId(name, ED25519, publicKeyOfSeed(seed));
  return `PRIVATE+KEY+${name}+${id.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), seed]).toString('base64')}`;
}

export function verifierKey(name: string, publicKey: Buffer, type = ED25519): string {
  return `${name}+${keyId(name, type, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

export function parseVerifierKey(text: string): NoteVerifier {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!m) throw new Error('not a note verifier key (name+hash+key)');
  const [, name, hashHex, encoded] = m as unknown as [string, string, string, string];
  const bytes = Buffer.from(encoded, 'base64');
  if (!validName(name) || bytes.length !== 33 || (bytes[0] !== ED25519 && bytes[0] !== COSIGNATURE_V1)) throw new Error('not an Ed25519 verifier key');
  const publicKey = bytes.subarray(1);
  const id = keyId(name, bytes[0]!, publicKey);
  if (id.toString('hex') !== hashHex) throw new Error('the verifier key hash does not match its key');
  return { name, keyId: id, publicKey, type: bytes[0]! };
}

const spki = (publicKey: Buffer) => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });

/** The signed note: the text (ending in a newline), a blank line, one signature line. */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends with a newline');
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey);
  return `${text}\n— ${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`;
}

export interface SignatureLine {
  name: string;
  keyId: Buffer;
  signature: Buffer;
  line: string;
}

/** Splits a signed note into its text and signature lines. */
export function openNote(note: string): { text: string; signatures: SignatureLine[] } {
  const at = note.lastIndexOf('\n\n');
  if (at < 0 || !note.endsWith('\n')) throw new Error('not a signed note');
  const text = note.slice(0, at + 1);
  const signatures = note
    .slice(at + 2, -1)
    .split('\n')
    .map((line) => {
      const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
      if (!m) throw new Error('malformed signature line');
      const bytes = Buffer.from(m[2]!, 'base64');
      return { name: m[1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4), line };
    });
  return { text, signatures };
}

export function verifyNoteSignature(text: string, s: SignatureLine, key: NoteVerifier): boolean {
  if (key.type !== ED25519 || s.name !== key.name || !s.keyId.equals(key.keyId) || s.signature.length !== 64) return false;
  return verify(null, Buffer.from(text, 'utf8'), spki(key.publicKey), s.signature);
}

// ---- Checkpoints ------------------------------------------------------------------------

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export const checkpointBody = (c: Checkpoint): string => `${c.origin}\n${c.treeSize}\n${c.rootHash.toString('base64')}\n`;

export function parseCheckpointBody(text: string): Checkpoint {
  const lines = text.split('\n');
  const [origin, size, root] = lines;
  if (!origin || !size || !/^(0|[1-9][0-9]*)$/.test(size) || !root) throw new Error('not a checkpoint');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) throw new Error('a checkpoint root is 32 bytes of base64');
  return { origin, treeSize: Number(size), rootHash };
}

// ---- Cosignatures (witnesses) -------------------------------------------------------------

const cosignedMessage = (body: string, time: number) => Buffer.from(`cosignature/v1\ntime ${time}\n${body}`, 'utf8');

export function cosignatureLine(body: string, witnessName: string, seed: Buffer, time: number): string {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const id = keyId(witnessName, COSIGNATURE_V1, publicKeyOfSeed(seed));
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(time));
  const signature = sign(null, cosignedMessage(body, time), privateKey);
  return `— ${witnessName} ${Buffer.concat([id, stamp, signature]).toString('base64')}`;
}

export function verifyCosignature(body: string, s: SignatureLine, key: NoteVerifier): boolean {
  if (key.type !== COSIGNATURE_V1 || s.name !== key.name || !s.keyId.equals(key.keyId) || s.signature.length !== 72) return false;
  const time = Number(s.signature.readBigUInt64BE(0));
  return verify(null, cosignedMessage(body, time), spki(key.publicKey), s.signature.subarray(8));
}

export const witnessVerifierKey = (name: string, seed: Buffer): string => verifierKey(name, publicKeyOfSeed(seed), COSIGNATURE_V1);
