import { boolean, index, integer, jsonb, pgTable, serial, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from '../../db/instant.js';
import { organisations, principals } from '../access.tables.js';
import { persons } from '../../records/shared/persons.tables.js';

/**
 * An organisation of kind CONSENT_MANAGER, as the regulator registered it: it captures a
 * subject's consent where they apply and signs it as a consent artefact.
 */
export const consentManagers = pgTable('consent_managers', {
  organisationId: integer('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  /** A suspended consent manager's artefacts are refused (UNKNOWN_ISSUER) until it is reinstated. */
  suspendedAt: instant('suspended_at'),
  /** The demo consent manager, whose private key is published: production refuses to start while it exists. */
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** A consent manager's public signing keys (JWK), named by `kid`; a retired key verifies nothing. */
export const consentManagerKeys = pgTable(
  'consent_manager_keys',
  {
    id: serial('id').primaryKey(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kid: text('kid').notNull(),
    /** EdDSA (Ed25519, "OKP") or ES256 (P-256, "EC"). */
    alg: text('alg').notNull(),
    /** The public key only: registration refuses a JWK that carries a private part. */
    jwk: jsonb('jwk').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    retiredAt: instant('retired_at'),
  },
  (t) => [unique('consent_manager_keys_org_kid').on(t.organisationId, t.kid)],
);

/**
 * Consent artefacts the exchange has met: recorded on first use (or on a revocation that came
 * first), keyed by `jti`. The claims are copied from the verified artefact so the subject can
 * list them; the use count is raised in the same transaction as the access-log entry.
 */
export const consentArtefacts = pgTable(
  'consent_artefacts',
  {
    jti: text('jti').primaryKey(),
    issuerOrganisationId: integer('issuer_organisation_id')
      .notNull()
      .references(() => organisations.id),
    kid: text('kid'),
    /** Null for a revocation recorded before the artefact was ever presented. */
    personId: uuid('person_id').references(() => persons.id),
    granteeOrganisationId: integer('grantee_organisation_id').references(() => organisations.id),
    purposes: text('purposes').array().notNull().default(sql`'{}'::text[]`),
    /** Catalogue categories covered; null: every category the licence grants. */
    categories: text('categories').array(),
    lookbackDays: integer('lookback_days'),
    notBefore: instant('not_before'),
    expiresAt: instant('expires_at'),
    maxUses: integer('max_uses'),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: instant('last_used_at'),
    /** SHA-256 of the compact JWS: another artefact presented under the same jti is refused. */
    tokenDigest: text('token_digest'),
    recordedAt: instant('recorded_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
    revokedByPrincipalId: integer('revoked_by_principal_id').references(() => principals.id),
  },
  (t) => [
    index('consent_artefacts_person_idx').on(t.personId, t.recordedAt),
    index('consent_artefacts_grantee_person_idx').on(t.granteeOrganisationId, t.personId),
  ],
);
