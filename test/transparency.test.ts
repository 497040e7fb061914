import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/generator.js';
import { accessLog, checkpointCosignatures, persons } from '../src/server/tables.js';
import { checkpointSignerOf, DEMO_SIGNING_KEY, DEMO_WITNESS_NAME, DEMO_WITNESS_SEED, productionRefusal, transparencyFromEnv } from '../src/audit/transparency/checkpoint.service.js';
import { checkpointBody, parseSignerKey, signerKeyOfSeed, signNote } from '../src/audit/transparency/note.js';
import { chainedJson } from '../src/audit/chain.js';
import { hashCanonicalJson } from '../src/db/content-hash.js';
import { consistent, cosignedBy, openCheckpoint, parseVerifierKey, splitNote, witnessKeys } from '../tools/verify-log/tlog.js';
import { verifyExport, verifyInclusion } from '../tools/verify-log/verify.js';
import { witnessOnce } from '../tools/verify-log/witness.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ people: 12 });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const READ = `query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "TL") { id ownsProperty } }`;
const readPeople = async (n: number) => {
  const ids = [demoPeople.ordinary.nationalId, demoPeople.judgmentDebtor.nationalId];
  for (let i = 0; i < n; i++) expect((await t.gql(READ, { id: ids[i % 2] })).body.errors).toBeUndefined();
};
const logKey = async () => parseVerifierKey(await (await fetch(`${t.url}/transparency/key`)).text());
const checkpointNote = async () => {
  await checkpointSignerOf(db()).sign();
  const res = await fetch(`${t.url}/transparency/checkpoint`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};
const exportOf = async (query = '', key = 'demo-regulator') => fetch(`${t.url}/audit/export${query}`, { headers: { authorization: `Bearer ${key}` } });
const lines = async (res: Response) => (await res.text()).split('\n').filter(Boolean);
const code = (body: any) => body.errors?.[0]?.extensions?.code;

const PROOF = `query($seq: ID!, $size: Int!) { accessLogInclusionProof(seq: $seq, treeSize: $size) { leafIndex treeSize leaf hashes checkpoint } }`;

describe('the transparency log over the access log', () => {
  it('makes every entry a leaf in log order: its canonical JSON, the bytes the chain hash covers', async () => {
    await readPeople(5);
    const note = await checkpointNote();
    const checkpoint = openCheckpoint(note, await logKey());
    const exported = await lines(await exportOf(`?to=${checkpoint.size}`));
    const entries = await db().select().from(accessLog).orderBy(asc(accessLog.seq));
    expect(exported).toEqual(entries.slice(0, checkpoint.size).map((e) => chainedJson(e)));
    // The chain's hash is SHA-256 of the leaf: one definition for both.
    expect(entries.every((e) => hashCanonicalJson(chainedJson(e)) === e.hash)).toBe(true);
    expect(await verifyExport(exported, checkpoint)).toMatchObject({ ok: true, entries: checkpoint.size, problem: null });
    // A range after the start carries the frontier before it, and still gives the signed root.
    const tail = await lines(await exportOf(`?from=3&to=${checkpoint.size}`));
    expect(JSON.parse(tail[0]!).frontier.treeSize).toBe(2);
    expect(await verifyExport(tail, checkpoint)).toMatchObject({ ok: true, entries: checkpoint.size - 2 });
  });

  it('serves a C2SP signed checkpoint and its verifier key', async () => {
    const note = await checkpointNote();
    const [origin, size, root, blank, signature] = note.split('\n');
    expect(origin).toBe('demo.credit-exchange.invalid/access-log');
    expect(Number(size)).toBeGreaterThan(0);
    expect(Buffer.from(root!, 'base64')).toHaveLength(32);
    expect(blank).toBe('');
    expect(signature).toMatch(/^— demo\.credit-exchange\.invalid\/access-log [A-Za-z0-9+/]+=*$/);
    expect((await fetch(`${t.url}/transparency/key`)).headers.get('content-type')).toMatch(/^text\/plain/);
    // Another key does not verify it.
    const other = parseSignerKey(signerKeyOfSeed('demo.credit-exchange.invalid/access-log', Buffer.alloc(32, 7)));
    const key = await logKey();
    expect(() => openCheckpoint(signNote(splitNote(note).text, other), key)).toThrow(/not signed/);
    expect((await fetch(`${t.url}/transparency/checkpoint?size=abc`)).status).toBe(400);
    expect((await fetch(`${t.url}/transparency/checkpoint?size=999999`)).status).toBe(404);
  });

  it('gives the regulator inclusion and consistency proofs that verify against signed checkpoints', async () => {
    const first = openCheckpoint(await checkpointNote(), await logKey());
    await readPeople(3);
    const second = openCheckpoint(await checkpointNote(), await logKey());
    expect(second.size).toBeGreaterThan(first.size);
    for (const seq of [1, Math.ceil(second.size / 2), second.size]) {
      const res = await t.gql(PROOF, { seq: String(seq), size: second.size }, 'demo-regulator');
      const proof = res.body.data.accessLogInclusionProof;
      expect(proof).toMatchObject({ leafIndex: seq - 1, treeSize: second.size });
      expect(openCheckpoint(proof.checkpoint, await logKey()).root).toEqual(second.root);
      expect(verifyInclusion(proof, second)).toMatchObject({ ok: true });
    }
    const res = await t.gql(`query($a: Int!, $b: Int!) { accessLogConsistencyProof(from: $a, to: $b) { from to hashes } }`, { a: first.size, b: second.size }, 'demo-regulator');
    const hashes = res.body.data.accessLogConsistencyProof.hashes.map((h: string) => Buffer.from(h, 'base64'));
    expect(consistent(first.size, second.size, first.root, second.root, hashes)).toBe(true);
    expect(consistent(first.size, second.size, Buffer.alloc(32), second.root, hashes)).toBe(false);
  });

  it('refuses bad seqs and tree sizes with BAD_USER_INPUT', async () => {
    const size = openCheckpoint(await checkpointNote(), await logKey()).size;
    const ask = async (seq: string, treeSize: number) => code((await t.gql(PROOF, { seq, size: treeSize }, 'demo-regulator')).body);
    expect(await ask('abc', size)).toBe('BAD_USER_INPUT');
    expect(await ask('0', size)).toBe('BAD_USER_INPUT');
    expect(await ask('1', 0)).toBe('BAD_USER_INPUT');
    expect(await ask('1', 10_000_000)).toBe('BAD_USER_INPUT');
    expect(await ask(String(size), size - 1)).toBe('BAD_USER_INPUT');
    const consistency = async (a: number, b: number) => code((await t.gql(`query($a: Int!, $b: Int!) { accessLogConsistencyProof(from: $a, to: $b) { hashes } }`, { a, b }, 'demo-regulator')).body);
    expect(await consistency(size, size - 1)).toBe('BAD_USER_INPUT');
    expect(await consistency(-1, size)).toBe('BAD_USER_INPUT');
    expect(await consistency(1, 10_000_000)).toBe('BAD_USER_INPUT');
  });

  it('lets a subject prove only entries about themselves, and carries the proofs on me.accessHistory', async () => {
    await readPeople(2);
    const checkpoint = openCheckpoint(await checkpointNote(), await logKey());
    const [self] = await db().select({ id: persons.id }).from(persons).where(eq(persons.nationalId, demoPeople.ordinary.nationalId));
    const entries = await db().select().from(accessLog).orderBy(asc(accessLog.seq));
    const own = entries.filter((e) => e.subjectId === self!.id && e.seq <= checkpoint.size).at(-1)!;
    const others = entries.filter((e) => e.subjectId !== self!.id && e.seq <= checkpoint.size).at(-1)!;
    const mine = await t.gql(PROOF, { seq: String(own.seq), size: checkpoint.size }, 'demo-subject');
    expect(verifyInclusion(mine.body.data.accessLogInclusionProof, checkpoint)).toMatchObject({ ok: true });
    const theirs = await t.gql(PROOF, { seq: String(others.seq), size: checkpoint.size }, 'demo-subject');
    expect(code(theirs.body)).toBe('NOT_FOUND');
    expect(theirs.body.data?.accessLogInclusionProof ?? null).toBeNull();
    expect(code((await t.gql(PROOF, { seq: String(own.seq), size: checkpoint.size }, 'demo-scorer-full')).body)).toBe('FORBIDDEN');
    expect(code((await t.gql(`{ accessLogConsistencyProof(from: 1, to: 2) { hashes } }`, {}, 'demo-subject')).body)).toBe('FORBIDDEN');

    const history = await t.gql(`{ me { accessHistory(first: 10) { edges { node { at outcome inclusionProof { leafIndex treeSize leaf hashes checkpoint } } } } } }`, {}, 'demo-subject');
    const edges = history.body.data.me.accessHistory.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const { node } of edges) {
      const proof = node.inclusionProof;
      expect(proof).not.toBeNull();
      expect(JSON.parse(proof.leaf).subjectId).toBe(self!.id);
      const against = openCheckpoint(proof.checkpoint, await logKey());
      expect(verifyInclusion(proof, against)).toMatchObject({ ok: true });
    }
  });

  it('exports the log to the regulator only', async () => {
    expect((await exportOf('', 'demo-scorer-full')).status).toBe(403);
    expect((await fetch(`${t.url}/audit/export`)).status).toBe(401);
    const bad = await exportOf('?from=x');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect((await exportOf('?to=99999999')).status).toBe(400);
  });

  it('stores witnesses\' cosignatures and serves them; a witness refuses a checkpoint inconsistent with the one it cosigned', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'witness-'));
    const witness = {
      server: t.url,
      apiKey: 'demo-regulator',
      logKey: (await (await fetch(`${t.url}/transparency/key`)).text()),
      witnessKey: witnessKeys(DEMO_WITNESS_NAME, DEMO_WITNESS_SEED).privateKey,
      statePath: path.join(dir, 'state'),
    };
    await checkpointSignerOf(db()).sign();
    expect(await witnessOnce(witness)).toMatchObject({ ok: true, cosigned: true });
    const served = openCheckpoint(await (await fetch(`${t.url}/transparency/checkpoint`)).text(), await logKey());
    expect(cosignedBy(served, parseVerifierKey(witnessKeys(DEMO_WITNESS_NAME, DEMO_WITNESS_SEED).verifierKey))).toBe(true);

    await readPeople(3);
    await checkpointSignerOf(db()).sign();
    // The next checkpoint extends the last one: the witness checks the proof and cosigns.
    expect(await witnessOnce(witness)).toMatchObject({ ok: true, cosigned: true, treeSize: served.size + 3 });

    // The log (its key held by an operator who rewrote history) showed this witness another root at a size it cosigned.
    const signer = parseSignerKey(DEMO_SIGNING_KEY);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(witness.statePath, signNote(checkpointBody({ origin: signer.name, treeSize: served.size, rootHash: Buffer.alloc(32, 1) }), signer));
    await readPeople(1);
    const latest = await checkpointSignerOf(db()).sign();
    const before = await db().select().from(checkpointCosignatures).where(eq(checkpointCosignatures.treeSize, latest!.treeSize));
    const refused = await witnessOnce(witness);
    expect(refused).toMatchObject({ ok: false, cosigned: false, problem: { kind: 'INCONSISTENT' } });
    expect(await db().select().from(checkpointCosignatures).where(eq(checkpointCosignatures.treeSize, latest!.treeSize))).toEqual(before);
    expect(existsSync(witness.statePath)).toBe(true);

    // The server takes cosignatures only from the witnesses it trusts, and only valid ones.
    const stranger = witnessKeys('someone.invalid/witness', Buffer.alloc(32, 9));
    const { cosign, parseWitnessKey } = await import('../tools/verify-log/tlog.js');
    const body = checkpointBody({ origin: signer.name, treeSize: latest!.treeSize, rootHash: Buffer.from(latest!.rootHash, 'base64') });
    const M = `mutation($s: Int!, $c: String!) { cosignCheckpoint(treeSize: $s, cosignature: $c) { witness } }`;
    expect(code((await t.gql(M, { s: latest!.treeSize, c: cosign(body, parseWitnessKey(stranger.privateKey)) }, 'demo-regulator')).body)).toBe('FORBIDDEN');
    const wrongBody = cosign(body.replace(/\n\d+\n/, '\n1\n'), parseWitnessKey(witness.witnessKey));
    expect(code((await t.gql(M, { s: latest!.treeSize, c: wrongBody }, 'demo-regulator')).body)).toBe('BAD_USER_INPUT');
    expect(code((await t.gql(M, { s: latest!.treeSize, c: 'nonsense' }, 'demo-regulator')).body)).toBe('BAD_USER_INPUT');
    expect(code((await t.gql(M, { s: latest!.treeSize, c: cosign(body, parseWitnessKey(witness.witnessKey)) }, 'demo-scorer-full')).body)).toBe('FORBIDDEN');
  });

  it('keeps the tree, checkpoints and cosignatures append-only', async () => {
    const refusal = (statement: ReturnType<typeof sql>) =>
      db().execute(statement).then(
        () => 'done',
        (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message,
      );
    expect(await refusal(sql`update transparency_checkpoints set root_hash = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from access_log_tree_nodes`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from checkpoint_cosignatures`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate transparency_checkpoints`)).toMatch(/append-only/);
  });

  it('refuses the demo signing key in production', () => {
    expect(productionRefusal(transparencyFromEnv({ NODE_ENV: 'production' }))).toMatch(/demo key/);
    expect(productionRefusal(transparencyFromEnv({ NODE_ENV: 'production', TRANSPARENCY_SIGNING_KEY: 'PRIVATE+KEY+x+00000000+AAAA' }))).toMatch(/TRANSPARENCY_SIGNING_KEY/);
    const real = signerKeyOfSeed('exchange.example/access-log', Buffer.alloc(32, 3));
    expect(productionRefusal(transparencyFromEnv({ NODE_ENV: 'production', TRANSPARENCY_SIGNING_KEY: real }))).toBeNull();
    // The public demo witness is trusted only outside production.
    expect(transparencyFromEnv({ NODE_ENV: 'production' }).witnessKeys).toEqual([]);
  });
});
