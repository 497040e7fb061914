import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { authenticate, bearerToken } from '../access/principal.js';
import { Ingestion, type IngestOptions } from './ingestion.service.js';
import { furnisherOf } from './furnisher.js';

/** A line longer than this is rejected unread: no single record comes near it. */
const MAX_LINE_BYTES = 1 << 20;

type Line = { number: number; text: string } | { number: number; tooLong: true };

/**
 * The lines of a byte stream, split as the bytes arrive: only the line being read is held,
 * never the whole body. Awaiting each line pauses the socket (backpressure). An over-long
 * line is skipped to its end and reported, and the lines after it are read as usual.
 */
export async function* ndjsonLines(body: AsyncIterable<Buffer>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let number = 0;
  const take = (last: Buffer): Line => {
    number++;
    if (tooLong) return { number, tooLong: true };
    const bytes = pending.length === 0 ? last : Buffer.concat([...pending, last]);
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    return { number, text };
  };
  for await (const chunk of body) {
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      tooLong ||= pendingBytes + piece.length > maxLineBytes;
      yield take(piece);
      pending = [];
      pendingBytes = 0;
      tooLong = false;
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) continue;
    if (tooLong || pendingBytes + rest.length > maxLineBytes) {
      tooLong = true;
      pending = [];
      pendingBytes = 0;
    } else {
      pending.push(rest);
      pendingBytes += rest.length;
    }
  }
  if (tooLong || pendingBytes > 0) yield take(Buffer.alloc(0));
}

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * POST /ingest: a furnisher streams NDJSON, one record a line, for its own source. The answer
 * is a JSON report: the counts and every rejected line with its reason. No body parser runs
 * on this path, so no body size limit applies: the body is read line by line.
 */
export function mountIngest(app: Express, database: Database, logger: Logger, options: IngestOptions = {}): void {
  app.post('/ingest', async (req: Request, res: Response) => {
    const key = bearerToken(req.headers.authorization);
    const principal = key ? await authenticate(database.db, key) : null;
    if (!principal) {
      res.status(401).set('connection', 'close').json(errorBody('UNAUTHENTICATED', 'A valid API key is required (Authorization: Bearer <key>)'));
      return;
    }
    const furnisher = await furnisherOf(database.db, principal);
    if (!furnisher) {
      res.status(403).set('connection', 'close').json(errorBody('FORBIDDEN', 'Only a furnisher of a data source may submit records'));
      return;
    }
    const log = logger.child({ requestId: (req as unknown as { id: string }).id, principalId: principal.id, sourceId: furnisher.sourceId });
    const ingestion = new Ingestion(database.db, furnisher, options);
    try {
      for await (const line of ndjsonLines(req)) {
        if ('tooLong' in line) {
          ingestion.reject(line.number, `line is longer than ${MAX_LINE_BYTES} bytes`);
          continue;
        }
        if (line.text.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line.text);
        } catch (err) {
          ingestion.reject(line.number, `line is not valid JSON (${(err as Error).message})`);
          continue;
        }
        await ingestion.add(line.number, value);
      }
    } catch (err) {
      // The client went away mid-stream (or a batch failed): what committed stays committed,
      // and rerunning the file is safe because ingestion is idempotent.
      await ingestion.abandon();
      const aborted = req.destroyed || (err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as Error).message === 'aborted';
      log.warn({ err: { message: (err as Error).message } }, aborted ? 'ingest stream aborted by the client' : 'ingest failed');
      if (!res.headersSent && !res.destroyed) {
        res.status(500).set('connection', 'close').json(errorBody('INTERNAL_SERVER_ERROR', 'Ingestion stopped; records already reported committed are stored, rerun the file'));
      }
      return;
    }
    try {
      const report = await ingestion.finish();
      log.info({ counts: report.counts }, 'ingest finished');
      res.json({ counts: report.counts, rejected: report.rejected, rejectionsTruncated: report.rejectionsTruncated });
    } catch (err) {
      log.error({ err: { message: (err as Error).message } }, 'ingest failed');
      res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'Ingestion stopped on a storage error; rerun the file (ingestion is idempotent)'));
    }
  });
}
