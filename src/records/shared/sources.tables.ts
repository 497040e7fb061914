import { pgTable, serial, text } from 'drizzle-orm/pg-core';
import { sourceKind } from '../../db/enums.js';
import { instant } from '../../db/instant.js';

/** A data source that furnishes records (a registry, an employer, a lender, a court...). */
export const sources = pgTable('sources', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: sourceKind('kind').notNull(),
  createdAt: instant('created_at').notNull().defaultNow(),
});
