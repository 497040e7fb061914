/**
 * The example supergraph against a running exchange (`npm start`):
 *   npx tsx examples/partner/main.ts
 * Settings come from the environment (settings.ts; the README lists them).
 */
import { readFileSync } from 'node:fs';
import { demoPeople } from '../../src/seed/demo-people.js';
import { lookUpApplicants } from './applicants.js';
import { buildRentalData } from './rentals.js';
import { buildPartnerSubgraph, partnerTypeDefs } from './partner.subgraph.js';
import { startPartnerGateway, startSubgraph } from './gateway.js';
import { readPartnerSettings } from './settings.js';

const { settings, notes, problems } = readPartnerSettings(process.env);
for (const note of notes) console.log(note);
if (!settings) {
  for (const problem of problems) console.error(problem);
  process.exit(2);
}
const { exchangeUrl, apiKey } = settings;

let applicantIds: string[];
try {
  applicantIds = await lookUpApplicants(exchangeUrl, apiKey, Object.values(demoPeople).map((p) => p.nationalId), settings.caseReference);
} catch (err) {
  console.error(`partner example: ${(err as Error).message}`);
  process.exit(1);
}
const partner = await startSubgraph(buildPartnerSubgraph(buildRentalData(applicantIds)), '127.0.0.1', settings.partnerPort);
const gateway = await startPartnerGateway({
  exchange: { name: 'exchange', url: exchangeUrl, sdl: readFileSync(new URL('../../schema/subgraph.graphql', import.meta.url), 'utf8') },
  partner: { name: 'rentals', url: partner.url, sdl: partnerTypeDefs },
  port: settings.gatewayPort,
});
console.log(`partner subgraph ${partner.url}, gateway ${gateway.url} (${applicantIds.length} applicants)`);
console.log(`try: curl -s ${gateway.url} -H 'content-type: application/json' -H 'authorization: Bearer ${apiKey}' \\
  -H 'x-exchange-purpose: TENANCY' -H 'x-exchange-case-reference: LEASE-1' \\
  -d '{"query":"{ tenancyApplications { id listing applicant { tenancies { address } identity { name } ownsProperty propertySummary { count } } } }"}'`);
