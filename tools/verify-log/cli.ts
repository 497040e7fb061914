/**
 * npm run verify-log -- --checkpoint FILE --key FILE (--export FILE | --proof FILE)
 *                        [--seen FILE]... [--consistency FILE] [--state FILE] [--witness-key FILE]...
 *
 * Offline verifier of the credit exchange's access log. Imports nothing from the server (src/):
 * see tlog.ts. Exit code 0 when everything checks, 1 with the first problem otherwise.
 *   --export       the regulator's NDJSON export (GET /audit/export): recomputes the root
 *   --proof        a subject's inclusion proof (JSON of accessLogInclusionProof)
 *   --seen         a checkpoint seen before: the new one must be consistent with it
 *   --consistency  a consistency proof (JSON {from,to,hashes}) when the export does not reach back
 *   --state        a file of the last checkpoint accepted: read as --seen, written on success
 *   --witness-key  a witness's verifier key whose cosignature the checkpoint must carry
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cosignedBy, openCheckpoint, parseVerifierKey, type Checkpoint } from './tlog.js';
import { checkAgainstSeen, checkpointOrProblem, verifyExportFile, verifyInclusion, type Report } from './verify.js';

const { values } = parseArgs({
  options: {
    export: { type: 'string' },
    proof: { type: 'string' },
    checkpoint: { type: 'string' },
    key: { type: 'string' },
    seen: { type: 'string', multiple: true, default: [] },
    consistency: { type: 'string' },
    state: { type: 'string' },
    'witness-key': { type: 'string', multiple: true, default: [] },
  },
});

function finish(report: Report): never {
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.ok ? 0 : 1);
}

if (!values.checkpoint || !values.key || (!values.export && !values.proof)) {
  console.error('usage: npm run verify-log -- --checkpoint FILE --key FILE (--export FILE | --proof FILE) [--seen FILE]... [--consistency FILE] [--state FILE]');
  process.exit(2);
}
const key = parseVerifierKey(readFileSync(values.key, 'utf8'));
const opened = checkpointOrProblem(readFileSync(values.checkpoint, 'utf8'), key);
if ('problem' in opened) finish(opened);
const checkpoint = opened as Checkpoint;
for (const w of values['witness-key']) {
  const witness = parseVerifierKey(readFileSync(w, 'utf8'));
  if (!cosignedBy(checkpoint, witness)) finish({ ok: false, treeSize: checkpoint.size, entries: 0, problem: { kind: 'BAD_SIGNATURE', seq: null, detail: `the checkpoint carries no valid cosignature of ${witness.name}` } });
}
const seenFiles = [...values.seen, ...(values.state && existsSync(values.state) ? [values.state] : [])];
const seen = seenFiles.map((f) => openCheckpoint(readFileSync(f, 'utf8'), key));
const proofs = values.consistency ? [JSON.parse(readFileSync(values.consistency, 'utf8'))].map((p: { from: number; to: number; hashes: string[] }) => ({ ...p, hashes: p.hashes.map((h) => Buffer.from(h, 'base64')) })) : [];

let report: Report;
if (values.export) {
  report = await verifyExportFile(values.export, checkpoint, proofs.length ? [] : seen);
  if (report.ok && proofs.length) {
    const problem = checkAgainstSeen(checkpoint, seen, () => undefined, proofs);
    if (problem) report = { ...report, ok: false, problem };
  }
} else {
  report = verifyInclusion(JSON.parse(readFileSync(values.proof!, 'utf8')), checkpoint);
  const problem = report.ok ? checkAgainstSeen(checkpoint, seen, () => undefined, proofs) : null;
  if (problem) report = { ...report, ok: false, problem };
}
if (report.ok && values.state) writeFileSync(values.state, readFileSync(values.checkpoint, 'utf8'));
finish(report);
