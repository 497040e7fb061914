import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.js';

/**
 * Everything one GraphQL request carries; built fresh for every request by the composition
 * root (src/server/context.ts). The kernel names only what every layer knows of; the server
 * adds the rest (principal, licence, loaders, the access-log recorder) by declaration
 * merging, so domains read it all without importing the server.
 */
export interface RequestContext {
  requestId: string;
  database: Database;
  db: Db;
  log: Logger;
}
