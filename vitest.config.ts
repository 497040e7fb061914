import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships .mjs and .js without an exports map; force one copy.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    setupFiles: ['./test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file gets its own database (PGlite in memory, or its own PostgreSQL schema),
    // but two cores are all we have: keep the worker count small.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
