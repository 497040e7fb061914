import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from '../db/instant.js';

/**
 * Changes to who may see what (licences, grants, API keys, consents) with who made them:
 * regulators read this beside the access log. Append-only.
 */
export const oversightEvents = pgTable(
  'oversight_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull().defaultNow(),
    actorPrincipalId: integer('actor_principal_id').notNull(),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('oversight_events_at_idx').on(t.at), index('oversight_events_target_idx').on(t.targetKind, t.targetId)],
);
