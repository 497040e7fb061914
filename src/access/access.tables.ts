import { boolean, index, integer, pgEnum, pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from '../db/instant.js';
import { persons } from '../records/shared/persons.tables.js';
import { sources } from '../records/shared/sources.tables.js';

export const principalKind = pgEnum('principal_kind', [
  'SCORER',
  'REGULATOR',
  'PARTNER',
  'FURNISHER',
  'SUBJECT',
  'CONSENT_MANAGER',
]);

export const licenceStatus = pgEnum('licence_status', ['ACTIVE', 'SUSPENDED', 'REVOKED']);

/** A lender, scoring firm, regulator, partner platform or data source. */
export const organisations = pgTable('organisations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  kind: principalKind('kind').notNull(),
  /** The organisation's number in the company register (unified social credit code); the demo seed leaves it empty. */
  registrationNumber: text('registration_number').unique(),
  /** For a furnisher organisation: the one source it may furnish for. */
  sourceId: integer('source_id').references(() => sources.id),
  createdAt: instant('created_at').notNull().defaultNow(),
});

export const principals = pgTable('principals', {
  id: serial('id').primaryKey(),
  kind: principalKind('kind').notNull(),
  name: text('name').notNull(),
  organisationId: integer('organisation_id').references(() => organisations.id),
  /** For a subject: the person they are. */
  personId: uuid('person_id').references(() => persons.id),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: instant('created_at').notNull().defaultNow(),
});

/** API keys are stored as SHA-256 digests of high-entropy secrets; never in plain text. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: serial('id').primaryKey(),
    principalId: integer('principal_id')
      .notNull()
      .references(() => principals.id),
    keyHash: text('key_hash').notNull().unique(),
    label: text('label').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [index('api_keys_principal_idx').on(t.principalId)],
);

export const licences = pgTable('licences', {
  id: serial('id').primaryKey(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisations.id),
  status: licenceStatus('status').notNull().default('ACTIVE'),
  validFrom: instant('valid_from').notNull(),
  validTo: instant('valid_to').notNull(),
  purposes: text('purposes').array().notNull().default(sql`'{}'::text[]`),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** What a licence may see: a category of the catalogue at a precision. */
export const grants = pgTable(
  'grants',
  {
    id: serial('id').primaryKey(),
    licenceId: integer('licence_id')
      .notNull()
      .references(() => licences.id),
    category: text('category').notNull(),
    precision: text('precision').notNull(),
  },
  (t) => [index('grants_licence_idx').on(t.licenceId)],
);

/** A subject's consent for an organisation to read their data for some purposes. */
export const consents = pgTable(
  'consents',
  {
    id: serial('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    purposes: text('purposes').array().notNull(),
    /** Categories of the catalogue the consent covers; empty means every category. */
    scope: text('scope').array().notNull().default(sql`'{}'::text[]`),
    startsAt: instant('starts_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    /** How far back the disclosed data may reach, in days. */
    lookbackDays: integer('lookback_days').notNull().default(1825),
    /** How many fetches the consent allows in total. */
    maxUses: integer('max_uses').notNull().default(10),
    useCount: integer('use_count').notNull().default(0),
    lastUsedAt: instant('last_used_at'),
    revokedAt: instant('revoked_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [index('consents_person_org_idx').on(t.personId, t.organisationId)],
);
