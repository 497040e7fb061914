import type { Database } from '../db/client.js';
import { authenticate, hashApiKey, type Principal } from './principal.js';
import { loadLicence, type LicenceView } from './licence.service.js';

/** The channel the database announces access changes on (migrations/0014_access_changes_notify.sql). */
export const ACCESS_CHANGED = 'access_changed';

const MAX_ENTRIES = 10_000;

/**
 * Principals (by key) and licences (by organisation) kept in the process between requests,
 * so a profile read does not spend two statements on who is asking. Fail closed:
 * - a trigger on every table they come from announces each change; any announcement (from
 *   this process or another) empties the cache before the next request looks;
 * - while the process is not listening (starting, connection lost) nothing is cached: every
 *   request reads the database, as without a cache;
 * - an entry read while a change was announced is not kept (the generation moved on);
 * - unknown keys are never cached (a flood of random keys cannot fill memory, a new key works at once).
 */
export class AccessCache {
  private readonly principals = new Map<string, Principal>();
  private readonly licences = new Map<number, LicenceView | null>();
  private generation = 0;
  private listening = false;
  private stop: (() => Promise<void>) | null = null;

  constructor(private readonly database: Database) {}

  /** Starts listening; without it the cache stays empty and every lookup reads the database. */
  async start(): Promise<void> {
    this.stop = await this.database.listen(ACCESS_CHANGED, {
      onNotify: () => this.invalidate(),
      onListening: () => {
        this.invalidate();
        this.listening = true;
      },
      onLost: () => {
        this.listening = false;
        this.invalidate();
      },
    });
  }

  async close(): Promise<void> {
    this.listening = false;
    this.invalidate();
    await this.stop?.();
  }

  /** Forgets everything (a change was announced, or this process changed access itself). */
  invalidate(): void {
    this.generation++;
    this.principals.clear();
    this.licences.clear();
  }

  async principal(key: string): Promise<Principal | null> {
    const hash = hashApiKey(key);
    const cached = this.principals.get(hash);
    if (cached) return cached;
    const generation = this.generation;
    const principal = await authenticate(this.database.db, key);
    if (principal) this.keep(this.principals, hash, principal, generation);
    return principal;
  }

  async licence(organisationId: number): Promise<LicenceView | null> {
    if (this.licences.has(organisationId)) return this.licences.get(organisationId)!;
    const generation = this.generation;
    const licence = await loadLicence(this.database.db, organisationId);
    this.keep(this.licences, organisationId, licence, generation);
    return licence;
  }

  private keep<K, V>(map: Map<K, V>, key: K, value: V, readAt: number): void {
    if (!this.listening || readAt !== this.generation) return;
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
    map.set(key, value);
  }
}
