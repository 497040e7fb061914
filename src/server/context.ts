import type { RequestContext } from '../kernel/context.js';
import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.js';
import type { Principal } from '../access/principal.js';
import type { LicenceView } from '../access/licence.service.js';
import type { AccessCache } from '../access/access-cache.js';
import { RequestLoaders } from './loaders.js';
import { DisclosureRecorder } from '../audit/disclosure.js';
import type { EntityRequestHeaders } from '../federation/entity-request.js';
import type { RequestReport } from './request-report.js';

export type { RequestContext } from '../kernel/context.js';

/** What a request carries beyond the kernel's part: added here, where it is built. */
declare module '../kernel/context.js' {
  interface RequestContext {
    principal: Principal;
    /** The licence of a scorer's or partner's organisation, read once per request. */
    licence: LicenceView | null;
    loaders: RequestLoaders;
    /** What this request disclosed or refused, person by person, for the access log. */
    audit: DisclosureRecorder;
    /** Federation: the purpose and case a gateway declared in x-exchange-* headers (src/federation). */
    entityRequest?: EntityRequestHeaders;
    /** What the request log line, the metrics and the trace say of this request (request-report.ts). */
    report: RequestReport;
  }
}

export async function createRequestContext(args: {
  requestId: string;
  principal: Principal;
  database: Database;
  access: AccessCache;
  log: Logger;
  entityRequest?: EntityRequestHeaders;
  report?: RequestReport;
}): Promise<RequestContext> {
  const { principal, database } = args;
  const licensee = principal.kind === 'SCORER' || principal.kind === 'PARTNER';
  const licence = licensee && principal.organisationId !== null ? await args.access.licence(principal.organisationId) : null;
  return {
    ...args,
    report: args.report ?? { route: 'graphql', codes: [], codeCounts: {} },
    licence,
    db: database.db,
    loaders: new RequestLoaders(database.db),
    audit: new DisclosureRecorder(),
  };
}
