/**
 * The README's example queries, opened as GraphiQL tabs on a development server with the
 * demo data (test/readme.test.ts keeps the two the same). Each runs with the demo key the
 * README names for it.
 */
export interface GraphiqlExample {
  title: string;
  key: string;
  query: string;
}

export const graphiqlExamples: GraphiqlExample[] = [
  {
    title: 'A lawsuit is not a judgment',
    key: 'demo-scorer-full',
    query: `{ person(nationalId: "420111200309120246", purpose: CREDIT_APPLICATION, caseReference: "LOAN-2026-0042") {
    identity { name birthYear } judgmentDebtor
    courtRecords { caseNumber status isJudgment judgmentDebtor provenance { source { code } } } } }`,
  },
  {
    title: 'The same profile query, answered for each principal',
    key: 'demo-scorer-full',
    query: `{ person(nationalId: "110105198805170314", purpose: CREDIT_APPLICATION, caseReference: "LOAN-2026-0042") {
    identity { name birthYear address } ownsProperty propertySummary { count totalValueFen }
    properties { certificateNumber valueFen } transactionSummaries { month inflowFen outflowFen } } }`,
  },
  {
    title: 'Who saw what, and is the log intact',
    key: 'demo-regulator',
    query: `{ accessLog(first: 3) { edges { node { seq organisationName purpose outcome reason disclosed denied } } }
  verifyAccessLog { valid checked brokenAt { seq kind } } }`,
  },
  {
    title: 'Who looked at my data',
    key: 'demo-subject',
    query: `{ me { accessHistory(first: 2) { edges { node { organisationName purpose outcome categories } } } } }`,
  },
  {
    title: 'What the cross-checks found',
    key: 'demo-regulator',
    query: `{ discrepancies(first: 20, filter: { status: OPEN }) { edges { node { kind details records { recordKind } } } } }`,
  },
  {
    title: 'A conflict on the record, as a scorer sees it',
    key: 'demo-scorer-full',
    query: `{ person(nationalId: "310115198211230463", purpose: CREDIT_APPLICATION, caseReference: "LOAN-2026-0042") {
    properties { ownerName verification } verificationSummary { conflicting openDiscrepancyKinds } } }`,
  },
  {
    title: 'The findings about me',
    key: 'demo-subject',
    query: `{ me { findings { kind fields statements { recordKind recordId verification source { code } values { field value } } } } }`,
  },
  {
    title: 'Public records',
    key: 'demo-scorer-full',
    query: `{ person(nationalId: "44030419750208057X", purpose: CREDIT_APPLICATION, caseReference: "LOAN-2026-0042") {
    hasOutstandingPublicRecord publicRecords { recordType authority amountFen imposedOn status } } }`,
  },
];
