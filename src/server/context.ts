import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.js';
import type { Principal } from '../access/principal.js';
import { RequestLoaders } from './loaders.js';

/** Everything one GraphQL request carries; built fresh for every request. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  database: Database;
  db: Db;
  loaders: RequestLoaders;
  log: Logger;
}

export function createRequestContext(args: {
  requestId: string;
  principal: Principal;
  database: Database;
  log: Logger;
}): RequestContext {
  return {
    ...args,
    db: args.database.db,
    loaders: new RequestLoaders(args.database.db),
  };
}
