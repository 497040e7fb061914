import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { accessLog, accessLogHead } from './access-log.tables.js';
import { chainedJson, type ChainedContent } from './chain.js';
import { hashCanonicalJson } from '../db/content-hash.js';
import { appendLeaves } from './transparency/tree.store.js';
import { chargeArtefactUses } from '../access/consent-artefacts/artefact.store.js';
import { chargeConsentUses } from '../access/consent.service.js';
import { exchangeError } from '../kernel/errors.js';

/** An entry before it takes its place in the chain. */
export type PendingEntry = Omit<ChainedContent, 'seq' | 'at' | 'prevHash'>;

interface Waiting {
  entries: PendingEntry[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Appends entries to the chained access log. Requests that finish at the same time share
 * one transaction (group commit): each waits until its own entries are durable, and if the
 * transaction fails, every request in it fails, so none of them sends data. The head row,
 * locked FOR UPDATE, orders appends from several server processes into one chain.
 */
export class AccessLogAppender {
  private queue: Waiting[] = [];
  private running = false;

  /**
   * `appended` hears the log's size after each commit (the checkpoint signer counts entries
   * with it); `committed` how many requests the commit served (the group's size, for metrics).
   */
  constructor(
    private readonly db: Db,
    private readonly maxBatch = 500,
    private readonly appended?: (treeSize: number) => void,
    private readonly committed?: (requests: number) => void,
  ) {}

  append(entries: PendingEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.queue.push({ entries, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch: Waiting[] = [];
        let size = 0;
        while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0]!.entries.length <= this.maxBatch)) {
          const next = this.queue.shift()!;
          batch.push(next);
          size += next.entries.length;
        }
        try {
          const refused = await this.write(batch.map((w) => w.entries));
          this.committed?.(batch.length);
          batch.forEach((w, i) => {
            const refusal = refused.get(i);
            if (refusal) w.reject(refusal);
            else w.resolve();
          });
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Appends the requests' entries in one transaction; answers the requests refused on the way, by index. */
  private async write(requests: PendingEntry[][]): Promise<Map<number, Error>> {
    const refused = new Map<number, Error>();
    const treeSize = await this.db.transaction(async (tx) => {
      const [head] = await tx.select().from(accessLogHead).where(eq(accessLogHead.id, 1)).for('update');
      if (!head) throw new Error('access log head is missing');
      // The clock may differ between processes: never let time run backwards along the chain.
      const at = new Date(Math.max(Date.now(), head.at.getTime()));
      const entries = (await countConsentUses(tx, requests, at, refused)).flat();
      let seq = head.seq;
      let prevHash = head.hash;
      // The canonical JSON is both what the chain hashes and the entry's leaf in the Merkle tree.
      const leaves: string[] = [];
      const rows = entries.map((e) => {
        seq += 1;
        const content: ChainedContent = { ...e, seq, at, prevHash };
        const json = chainedJson(content);
        leaves.push(json);
        const hash = hashCanonicalJson(json);
        prevHash = hash;
        return { ...content, hash };
      });
      for (let i = 0; i < rows.length; i += 200) await tx.insert(accessLog).values(rows.slice(i, i + 200));
      // Leaf index = seq - 1: the tree grows in the chain's order, under the same lock.
      await appendLeaves(tx, head.seq, leaves);
      await tx.update(accessLogHead).set({ seq, hash: prevHash, at }).where(and(eq(accessLogHead.id, 1), eq(accessLogHead.seq, head.seq)));
      return seq;
    });
    this.appended?.(treeSize);
    return refused;
  }
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Each use of a consent (granted through the API, or an artefact) is counted in the
 * transaction that logs it. A request whose consent was revoked, expired or used up after its
 * gate passed (by another request, maybe on another process) discloses nothing: its entries
 * are logged as refusals and it is answered with CONSENT_REQUIRED instead of its data.
 */
async function countConsentUses(tx: Tx, requests: PendingEntry[][], at: Date, refused: Map<number, Error>): Promise<PendingEntry[][]> {
  const disclosed = (entries: PendingEntry[]) => entries.filter((e) => e.outcome === 'DISCLOSED');
  const artefactCharges = requests.map((entries) => ({ jtis: disclosed(entries).flatMap((e) => (e.consentArtefact ? [e.consentArtefact] : [])) }));
  const consentCharges = requests.map((entries) => ({ ids: disclosed(entries).flatMap((e) => (e.consentId !== null ? [e.consentId] : [])) }));
  const artefacts = artefactCharges.some((c) => c.jtis.length > 0) ? await chargeArtefactUses(tx, artefactCharges, at) : null;
  const apiConsents = consentCharges.some((c) => c.ids.length > 0) ? await chargeConsentUses(tx, consentCharges, at) : null;
  if (!artefacts && !apiConsents) return requests;
  return requests.map((entries, i) => {
    const artefact = artefacts?.[i];
    const consent = apiConsents?.[i];
    let refusal: Error | null = null;
    if (artefact && !artefact.ok) {
      refusal = exchangeError('CONSENT_REQUIRED', artefact.reason === 'REVOKED' ? 'The consent artefact was revoked' : "The consent artefact's uses are spent", { reason: artefact.reason });
    } else if (consent && !consent.ok) {
      refusal = exchangeError('CONSENT_REQUIRED', 'The consent covering this read was revoked, expired or used up while it ran', { reason: consent.reason });
    }
    if (!refusal) return entries;
    refused.set(i, refusal);
    return entries.map((e) => ({
      ...e,
      outcome: 'REFUSED',
      reason: 'CONSENT_REQUIRED',
      denied: [...new Set([...e.denied, ...e.disclosed])].sort(),
      disclosed: [],
    }));
  });
}
