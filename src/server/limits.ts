import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { exchangeError } from '../kernel/errors.js';

/** Query limits, checked during validation: before any resolver runs. */
export const queryLimits = {
  maxDepth: Number(process.env.QUERY_MAX_DEPTH ?? 12),
  // Values the answer is expected to hold, lists by their size (query-cost.ts, which gives the reasoning for 35000).
  maxCost: Number(process.env.QUERY_MAX_COST ?? 35_000),
  maxAliases: Number(process.env.QUERY_MAX_ALIASES ?? 15),
  maxTokens: Number(process.env.QUERY_MAX_TOKENS ?? 2_000),
  maxDirectives: 20,
  // Large enough for a 500-record submitRecords batch, small enough to refuse abuse early.
  maxBodyBytes: '256kb',
};

export function armorPlugins(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: queryLimits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    // The armor's cost ignores list sizes: query-cost.ts counts the cost instead.
    costLimit: { enabled: false },
    maxAliases: { n: queryLimits.maxAliases },
    // graphql-js counts tokens itself while parsing (parseOptions in app.ts): a syntax error
    // then stays a 400 GRAPHQL_PARSE_FAILED instead of the armor's own parse failing as a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: queryLimits.maxDirectives },
    // Field suggestions help an attacker map a schema: off in production.
    blockFieldSuggestion: { enabled: production },
  });
  return armor.protect();
}

/** The armor's rejections, and query-cost.ts's history rule, carry these words; they become QUERY_TOO_COMPLEX. */
export const LIMIT_MESSAGE = /(limit of \d+ exceeded|Token limit|contains more tha[nt] \d+ tokens|a version has no history of its own)/i;

/**
 * Rate limits, per minute and per server process (several processes each keep their own
 * budget: the load balancer's share is the per-process limit).
 */
export interface RateLimits {
  /** GraphQL requests per API key. */
  requestsPerKey: number;
  /** Requests with a missing or wrong key per client address; past it the address is refused before any key is looked up. */
  failedKeysPerAddress: number;
  /** POST /ingest loads per API key. */
  ingestLoadsPerKey: number;
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimits {
  return {
    requestsPerKey: Number(env.RATE_LIMIT_PER_MINUTE ?? 600),
    failedKeysPerAddress: Number(env.RATE_LIMIT_FAILED_KEYS_PER_MINUTE ?? 20),
    ingestLoadsPerKey: Number(env.RATE_LIMIT_INGEST_PER_MINUTE ?? 60),
  };
}

/** A budget of `points` per minute for each key (an API key's principal, or a client address). */
export class RateBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(
    private readonly points: number,
    private readonly refusal: string,
  ) {
    this.limiter = new RateLimiterMemory({ points, duration: 60 });
  }

  /** Spends one point; RATE_LIMITED (429 with Retry-After) when the budget was already spent. */
  async spend(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (rejection) {
      throw this.rateLimited(rejection as RateLimiterRes);
    }
  }

  /** RATE_LIMITED when the budget is spent, without spending: checked before work the budget protects. */
  async check(key: string): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.consumedPoints >= this.points) throw this.rateLimited(state);
  }

  private rateLimited(state: RateLimiterRes) {
    const seconds = String(Math.max(1, Math.ceil((state.msBeforeNext ?? 60_000) / 1000)));
    return exchangeError('RATE_LIMITED', this.refusal, {
      retryAfterSeconds: Number(seconds),
      http: { status: 429, headers: new Map([['retry-after', seconds]]) },
    });
  }
}
