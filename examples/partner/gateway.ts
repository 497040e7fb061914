import type { IncomingHttpHeaders } from 'node:http';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { parse, type GraphQLSchema } from 'graphql';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** What the exchange needs from every federated request (see docs/federation.md). */
export const exchangeHeaders = ['authorization', 'x-exchange-purpose', 'x-exchange-case-reference', 'x-exchange-as-of', 'x-exchange-consent'] as const;

interface GatewayContext {
  headers: IncomingHttpHeaders;
}

/** Composes subgraph SDLs into a supergraph with @apollo/composition; throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/**
 * Passes the caller's exchange key and declared purpose on to the exchange only: the other
 * subgraphs never see the key. With `apiKey`, the gateway uses its own key instead of the caller's.
 */
class ExchangeDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly apiKey?: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const headers = (context as Partial<GatewayContext>).headers ?? {};
    for (const name of exchangeHeaders) {
      const value = headers[name];
      if (typeof value === 'string') request.http?.headers.set(name, value);
    }
    if (this.apiKey) request.http?.headers.set('authorization', `Bearer ${this.apiKey}`);
  }
}

export interface PartnerGatewayOptions {
  exchange: SubgraphSource;
  partner: SubgraphSource;
  /** The partner's exchange key held by the gateway; without it the caller's Authorization is forwarded. */
  exchangeApiKey?: string;
  host?: string;
  port?: number;
}

export async function startPartnerGateway(options: PartnerGatewayOptions) {
  const gateway = new ApolloGateway({
    supergraphSdl: composeSupergraph([options.exchange, options.partner]),
    buildService: ({ name, url }) =>
      name === options.exchange.name ? new ExchangeDataSource(url!, options.exchangeApiKey) : new RemoteGraphQLDataSource({ url }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway, introspection: true });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
    context: async ({ req }) => ({ headers: req.headers }),
  });
  return { url, stop: () => server.stop() };
}

/** Serves a subgraph schema on its own port (the partner subgraph in this example). */
export async function startSubgraph(schema: GraphQLSchema, host = '127.0.0.1', port = 0) {
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { host, port } });
  return { url, stop: () => server.stop() };
}
