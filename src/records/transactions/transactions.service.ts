import type { RequestContext } from '../../kernel/context.js';
import type { ReadScope } from '../shared/record.types.js';
import { checkPageSize, decodeCursor, toPage } from '../../kernel/pagination.js';
import type { TransactionRow } from './transactions.tables.js';
import { badInput } from '../../kernel/errors.js';
import type { PaymentTransactionConnection } from './transactions.types.js';

/** The page a loader reads: the cursor decoded, the consent's lookback applied. */
export interface TransactionPageArgs {
  first: number;
  after: { occurredAt: Date; id: number } | null;
  from: Date | null;
  to: Date | null;
}

interface PageRequest {
  first: number;
  after: string | null;
  from: Date | null;
  to: Date | null;
}

function parseAfter(after: string | null | undefined): { occurredAt: Date; id: number } | null {
  if (after === null || after === undefined) return null;
  const parts = decodeCursor(after);
  const [at, id] = parts ?? [];
  const occurredAt = typeof at === 'string' ? new Date(at) : null;
  if (!occurredAt || Number.isNaN(occurredAt.getTime()) || !Number.isSafeInteger(id)) {
    throw badInput('The cursor given in "after" is not one this connection issued', { argument: 'after' });
  }
  return { occurredAt, id: id as number };
}

/**
 * The page a request for `person` reads, or a BAD_USER_INPUT naming the argument. The consent's
 * lookback bounds how far back raw transactions reach.
 */
export function transactionPageArgs(person: ReadScope, req: PageRequest): TransactionPageArgs {
  checkPageSize(req.first);
  if (req.from && req.to && req.from >= req.to) {
    throw badInput('"from" must be before "to"', { argument: 'from' });
  }
  const from = person.notBefore && (!req.from || req.from < person.notBefore) ? person.notBefore : (req.from ?? null);
  return { first: req.first, after: parseAfter(req.after), from, to: req.to ?? null };
}

/** A Relay page of a person's transactions; the same loader serves every person of a request. */
export async function transactionPage(
  ctx: RequestContext,
  person: ReadScope & { id: string },
  req: PageRequest,
): Promise<PaymentTransactionConnection> {
  const args = transactionPageArgs(person, req);
  const after = args.after;
  const rows = await ctx.loaders
    .transactionPage(person.asOf, args, person.servedOnly)
    .load(person.id)
    // Each transaction carries the reader's view, so its provenance and history follow the same rules.
    .then((page) => page.map((r) => ({ ...r, view: person })));
  // Newest first: the cursor is the (time, id) pair the page query continues below.
  const page = toPage(rows, req.first, after !== null, (node: TransactionRow) => [node.occurredAt.toISOString(), node.id]);
  return page as unknown as PaymentTransactionConnection;
}
