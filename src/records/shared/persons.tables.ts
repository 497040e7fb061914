import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { instant } from '../../db/instant.js';

/** One row per person; `id` is the stable, non-identifying key used everywhere else. */
export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  nationalId: text('national_id').notNull().unique(),
  createdAt: instant('created_at').notNull().defaultNow(),
});
