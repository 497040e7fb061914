import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RateLimiterMemory } from 'rate-limiter-flexible';

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
 * Requests per principal per window, in this process. Several processes each keep their
 * own budget: the load balancer's share is the per-process limit.
 */
export function createRateLimiter(points = Number(process.env.RATE_LIMIT_PER_MINUTE ?? 600)) {
  return new RateLimiterMemory({ points, duration: 60 });
}
