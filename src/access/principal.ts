import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiKeys, organisations, principalKind, principals } from './access.tables.js';

/** The kinds of principal, as the database's enum lists them. */
export type PrincipalKind = (typeof principalKind.enumValues)[number];

/** Who is calling, resolved from the API key once per request. */
export interface Principal {
  id: number;
  kind: PrincipalKind;
  name: string;
  organisationId: number | null;
  organisationName: string | null;
  /** For a subject: the person they are. */
  personId: string | null;
  /** For a furnisher: the one source it may furnish for. */
  sourceId: number | null;
  apiKeyId: number;
}

/** Keys are random secrets, so one SHA-256 round is enough to store them safely. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(): string {
  return `cx_${randomBytes(24).toString('base64url')}`;
}

/** Reads the bearer token of an Authorization header; anything else is no key. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S{1,200})$/i.exec(header.trim());
  return m ? m[1]! : null;
}

export async function authenticate(db: Db, key: string): Promise<Principal | null> {
  const rows = await db
    .select({
      id: principals.id,
      kind: principals.kind,
      name: principals.name,
      organisationId: principals.organisationId,
      organisationName: organisations.name,
      personId: principals.personId,
      sourceId: organisations.sourceId,
      apiKeyId: apiKeys.id,
    })
    .from(apiKeys)
    .innerJoin(principals, eq(principals.id, apiKeys.principalId))
    .leftJoin(organisations, eq(organisations.id, principals.organisationId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows[0] ?? null;
}
