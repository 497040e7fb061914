import type { Request } from 'express';
import type { Database } from '../db/client.js';
import { isDatabaseUnavailable } from '../db/client.js';
import { authenticate, bearerToken, type Principal } from '../access/principal.js';
import type { AccessCache } from '../access/access-cache.js';
import { serviceUnavailable, unauthenticated } from '../kernel/errors.js';
import { RateBudget, type RateLimits } from './limits.js';

/**
 * Who is calling and whether they may call now, for /graphql and /ingest alike. Guessing keys
 * costs the guesser: an address that sent too many missing or wrong keys this minute is
 * refused (429) before its next key is even looked up.
 */
export class Admission {
  private readonly failedKeys: RateBudget;
  readonly requests: RateBudget;
  readonly ingestLoads: RateBudget;

  constructor(
    private readonly database: Database,
    limits: RateLimits,
    private readonly access?: AccessCache,
  ) {
    this.failedKeys = new RateBudget(limits.failedKeysPerAddress, 'Too many requests without a valid API key from this address; retry later');
    this.requests = new RateBudget(limits.requestsPerKey, 'Too many requests for this API key; slow down');
    this.ingestLoads = new RateBudget(limits.ingestLoadsPerKey, 'Too many loads for this API key; send fewer, larger files');
  }

  /** The caller's principal; else RATE_LIMITED (429), UNAUTHENTICATED (401) or SERVICE_UNAVAILABLE (503). */
  async authenticate(req: Request): Promise<Principal> {
    const address = addressKey(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    await this.failedKeys.check(address);
    const key = bearerToken(req.headers.authorization);
    let principal: Principal | null = null;
    try {
      principal = key ? await (this.access ? this.access.principal(key) : authenticate(this.database.db, key)) : null;
    } catch (err) {
      throw isDatabaseUnavailable(err) ? serviceUnavailable() : err;
    }
    if (principal) return principal;
    await this.failedKeys.spend(address);
    throw unauthenticated();
  }
}

/**
 * What failed keys are counted under: the IPv4 address, or for IPv6 its /64, since one client
 * usually holds a whole /64 and could otherwise rotate addresses past the limit.
 */
export function addressKey(address: string): string {
  const ip = address.split('%')[0]!;
  if (!ip.includes(':') || /^::ffff:\d/i.test(ip)) return ip;
  const [left = '', right] = ip.split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
