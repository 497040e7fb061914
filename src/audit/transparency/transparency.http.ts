import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Database } from '../../db/client.js';
import { isDatabaseUnavailable } from '../../db/client.js';
import { authenticate, bearerToken, type Principal } from '../../access/principal.js';
import { exportLines, exportRange, wholeNumber, type ExportQuery, type ExportRange } from '../export.service.js';
import { exchangeError, unauthenticated } from '../../kernel/errors.js';
import { checkpointOfSize, servedNote, type CheckpointSigner } from './checkpoint.service.js';

/** An error in GraphQL's shape on these plain HTTP paths, with the status its code implies. */
function sendError(res: Response, err: unknown): void {
  const status: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };
  const code = err instanceof GraphQLError && typeof err.extensions.code === 'string' ? err.extensions.code : isDatabaseUnavailable(err) ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
  const message = code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : code === 'SERVICE_UNAVAILABLE' && !(err instanceof GraphQLError) ? 'The database is unavailable; retry later' : (err as Error).message;
  const extensions = err instanceof GraphQLError ? { ...err.extensions, http: undefined, code } : { code };
  res.status(status[code] ?? 500).json({ errors: [{ message, extensions }] });
}

/** Without the server's admission (rate limits on failed keys), the plain key lookup. */
async function keyOnly(database: Database, req: Request): Promise<Principal> {
  const key = bearerToken(req.headers.authorization);
  const principal = key ? await authenticate(database.db, key) : null;
  if (!principal) throw unauthenticated();
  return principal;
}

/**
 * GET /transparency/checkpoint[?size=N]: the latest signed checkpoint (or the one of size N)
 * with its witnesses' cosignatures, text/plain. GET /transparency/key: the log's verifier
 * key. Both public: they say nothing about anyone, and verifiers must reach them without a key.
 *
 * GET /audit/export?from=&to= or ?since=&until=[&treeSize=]: the regulator's NDJSON export
 * (export.service.ts), one leaf (canonical JSON) a line, streamed page by page. When the
 * range starts after entry 1, a first line {"frontier":{...}} carries the complete subtrees
 * before it; when it ends before the tree size it is checked against, a last line
 * {"consistency":{...}} proves that tree extends it, so the range alone verifies offline.
 */
export function mountTransparency(
  app: Express,
  database: Database,
  signer: CheckpointSigner,
  authenticateRequest: (req: Request) => Promise<Principal> = (req) => keyOnly(database, req),
): void {
  const db = database.db;
  app.get('/transparency/checkpoint', async (req, res) => {
    try {
      const size = wholeNumber(req.query.size, 'size');
      const checkpoint = size === null ? await signer.latest() : await checkpointOfSize(db, size);
      if (!checkpoint) throw exchangeError('NOT_FOUND', size === null ? 'No checkpoint yet' : `No checkpoint of tree size ${size}`);
      res.type('text/plain; charset=utf-8').send(await servedNote(db, checkpoint));
    } catch (err) {
      sendError(res, err);
    }
  });

  app.get('/transparency/key', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(`${signer.verifierKey}\n`);
  });

  app.get('/audit/export', async (req, res) => {
    let range: ExportRange;
    try {
      const principal = await authenticateRequest(req);
      if (principal.kind !== 'REGULATOR') throw exchangeError('FORBIDDEN', 'Only a regulator exports the access log', { reason: 'ROLE' });
      range = await exportRange(db, req.query as ExportQuery, (await signer.latest())?.treeSize ?? null);
    } catch (err) {
      sendError(res, err);
      return;
    }
    res.type('application/x-ndjson; charset=utf-8');
    res.setHeader('x-tree-size', String(range.treeSize));
    res.setHeader('x-export-range', `${range.from}-${range.to}`);
    const write = (text: string) => (res.write(text) ? Promise.resolve() : new Promise<void>((resolve) => res.once('drain', resolve)));
    try {
      for await (const chunk of exportLines(db, range)) {
        if (res.destroyed) return;
        await write(chunk);
      }
      res.end();
    } catch {
      // Headers are gone: cut the stream so the reader sees an incomplete export, not a short one.
      res.destroy();
    }
  });
}
