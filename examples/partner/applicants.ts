/**
 * How the platform learns an applicant's stable id: one `persons` read at the exchange when the
 * applicant applies (itself a logged read for TENANCY, under the applicant's consent).
 */
export async function lookUpApplicants(exchangeUrl: string, apiKey: string, nationalIds: string[], caseReference: string): Promise<string[]> {
  let res: Response;
  try {
    res = await fetch(exchangeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        query: 'query Applicants($ids: [String!]!, $case: String!) { persons(nationalIds: $ids, purpose: TENANCY, caseReference: $case) { id } }',
        variables: { ids: nationalIds, case: caseReference },
      }),
    });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new Error(`cannot reach the exchange at ${exchangeUrl} (${cause}): start it with \`npm start\`, or set EXCHANGE_URL to where it runs`);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: { persons: ({ id: string } | null)[] }; errors?: { message: string; extensions?: { code?: string } }[] };
  if (!body.data) {
    const hint = res.status === 401 ? ' (check EXCHANGE_API_KEY)' : '';
    throw new Error(`applicant look-up failed: HTTP ${res.status} ${body.errors?.map((e) => `${e.extensions?.code ?? ''} ${e.message}`).join('; ') ?? ''}${hint}`);
  }
  // Applicants without consent for TENANCY stay out: the platform cannot check them.
  return body.data.persons.flatMap((p) => (p ? [p.id] : []));
}
