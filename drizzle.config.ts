import { defineConfig } from 'drizzle-kit';

/**
 * drizzle-kit generate writes migrations/ from the tables; `npx drizzle-kit migrate` (or
 * `npm run migrate`, which also prepares the access log's partitions) applies them to the
 * database named by DATABASE_URL.
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/enums.ts', './src/**/*.tables.ts'],
  out: './migrations',
  ...(process.env.DATABASE_URL ? { dbCredentials: { url: process.env.DATABASE_URL } } : {}),
});
