/**
 * The example's settings, all from the environment (the README lists them). Unset ones fall
 * back to the local demo, and each fallback is said aloud; a malformed one is an error.
 */
export interface PartnerSettings {
  exchangeUrl: string;
  apiKey: string;
  partnerPort: number;
  gatewayPort: number;
  caseReference: string;
}

export const partnerVariables = {
  EXCHANGE_URL: { default: 'http://localhost:4000/graphql', meaning: "the exchange's GraphQL endpoint (npm start serves it)" },
  EXCHANGE_API_KEY: { default: 'demo-partner', meaning: "the partner's exchange API key" },
  PARTNER_PORT: { default: '4001', meaning: "port of the platform's own subgraph" },
  GATEWAY_PORT: { default: '4002', meaning: 'port of the gateway (the supergraph)' },
  PARTNER_CASE_REFERENCE: { default: 'ONBOARDING', meaning: 'the case reference of the applicant look-up' },
} as const;

type Variable = keyof typeof partnerVariables;

export function readPartnerSettings(env: Record<string, string | undefined>): { settings: PartnerSettings | null; notes: string[]; problems: string[] } {
  const notes: string[] = [];
  const problems: string[] = [];
  const read = (name: Variable) => {
    const value = env[name]?.trim();
    if (value) return value;
    notes.push(`${name} is not set: using ${partnerVariables[name].default} (${partnerVariables[name].meaning})`);
    return partnerVariables[name].default;
  };
  const port = (name: Variable) => {
    const value = read(name);
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 65535) problems.push(`${name} must be a port number from 1 to 65535, not "${value}"`);
    return n;
  };
  const exchangeUrl = read('EXCHANGE_URL');
  try {
    if (!/^https?:$/.test(new URL(exchangeUrl).protocol)) throw new Error('protocol');
  } catch {
    problems.push(`EXCHANGE_URL must be an http(s) URL such as ${partnerVariables.EXCHANGE_URL.default}, not "${exchangeUrl}"`);
  }
  const settings = { exchangeUrl, apiKey: read('EXCHANGE_API_KEY'), partnerPort: port('PARTNER_PORT'), gatewayPort: port('GATEWAY_PORT'), caseReference: read('PARTNER_CASE_REFERENCE') };
  return { settings: problems.length ? null : settings, notes, problems };
}
