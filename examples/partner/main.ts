/**
 * The example supergraph against a running exchange (`npm start`):
 *   npx tsx examples/partner/main.ts
 * Env: EXCHANGE_URL (http://localhost:4000/graphql), EXCHANGE_API_KEY (demo-partner),
 * PARTNER_PORT (4001), GATEWAY_PORT (4002).
 */
import { readFileSync } from 'node:fs';
import { demoPeople } from '../../src/seed/demo-people.js';
import { lookUpApplicants } from './applicants.js';
import { buildRentalData } from './rentals.js';
import { buildPartnerSubgraph, partnerTypeDefs } from './partner.subgraph.js';
import { startPartnerGateway, startSubgraph } from './gateway.js';

const exchangeUrl = process.env.EXCHANGE_URL ?? 'http://localhost:4000/graphql';
const apiKey = process.env.EXCHANGE_API_KEY ?? 'demo-partner';

const applicantIds = await lookUpApplicants(exchangeUrl, apiKey, Object.values(demoPeople).map((p) => p.nationalId), 'ONBOARDING');
const partner = await startSubgraph(buildPartnerSubgraph(buildRentalData(applicantIds)), '127.0.0.1', Number(process.env.PARTNER_PORT ?? 4001));
const gateway = await startPartnerGateway({
  exchange: { name: 'exchange', url: exchangeUrl, sdl: readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8') },
  partner: { name: 'rentals', url: partner.url, sdl: partnerTypeDefs },
  port: Number(process.env.GATEWAY_PORT ?? 4002),
});
console.log(`partner subgraph ${partner.url}, gateway ${gateway.url} (${applicantIds.length} applicants)`);
console.log(`try: curl -s ${gateway.url} -H 'content-type: application/json' -H 'authorization: Bearer ${apiKey}' \\
  -H 'x-exchange-purpose: TENANCY' -H 'x-exchange-case-reference: LEASE-1' \\
  -d '{"query":"{ tenancyApplications { id listing applicant { tenancies { address } identity { name } ownsProperty propertySummary { count } } } }"}'`);
