/**
 * The offline verifier's own implementation of the published formats. It imports nothing
 * from the server (src/): a reader checks the log with code written against the RFCs, not
 * with the code under audit.
 *   - RFC 9162 section 2.1: Merkle tree hash, inclusion and consistency proof verification.
 *   - C2SP signed-note (Ed25519), tlog-checkpoint, tlog-cosignature (cosignature/v1).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';

export const sha256 = (...parts: (Buffer | string)[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
export const leafHash = (leaf: Buffer | string) => sha256(Buffer.from([0]), leaf);
export const nodeHash = (l: Buffer, r: Buffer) => sha256(Buffer.from([1]), l, r);

/**
 * The right edge of a growing tree: complete subtree hashes, largest first. Appending a
 * leaf merges equal-sized subtrees; the root folds them from the right (RFC 9162 MTH).
 */
export class Frontier {
  constructor(
    public size = 0,
    private readonly hashes: Buffer[] = [],
  ) {}

  /** The frontier as the export's first line gives it (hashes largest subtree first). */
  static of(size: number, hashes: Buffer[]): Frontier {
    const expected = [...size.toString(2)].filter((b) => b === '1').length;
    if (hashes.length !== expected) throw new Error(`a frontier of size ${size} has ${expected} hashes, not ${hashes.length}`);
    return new Frontier(size, [...hashes]);
  }

  push(leaf: Buffer): void {
    let h = leaf;
    let n = this.size;
    while (n % 2 === 1) {
      h = nodeHash(this.hashes.pop()!, h);
      n = Math.floor(n / 2);
    }
    this.hashes.push(h);
    this.size += 1;
  }

  root(): Buffer {
    if (this.hashes.length === 0) return sha256();
    let r = this.hashes.at(-1)!;
    for (let i = this.hashes.length - 2; i >= 0; i--) r = nodeHash(this.hashes[i]!, r);
    return r;
  }
}

const isPow2 = (n: number) => n > 0 && Number.isInteger(Math.log2(n));
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 2.1.3.2: the root an inclusion proof leads to, or null if the proof is malformed. */
export function inclusionRoot(index: number, size: number, leaf: Buffer, proof: Buffer[]): Buffer | null {
  if (index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 2.1.4.2. */
export function consistent(size1: number, size2: number, root1: Buffer, root2: Buffer, proof: Buffer[]): boolean {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPow2(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}

// ---- C2SP signed notes ----------------------------------------------------------------------

const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const keyHash = (name: string, type: number, pub: Buffer) => sha256(name, '\n', Buffer.from([type]), pub).subarray(0, 4);
const publicOf = (seed: Buffer) =>
  createPublicKey(createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' }).subarray(SPKI.length);

export interface VerifierKey {
  name: string;
  id: Buffer;
  type: number;
  publicKey: Buffer;
}

/** "<name>+<hash hex>+<base64(type || key)>", type 0x01 (Ed25519) or 0x04 (cosignature/v1). */
export function parseVerifierKey(text: string): VerifierKey {
  const m = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!m) throw new Error('not a note verifier key');
  const bytes = Buffer.from(m[3]!, 'base64');
  if (bytes.length !== 33 || (bytes[0] !== 1 && bytes[0] !== 4)) throw new Error('not an Ed25519 verifier key');
  const id = keyHash(m[1]!, bytes[0]!, bytes.subarray(1));
  if (id.toString('hex') !== m[2]) throw new Error('verifier key hash does not match the key');
  return { name: m[1]!, id, type: bytes[0]!, publicKey: bytes.subarray(1) };
}

export interface Signature {
  name: string;
  id: Buffer;
  bytes: Buffer;
}

export function splitNote(note: string): { text: string; signatures: Signature[] } {
  const at = note.lastIndexOf('\n\n');
  if (at < 0 || !note.endsWith('\n')) throw new Error('not a signed note');
  const signatures = note
    .slice(at + 2, -1)
    .split('\n')
    .map((line) => {
      const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      if (!m) throw new Error(`malformed signature line: ${line}`);
      const all = Buffer.from(m[2]!, 'base64');
      return { name: m[1]!, id: all.subarray(0, 4), bytes: all.subarray(4) };
    });
  return { text: note.slice(0, at + 1), signatures };
}

const spki = (pub: Buffer) => createPublicKey({ key: Buffer.concat([SPKI, pub]), format: 'der', type: 'spki' });

export function signedBy(text: string, signatures: Signature[], key: VerifierKey): boolean {
  return signatures.some((s) => key.type === 1 && s.name === key.name && s.id.equals(key.id) && s.bytes.length === 64 && verify(null, Buffer.from(text), spki(key.publicKey), s.bytes));
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  text: string;
  signatures: Signature[];
}

/** A checkpoint note whose log signature verifies under `key`; throws otherwise. */
export function openCheckpoint(note: string, key: VerifierKey): Checkpoint {
  const { text, signatures } = splitNote(note);
  if (!signedBy(text, signatures, key)) throw new Error(`the checkpoint is not signed by ${key.name}`);
  const [origin, size, root] = text.split('\n');
  if (origin !== key.name) throw new Error(`the checkpoint's origin ${origin} is not the key's name ${key.name}`);
  if (!size || !/^(0|[1-9][0-9]*)$/.test(size) || !root) throw new Error('malformed checkpoint');
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32) throw new Error('malformed checkpoint root');
  return { origin, size: Number(size), root: rootHash, text, signatures };
}

// ---- Cosignatures (witnesses) -------------------------------------------------------------

export interface WitnessKey {
  name: string;
  seed: Buffer;
}

/** The witness's private key, PRIVATE+KEY+<name>+<hash>+<base64(0x04 || seed)>. */
export function parseWitnessKey(text: string): WitnessKey {
  // The key's base64 may hold '+': only the first four '+' separate fields.
  const [, name, hash, encoded] = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim()) ?? [];
  const bytes = Buffer.from(encoded ?? '', 'base64');
  if (!name || bytes.length !== 33 || bytes[0] !== 4) throw new Error('not a witness (cosignature/v1) private key');
  if (keyHash(name, 4, publicOf(bytes.subarray(1))).toString('hex') !== hash) throw new Error('witness key hash does not match the key');
  return { name, seed: bytes.subarray(1) };
}

export function witnessKeys(name: string, seed: Buffer): { privateKey: string; verifierKey: string } {
  const pub = publicOf(seed);
  const id = keyHash(name, 4, pub).toString('hex');
  return {
    privateKey: `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([4]), seed]).toString('base64')}`,
    verifierKey: `${name}+${id}+${Buffer.concat([Buffer.from([4]), pub]).toString('base64')}`,
  };
}

const cosigned = (body: string, time: number) => Buffer.from(`cosignature/v1\ntime ${time}\n${body}`);

export function cosign(body: string, key: WitnessKey, time = Math.floor(Date.now() / 1000)): string {
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(time));
  const sig = sign(null, cosigned(body, time), createPrivateKey({ key: Buffer.concat([PKCS8, key.seed]), format: 'der', type: 'pkcs8' }));
  return `\u2014 ${key.name} ${Buffer.concat([keyHash(key.name, 4, publicOf(key.seed)), stamp, sig]).toString('base64')}`;
}

export function cosignedBy(checkpoint: Checkpoint, key: VerifierKey): boolean {
  return checkpoint.signatures.some(
    (s) => key.type === 4 && s.name === key.name && s.id.equals(key.id) && s.bytes.length === 72 && verify(null, cosigned(checkpoint.text, Number(s.bytes.readBigUInt64BE(0))), spki(key.publicKey), s.bytes.subarray(8)),
  );
}
