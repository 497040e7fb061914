import { isUtf8 } from 'node:buffer';
import type { Express, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/client.js';
import type { Principal } from '../access/principal.js';
import { Ingestion, type Furnisher, type IngestionReport, type IngestOptions } from './ingestion.service.js';
import { furnisherOf } from './furnisher.js';
import { exchangeError, sendJsonError } from '../kernel/errors.js';

/** A line longer than this is rejected unread: no single record comes near it. */
const MAX_LINE_BYTES = 1 << 20;

type Line = { number: number; text: string } | { number: number; tooLong: true } | { number: number; notUtf8: true };

/**
 * Splits a byte stream into lines as the bytes arrive: only the line being read is held,
 * never the whole body. `push` returns the lines a chunk completes, `end` the last one. An
 * over-long line is skipped to its end and reported, and the lines after it are read as
 * usual. Synchronous on purpose: a million lines cost no promise each.
 */
export class NdjsonLines {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private tooLong = false;
  private number = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      this.tooLong ||= this.pendingBytes + piece.length > this.maxLineBytes;
      lines.push(this.take(piece));
      start = end + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) return lines;
    if (this.tooLong || this.pendingBytes + rest.length > this.maxLineBytes) {
      this.tooLong = true;
      this.pending = [];
      this.pendingBytes = 0;
    } else {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
    }
    return lines;
  }

  end(): Line[] {
    return this.tooLong || this.pendingBytes > 0 ? [this.take(Buffer.alloc(0))] : [];
  }

  private take(last: Buffer): Line {
    this.number++;
    const tooLong = this.tooLong;
    const bytes = this.pending.length === 0 ? last : Buffer.concat([...this.pending, last]);
    this.pending = [];
    this.pendingBytes = 0;
    this.tooLong = false;
    if (tooLong) return { number: this.number, tooLong: true };
    // toString would store U+FFFD in place of each bad byte: such a line is refused instead.
    if (!isUtf8(bytes)) return { number: this.number, notUtf8: true };
    let text = bytes.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (this.number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    return { number: this.number, text };
  }
}

/** One line into a load: a rejection, or a record (a promise when its lane must first commit a batch). */
function ingestLine(ingestion: Ingestion, line: Line): Promise<void> | void {
  if ('tooLong' in line) return ingestion.reject(line.number, `line is longer than ${MAX_LINE_BYTES} bytes`);
  if ('notUtf8' in line) return ingestion.reject(line.number, 'line is not valid UTF-8 text');
  if (line.text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch (err) {
    return ingestion.reject(line.number, `line is not valid JSON (${(err as Error).message})`);
  }
  return ingestion.add(line.number, value);
}

const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** Why a load stopped: the database went away (rerun the file once it is back), or a storage error. */
const stoppedBody = (err: unknown, message: string) =>
  isDatabaseUnavailable(err) ? errorBody('SERVICE_UNAVAILABLE', `The database is unavailable. ${message}`) : errorBody('INTERNAL_SERVER_ERROR', message);

/** A load that stopped: 503 when the database went away, else 500. */
function stopped(res: Response, err: unknown, message: string): void {
  res.status(isDatabaseUnavailable(err) ? 503 : 500).json(stoppedBody(err, message));
}

/** How often a load that asked for progress hears how far it got. */
const PROGRESS_EVERY_MS = 500;

/**
 * A client that accepts application/x-ndjson hears progress while it sends: a 200 at once,
 * then `{"progress":{received,accepted,rejected}}` lines (accepted grows as batches commit),
 * and last the answer it would otherwise get alone (the report, or `{"errors":[...]}`).
 */
const wantsProgress = (req: Request) => (req.headers.accept ?? '').includes('application/x-ndjson');

/** The progress lines of a load (see wantsProgress); `end` writes the last line. */
function startProgress(res: Response, ingestion: Ingestion): { end: (last: object) => void } {
  res.status(200).type('application/x-ndjson; charset=utf-8');
  res.flushHeaders();
  let sent = '';
  const report = () => {
    const { received, accepted, rejected } = ingestion.progress();
    const line = JSON.stringify({ progress: { received, accepted, rejected } });
    // Only news: an idle load (a slow sender) writes nothing.
    if (line !== sent && !res.destroyed) res.write(`${line}\n`);
    sent = line;
  };
  const timer = setInterval(report, PROGRESS_EVERY_MS);
  res.on('close', () => clearInterval(timer));
  return {
    end: (last) => {
      clearInterval(timer);
      if (!res.destroyed) res.end(`${JSON.stringify(last)}\n`);
    },
  };
}

/** The furnisher sending a load, within its key's budget of loads; else the refusal to answer with. */
/** Who may send a load, and how many: the server's admission step (rate limits before and after the key). */
export interface IngestAdmission {
  authenticate(req: Request): Promise<Principal>;
  ingestLoads: { spend(key: string): Promise<unknown> };
}

async function admitFurnisher(database: Database, admission: IngestAdmission, req: Request) {
  const principal = await admission.authenticate(req);
  await admission.ingestLoads.spend(String(principal.id));
  const furnisher = await furnisherOf(database.db, principal);
  if (!furnisher) throw exchangeError('FORBIDDEN', 'Only a furnisher of a data source may submit records', { http: { status: 403 } });
  return { principal, furnisher };
}

/**
 * POST /ingest: a furnisher streams NDJSON, one record a line, for its own source. The answer
 * is a JSON report: the counts and every rejected line with its reason. No body parser runs
 * on this path, so no body size limit applies: the body is read line by line.
 */
/** What the server hears of loads (metrics), and its signal to stop reading them (shutdown). */
export interface IngestHooks {
  /** Aborted when the server shuts down: a load stores what it has read and says where it stopped. */
  stopping?: AbortSignal;
  started?: (ingestion: Ingestion) => void;
  ended?: (ingestion: Ingestion, sourceId: number, counts: IngestionReport['counts'] | null) => void;
}

export function mountIngest(app: Express, database: Database, logger: Logger, admission: IngestAdmission, options: IngestOptions = {}, hooks: IngestHooks = {}): void {
  app.post('/ingest', async (req: Request, res: Response) => {
    let caller: { principal: Principal; furnisher: Furnisher };
    try {
      caller = await admitFurnisher(database, admission, req);
    } catch (refusal) {
      // The body is not read: close the connection rather than drain a file nobody will store.
      res.set('connection', 'close');
      sendJsonError(res, refusal);
      return;
    }
    const { principal, furnisher } = caller;
    const log = logger.child({ requestId: (req as unknown as { id: string }).id, principalId: principal.id, sourceId: furnisher.sourceId });
    const ingestion = new Ingestion(database.db, furnisher, options);
    let finished: IngestionReport['counts'] | null = null;
    hooks.started?.(ingestion);
    const progress = wantsProgress(req) ? startProgress(res, ingestion) : null;
    /** The answer: alone with its status, or as the last line after the progress lines. */
    const reply = (status: number, body: object) => (progress ? progress.end(body) : res.status(status).json(body));
    res.on('close', () => hooks.ended?.(ingestion, furnisher.sourceId, finished));
    // Lines read and handed to the load: on a shutdown, the load ends after the last of them.
    let linesRead = 0;
    let complete = false;
    try {
      const splitter = new NdjsonLines();
      // Not destroyed on an early stop: the answer still has to go out on this connection.
      const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
      const stop = hooks.stopping;
      const stopSignal = new Promise<'stop'>((resolve) => (stop?.aborted ? resolve('stop') : stop?.addEventListener('abort', () => resolve('stop'), { once: true })));
      for (;;) {
        const next = await Promise.race([chunks.next(), stopSignal]);
        if (next === 'stop') break;
        if (next.done) {
          complete = true;
          break;
        }
        for (const line of splitter.push(next.value)) {
          const waiting = ingestLine(ingestion, line);
          if (waiting) await waiting;
          linesRead = line.number;
        }
      }
      if (complete) for (const line of splitter.end()) await ingestLine(ingestion, line);
    } catch (err) {
      // The client went away mid-stream (or a batch failed): what committed stays committed,
      // and rerunning the file is safe because ingestion is idempotent.
      await ingestion.abandon();
      const aborted = req.destroyed || (err as Error).message === 'aborted';
      log.warn({ err: { message: (err as Error).message } }, aborted ? 'ingest stream aborted by the client' : 'ingest failed');
      if (progress) {
        progress.end(stoppedBody(err, 'Ingestion stopped; records already reported committed are stored, rerun the file'));
      } else if (!res.headersSent && !res.destroyed) {
        res.set('connection', 'close');
        stopped(res, err, 'Ingestion stopped; records already reported committed are stored, rerun the file');
      }
      return;
    }
    try {
      const report = await ingestion.finish();
      finished = report.counts;
      if (!complete) {
        // Shutting down: every line up to linesRead is stored (or rejected); the rest was not read.
        log.info({ counts: report.counts, stoppedAfterLine: linesRead }, 'ingest stopped by the shutdown');
        if (!progress) res.set('connection', 'close').set('retry-after', '30');
        reply(503, {
          ...errorBody('SERVICE_UNAVAILABLE', `The server is shutting down: lines 1 to ${linesRead} are processed; send the rest of the file from line ${linesRead + 1} (or all of it: ingestion is idempotent)`),
          stoppedAfterLine: linesRead,
          resumeFromLine: linesRead + 1,
          counts: report.counts,
          rejected: report.rejected,
          rejectionsTruncated: report.rejectionsTruncated,
        });
        res.on('finish', () => req.destroy());
        return;
      }
      log.info({ counts: report.counts }, 'ingest finished');
      reply(200, { counts: report.counts, rejected: report.rejected, rejectionsTruncated: report.rejectionsTruncated });
    } catch (err) {
      log.error({ err: { message: (err as Error).message } }, 'ingest failed');
      const message = 'Ingestion stopped on a storage error; rerun the file (ingestion is idempotent)';
      if (progress) progress.end(stoppedBody(err, message));
      else stopped(res, err, message);
    }
  });
}
