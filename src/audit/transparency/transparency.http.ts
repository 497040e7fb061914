import type { Express, Request, Response } from 'express';
import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import type { Database } from '../../db/client.js';
import { isDatabaseUnavailable } from '../../db/client.js';
import { authenticate, bearerToken, type Principal } from '../../access/principal.js';
import { accessLog, accessLogHead } from '../access-log.tables.js';
import { chainedJson } from '../chain.js';
import { badInput, exchangeError, unauthenticated } from '../../kernel/errors.js';
import { frontierIds, nodeKey } from './merkle.js';
import { readNodes } from './tree.store.js';
import { checkpointOfSize, servedNote, type CheckpointSigner } from './checkpoint.service.js';

const EXPORT_PAGE = 5000;

/** An error in GraphQL's shape on these plain HTTP paths, with the status its code implies. */
function sendError(res: Response, err: unknown): void {
  const status: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, RATE_LIMITED: 429, SERVICE_UNAVAILABLE: 503 };
  const code = err instanceof GraphQLError && typeof err.extensions.code === 'string' ? err.extensions.code : isDatabaseUnavailable(err) ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
  const message = code === 'INTERNAL_SERVER_ERROR' ? 'Internal server error' : code === 'SERVICE_UNAVAILABLE' && !(err instanceof GraphQLError) ? 'The database is unavailable; retry later' : (err as Error).message;
  const extensions = err instanceof GraphQLError ? { ...err.extensions, http: undefined, code } : { code };
  res.status(status[code] ?? 500).json({ errors: [{ message, extensions }] });
}

function wholeNumber(value: unknown, argument: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !/^(0|[1-9][0-9]{0,15})$/.test(value)) throw badInput(`"${argument}" must be a whole number`, { argument });
  return Number(value);
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
 * GET /audit/export?from=&to=: the regulator's NDJSON export of entries from..to (seqs,
 * inclusive; default 1 to the latest checkpoint's size), one leaf (canonical JSON) a line,
 * streamed. When `from` > 1, a first line {"frontier":{"treeSize":from-1,"hashes":[...]}}
 * carries the complete subtrees before the range, so the range alone recomputes the root.
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
    let from: number;
    let to: number;
    try {
      const principal = await authenticateRequest(req);
      if (principal.kind !== 'REGULATOR') throw exchangeError('FORBIDDEN', 'Only a regulator exports the access log', { reason: 'ROLE' });
      const [head] = await db.select({ seq: accessLogHead.seq }).from(accessLogHead).where(eq(accessLogHead.id, 1));
      const size = head?.seq ?? 0;
      to = wholeNumber(req.query.to, 'to') ?? (await signer.latest())?.treeSize ?? size;
      from = wholeNumber(req.query.from, 'from') ?? 1;
      if (to > size) throw badInput(`"to" is past the end of the log (${size} entries)`, { argument: 'to' });
      if (from < 1 || from > to + 1) throw badInput('"from" must be from 1 to "to" + 1', { argument: 'from' });
    } catch (err) {
      sendError(res, err);
      return;
    }
    res.type('application/x-ndjson; charset=utf-8');
    res.setHeader('x-tree-size', String(to));
    const write = (text: string) => (res.write(text) ? Promise.resolve() : new Promise<void>((resolve) => res.once('drain', resolve)));
    try {
      if (from > 1) {
        const ids = frontierIds(from - 1);
        const nodes = await readNodes(db, ids);
        // Largest subtree first: the order in which the tree's root folds them.
        const hashes = ids.reverse().map((id) => nodes.get(nodeKey(id.level, id.index))!.toString('base64'));
        await write(`${JSON.stringify({ frontier: { hashes, treeSize: from - 1 } })}\n`);
      }
      for (let after = from - 1; after < to && !res.destroyed; ) {
        const page = await db
          .select()
          .from(accessLog)
          .where(and(gt(accessLog.seq, after), lte(accessLog.seq, to)))
          .orderBy(asc(accessLog.seq))
          .limit(EXPORT_PAGE);
        if (page.length === 0) break;
        await write(page.map((e) => `${chainedJson(e)}\n`).join(''));
        after = page.at(-1)!.seq;
      }
      res.end();
    } catch {
      // Headers are gone: cut the stream so the reader sees an incomplete export, not a short one.
      res.destroy();
    }
  });
}
