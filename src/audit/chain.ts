import { canonicalJson, hashCanonicalJson } from '../db/content-hash.js';

/** The hash the chain starts from (the head row holds it before the first entry). */
export const GENESIS_HASH = '0'.repeat(64);

/** The content of an entry that its hash covers: every column except the hash itself. */
export interface ChainedContent {
  seq: number;
  at: Date;
  requestId: string;
  principalId: number;
  organisationId: number | null;
  licenceId: number | null;
  purpose: string | null;
  caseReference: string | null;
  consentId: number | null;
  subjectId: string | null;
  outcome: string;
  reason: string | null;
  disclosed: string[];
  denied: string[];
  /** Absent from the hashed content when null, so entries written before it existed still verify. */
  grants?: string[] | null;
  reachedBy?: string | null;
  /** The consent artefact (jti) the disclosure rested on; absent when null, like grants and reachedBy. */
  consentArtefact?: string | null;
  operationName: string | null;
  operationHash: string;
  prevHash: string;
}

/**
 * The RFC 8785 canonical JSON of the entry (the previous hash included): what its chain hash
 * covers, and byte for byte its leaf in the transparency log's Merkle tree.
 */
export function chainedJson(e: ChainedContent): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at.toISOString(),
    requestId: e.requestId,
    principalId: e.principalId,
    organisationId: e.organisationId,
    licenceId: e.licenceId,
    purpose: e.purpose,
    caseReference: e.caseReference,
    consentId: e.consentId,
    subjectId: e.subjectId,
    outcome: e.outcome,
    reason: e.reason,
    disclosed: e.disclosed,
    denied: e.denied,
    ...(e.grants ? { grants: e.grants } : {}),
    ...(e.reachedBy ? { reachedBy: e.reachedBy } : {}),
    ...(e.consentArtefact ? { consentArtefact: e.consentArtefact } : {}),
    operationName: e.operationName,
    operationHash: e.operationHash,
    prevHash: e.prevHash,
  });
}

/** SHA-256 over the entry's canonical JSON (chainedJson). */
export const entryHash = (e: ChainedContent): string => hashCanonicalJson(chainedJson(e));
