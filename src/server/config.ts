import path from 'node:path';

/** Settings read once from the environment. */
export const config = {
  port: Number(process.env.PORT ?? 4000),
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: path.resolve(process.env.DATA_DIR ?? '.data'),
  production: process.env.NODE_ENV === 'production',
};
