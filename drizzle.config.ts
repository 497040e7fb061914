import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/enums.ts', './src/**/*.tables.ts'],
  out: './migrations',
});
