/**
 * How the platform learns an applicant's stable id: one `persons` read at the exchange when the
 * applicant applies (itself a logged read for TENANCY, under the applicant's consent).
 */
export async function lookUpApplicants(exchangeUrl: string, apiKey: string, nationalIds: string[], caseReference: string): Promise<string[]> {
  const res = await fetch(exchangeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({
      query: 'query Applicants($ids: [String!]!, $case: String!) { persons(nationalIds: $ids, purpose: TENANCY, caseReference: $case) { id } }',
      variables: { ids: nationalIds, case: caseReference },
    }),
  });
  const body = (await res.json()) as { data?: { persons: ({ id: string } | null)[] }; errors?: { message: string }[] };
  if (!body.data) throw new Error(`applicant look-up failed: ${body.errors?.map((e) => e.message).join('; ')}`);
  // Applicants without consent for TENANCY stay out: the platform cannot check them.
  return body.data.persons.flatMap((p) => (p ? [p.id] : []));
}
