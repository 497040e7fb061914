/**
 * npm run witness -- --server URL --api-key KEY --log-key FILE --witness-key FILE --state FILE
 * npm run witness -- --keygen NAME
 *
 * A regulator's witness: fetches the log's latest checkpoint, checks its signature, checks it
 * is consistent with the last checkpoint this witness cosigned (RFC 9162 consistency proof
 * from the server, verified here), cosigns it (C2SP tlog-cosignature) and hands the
 * cosignature back; the server serves it with the checkpoint. A checkpoint that forks from or
 * rolls back the one cosigned before is refused, and the witness never signs it. Imports
 * nothing from the server (src/): see tlog.ts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cosign, openCheckpoint, parseVerifierKey, parseWitnessKey, witnessKeys, type Checkpoint } from './tlog.js';
import { checkAgainstSeen, type Report } from './verify.js';

export interface WitnessOptions {
  server: string;
  apiKey: string;
  logKey: string;
  witnessKey: string;
  /** Where the last cosigned checkpoint is kept (the witness's memory). */
  statePath: string;
}

async function graphql(o: WitnessOptions, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${o.server}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${o.apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

/** One round: returns what happened; cosigns only a checkpoint consistent with the state. */
export async function witnessOnce(o: WitnessOptions): Promise<Report & { cosigned: boolean }> {
  const logKey = parseVerifierKey(o.logKey);
  const witness = parseWitnessKey(o.witnessKey);
  const note = await (await fetch(`${o.server}/transparency/checkpoint`)).text();
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(note, logKey);
  } catch (err) {
    return { ok: false, cosigned: false, treeSize: null, entries: 0, problem: { kind: 'BAD_SIGNATURE', seq: null, detail: (err as Error).message } };
  }
  const previous = existsSync(o.statePath) ? openCheckpoint(readFileSync(o.statePath, 'utf8'), logKey) : null;
  const proofs = [];
  if (previous && previous.size > 0 && previous.size < checkpoint.size) {
    const data = await graphql(o, 'query($from: Int!, $to: Int!) { accessLogConsistencyProof(from: $from, to: $to) { hashes } }', { from: previous.size, to: checkpoint.size });
    proofs.push({ from: previous.size, to: checkpoint.size, hashes: (data.accessLogConsistencyProof.hashes as string[]).map((h) => Buffer.from(h, 'base64')) });
  }
  const problem = previous ? checkAgainstSeen(checkpoint, [previous], () => undefined, proofs) : null;
  if (problem) return { ok: false, cosigned: false, treeSize: checkpoint.size, entries: 0, problem };
  const line = cosign(checkpoint.text, witness);
  await graphql(o, 'mutation($size: Int!, $line: String!) { cosignCheckpoint(treeSize: $size, cosignature: $line) { witness } }', { size: checkpoint.size, line });
  // Only the log's own signed note is remembered: other witnesses' lines are not this witness's word.
  writeFileSync(o.statePath, `${checkpoint.text}\n${note.slice(checkpoint.text.length + 1).split('\n').find((l) => l.startsWith(`\u2014 ${logKey.name} `))}\n`);
  return { ok: true, cosigned: true, treeSize: checkpoint.size, entries: 0, problem: null };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      'api-key': { type: 'string' },
      'log-key': { type: 'string' },
      'witness-key': { type: 'string' },
      state: { type: 'string' },
      keygen: { type: 'string' },
    },
  });
  if (values.keygen) {
    console.log(JSON.stringify(witnessKeys(values.keygen, randomBytes(32)), null, 2));
    process.exit(0);
  }
  if (!values.server || !values['api-key'] || !values['log-key'] || !values['witness-key'] || !values.state) {
    console.error('usage: npm run witness -- --server URL --api-key KEY --log-key FILE --witness-key FILE --state FILE');
    process.exit(2);
  }
  const report = await witnessOnce({
    server: values.server,
    apiKey: values['api-key'],
    logKey: readFileSync(values['log-key'], 'utf8'),
    witnessKey: readFileSync(values['witness-key'], 'utf8'),
    statePath: values.state,
  });
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.ok ? 0 : 1);
}
