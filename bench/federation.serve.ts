/**
 * The partner side of the federation benchmark, in its own process: the example rental
 * subgraph and its gateway (examples/partner/). Waits for `{ exchangeUrl, applicantIds }`
 * over IPC and answers `{ gatewayUrl }` once both listen.
 */
import { readFileSync } from 'node:fs';
import { buildRentalData } from '../examples/partner/rentals.js';
import { buildPartnerSubgraph, partnerTypeDefs } from '../examples/partner/partner.subgraph.js';
import { startPartnerGateway, startSubgraph } from '../examples/partner/gateway.js';

process.once('message', async (message: { exchangeUrl: string; applicantIds: string[] }) => {
  const partner = await startSubgraph(buildPartnerSubgraph(buildRentalData(message.applicantIds)));
  const gateway = await startPartnerGateway({
    exchange: { name: 'exchange', url: message.exchangeUrl, sdl: readFileSync(new URL('../schema/subgraph.graphql', import.meta.url), 'utf8') },
    partner: { name: 'rentals', url: partner.url, sdl: partnerTypeDefs },
  });
  process.send?.({ gatewayUrl: gateway.url });
});
