/**
 * npm run consent -- --subject NATIONAL_ID --grantee ORG_ID --purpose PURPOSE [options]
 *
 * Prints a consent artefact signed with the demo consent manager's published key (DEMO
 * ONLY: a production exchange refuses it). The issuer is the demo consent manager's
 * organisation id: given with --issuer, or asked of the running server with its demo key.
 */
import { commandOptions } from '../kernel/cli.js';
import { artefactPayload, signArtefact } from '../access/consent-artefacts/artefact.sign.js';
import { demoConsentManager } from './demo-consent-manager.js';

const USAGE = `usage: npm run consent -- --subject NATIONAL_ID --grantee ORG_ID --purpose PURPOSE [options]

  --subject ID        the consenting person's national ID number ("sub")
  --grantee ORG       the organisation id that may read ("aud"; its me { organisationId })
  --purpose P         a purpose, repeatable or comma-separated (CREDIT_APPLICATION, TENANCY, ...)
  --categories C,...  catalogue categories covered (default: all the licence grants)
  --lookback-days N   how far back the read may reach
  --max-uses N        how many reads it allows
  --days N            valid from now for N days (default 30)
  --jti ID            the artefact id (default: a random UUID)
  --issuer N          the demo consent manager's organisation id (default: asked of --server)
  --server URL        the running exchange (default http://localhost:$PORT or 4000)

The artefact is signed with the demo consent manager's published key: demo only.`;

const positive = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
};

async function issuerFromServer(server: string): Promise<number> {
  let res: Response;
  try {
    res = await fetch(`${server.replace(/\/$/, '')}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demoConsentManager.apiKey}` },
      body: JSON.stringify({ query: '{ me { organisationId } }' }),
    });
  } catch {
    throw new Error(`cannot reach ${server}: start the server (npm start) or give --issuer`);
  }
  const body = (await res.json()) as { data?: { me?: { organisationId?: number | null } } };
  const id = body.data?.me?.organisationId;
  if (typeof id !== 'number') throw new Error(`${server} does not know the demo consent manager (seed it with npm run seed -- --demo), or give --issuer`);
  return id;
}

async function main(): Promise<number> {
  const parsed = commandOptions({
    options: {
      subject: { type: 'string' },
      grantee: { type: 'string' },
      purpose: { type: 'string', multiple: true },
      categories: { type: 'string' },
      'lookback-days': { type: 'string' },
      'max-uses': { type: 'string' },
      days: { type: 'string' },
      jti: { type: 'string' },
      issuer: { type: 'string' },
      server: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }, USAGE);
  if (typeof parsed === 'number') return parsed;
  const args = parsed.values;
  try {
    if (!args.subject || !args.grantee || !args.purpose?.length) throw new Error('--subject, --grantee and --purpose are required');
    const grantee = positive('grantee', args.grantee)!;
    const server = args.server ?? `http://localhost:${process.env.PORT ?? 4000}`;
    const issuer = positive('issuer', args.issuer) ?? (await issuerFromServer(server));
    const payload = artefactPayload({
      iss: String(issuer),
      sub: args.subject.toUpperCase(),
      aud: grantee,
      purposes: args.purpose.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean),
      ...(args.categories ? { categories: args.categories.split(',').map((c) => c.trim()) } : {}),
      ...(args['lookback-days'] ? { lookbackDays: positive('lookback-days', args['lookback-days']) } : {}),
      ...(args['max-uses'] ? { maxUses: positive('max-uses', args['max-uses']) } : {}),
      days: positive('days', args.days) ?? 30,
      ...(args.jti ? { jti: args.jti } : {}),
    });
    console.error(`demo artefact ${payload.jti}: ${payload.sub} consents to organisation ${payload.aud} for ${payload.purposes.join(', ')} until ${new Date(payload.exp * 1000).toISOString()}`);
    console.log(await signArtefact({ ...demoConsentManager.privateJwk }, { kid: demoConsentManager.kid, alg: demoConsentManager.alg }, payload));
    return 0;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
}

main().then((code) => process.exit(code));
