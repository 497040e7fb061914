import { randomUUID } from 'node:crypto';
import { CompactSign, importJWK, type JWK } from 'jose';
import type { ArtefactAlgorithm } from './artefact.verify.js';

/** The claims a consent manager signs (times in seconds since the epoch, as JWT has them). */
export interface ArtefactPayload {
  jti: string;
  iss: string | number;
  sub: string;
  aud: string | number;
  purposes: string[];
  categories?: string[];
  lookbackDays?: number;
  nbf: number;
  exp: number;
  maxUses?: number;
}

/** What a consent manager does when a subject consents: signs the artefact as a compact JWS. */
export async function signArtefact(privateJwk: Record<string, unknown>, header: { kid: string; alg: ArtefactAlgorithm }, payload: ArtefactPayload): Promise<string> {
  const key = await importJWK(privateJwk as JWK, header.alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: header.alg, kid: header.kid, typ: 'consent+jwt' }).sign(key);
}

/** A fresh artefact's claims: valid from now for `days`, with a random jti. */
export function artefactPayload(input: Omit<ArtefactPayload, 'jti' | 'nbf' | 'exp'> & { days?: number; jti?: string; now?: Date }): ArtefactPayload {
  const now = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const { days = 30, now: _now, jti, ...claims } = input;
  return { jti: jti ?? randomUUID(), nbf: now, exp: now + days * 86_400, ...claims };
}
