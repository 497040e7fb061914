/**
 * What each contender of the profile benchmark (profile.bench.ts) is asked, and how their
 * answers are compared. Every answer takes the exchange's shape (`person { ... }`), so one
 * function (`facts`) reads them all.
 */

/** The exchange's full profile, as a scorer with the full licence asks it. */
export const PROFILE = `query Profile($id: String!) {
  person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "BENCH") {
    id nationalId judgmentDebtor ownsProperty
    identity { name birthDate address phone verification provenance { source { code } recordedAt } }
    driverLicences { licenceNumber status penaltyPoints }
    propertySummary { count totalValueFen }
    properties { certificateNumber valueFen status ownerName }
    vehicles { plateNumber valueFen }
    education { institution level issuerConfirmed }
    employment { employer occupation referees { name phone } }
    creditAccounts { lender accountKind limitFen balanceFen status daysPastDue repaymentHistory { month daysPastDue } }
    transactions(first: 20) { edges { node { occurredAt amountFen direction } } pageInfo { hasNextPage } }
    transactionSummaries { month inflowFen outflowFen }
    courtRecords { caseNumber status judgmentDebtor }
  }
}`;

/**
 * The same profile from PostGraphile v4 (bench/peers/postgraphile/schema.sql): the same
 * records, their open versions (`condition: { supersededAt: null }`), the 20 newest
 * transactions, under the exchange's field names (schema.sql names the lists so).
 * PostGraphile compiles it into one SQL statement. JSON columns (referees, repayment
 * history) come whole.
 */
export const PEER_PROFILE = `query Profile($id: String!) {
  person: personByNationalId(nationalId: $id) {
    id nationalId judgmentDebtor ownsProperty
    identity { name birthDate address phone verification source { code } recordedAt }
    driverLicences(condition: { supersededAt: null }) { licenceNumber status penaltyPoints }
    propertySummary { count totalValueFen }
    properties(condition: { supersededAt: null }) { certificateNumber valueFen status ownerName }
    vehicles(condition: { supersededAt: null }) { plateNumber valueFen }
    education(condition: { supersededAt: null }) { institution level issuerConfirmed }
    employment(condition: { supersededAt: null }) { employer occupation referees }
    creditAccounts(condition: { supersededAt: null }) {
      lender accountKind limitFen balanceFen status daysPastDue repaymentHistory
    }
    transactions: transactionsConnection(first: 20, orderBy: [OCCURRED_AT_DESC, ID_DESC], condition: { supersededAt: null }) {
      edges { node { occurredAt amountFen direction } } pageInfo { hasNextPage }
    }
    transactionSummaries(condition: { supersededAt: null }) { month inflowFen outflowFen }
    courtRecords(condition: { supersededAt: null }) { caseNumber status judgmentDebtor }
  }
}`;

const open = (alias: string) => `${alias}.person_id = p.id and ${alias}.superseded_at is null`;
const list = (select: string, from: string, alias: string, extra = '') =>
  `coalesce((select json_agg(${select} order by ${alias}.id) from ${from} ${alias} where ${open(alias)} ${extra}), '[]'::json)`;

/**
 * The one-statement floor: the whole profile built as one JSON document by PostgreSQL, in the
 * exchange's shape, over the same tables and filters (open versions; the identity registry's
 * identity first; judgment debtor from a court's own record; transferred property out of the
 * summary; the 20 newest transactions and whether more follow). Returned as text: a server
 * would pass it on without parsing it.
 */
export const ONE_STATEMENT_PROFILE = `select json_build_object(
  'id', p.id,
  'nationalId', p.national_id,
  'judgmentDebtor', exists (select 1 from court_records c join sources s on s.id = c.source_id
    where ${open('c')} and s.kind = 'COURT' and c.status = 'JUDGMENT' and c.judgment_debtor),
  'ownsProperty', exists (select 1 from property_certificates x where ${open('x')} and x.status <> 'TRANSFERRED'),
  'identity', (select json_build_object('name', i.name, 'birthDate', i.birth_date, 'address', i.address, 'phone', i.phone,
      'verification', i.verification, 'provenance', json_build_object('source', json_build_object('code', s.code), 'recordedAt', i.recorded_at))
    from identity_records i join sources s on s.id = i.source_id where ${open('i')}
    order by s.kind = 'IDENTITY_REGISTRY' desc, i.recorded_at desc, i.id limit 1),
  'driverLicences', ${list(`json_build_object('licenceNumber', d.licence_number, 'status', d.status, 'penaltyPoints', d.penalty_points)`, 'driver_licences', 'd')},
  'propertySummary', (select json_build_object('count', count(*), 'totalValueFen', coalesce(sum(x.value_fen), 0))
    from property_certificates x where ${open('x')} and x.status <> 'TRANSFERRED'),
  'properties', ${list(`json_build_object('certificateNumber', x.certificate_number, 'valueFen', x.value_fen, 'status', x.status, 'ownerName', x.owner_name)`, 'property_certificates', 'x')},
  'vehicles', ${list(`json_build_object('plateNumber', v.plate_number, 'valueFen', v.value_fen)`, 'vehicle_registrations', 'v')},
  'education', ${list(`json_build_object('institution', e.institution, 'level', e.level, 'issuerConfirmed', e.issuer_confirmed)`, 'education_records', 'e')},
  'employment', ${list(
    `json_build_object('employer', w.employer, 'occupation', w.occupation, 'referees',
      (select coalesce(json_agg(json_build_object('name', r->>'name', 'phone', r->>'phone')), '[]'::json) from jsonb_array_elements(w.referees) r))`,
    'employment_records',
    'w',
  )},
  'creditAccounts', ${list(
    `json_build_object('lender', a.lender, 'accountKind', a.account_kind, 'limitFen', a.limit_fen, 'balanceFen', a.balance_fen,
      'status', a.status, 'daysPastDue', a.days_past_due, 'repaymentHistory',
      (select coalesce(json_agg(json_build_object('month', h->>'month', 'daysPastDue', (h->>'daysPastDue')::int)), '[]'::json)
        from jsonb_array_elements(a.repayment_history) h))`,
    'credit_accounts',
    'a',
  )},
  'transactions', (select json_build_object(
      'edges', coalesce(json_agg(json_build_object('node', json_build_object('occurredAt', t.occurred_at, 'amountFen', t.amount_fen, 'direction', t.direction))
        order by t.occurred_at desc, t.id desc) filter (where t.n <= 20), '[]'::json),
      'pageInfo', json_build_object('hasNextPage', count(*) > 20))
    from (select id, occurred_at, amount_fen, direction, row_number() over (order by occurred_at desc, id desc) as n
      from payment_transactions t where ${open('t')} order by occurred_at desc, id desc limit 21) t),
  'transactionSummaries', ${list(`json_build_object('month', m.month, 'inflowFen', m.inflow_fen, 'outflowFen', m.outflow_fen)`, 'transaction_months', 'm')},
  'courtRecords', ${list(`json_build_object('caseNumber', c.case_number, 'status', c.status, 'judgmentDebtor', c.judgment_debtor)`, 'court_records', 'c')}
)::text as person
from persons p where p.national_id = $1`;

/** The record tables the many-statement floor reads, one statement each, with the profile field each feeds. */
export const FLOOR_TABLES = {
  identity_records: 'identity',
  driver_licences: 'driverLicences',
  property_certificates: 'properties',
  vehicle_registrations: 'vehicles',
  education_records: 'education',
  employment_records: 'employment',
  credit_accounts: 'creditAccounts',
  transaction_months: 'transactionSummaries',
  court_records: 'courtRecords',
} as const;

/** A profile answer in the exchange's shape (only what `facts` reads). */
export type ProfileAnswer = Record<string, unknown>;

/**
 * The facts of one answer that every contender must agree on: how many records of each kind,
 * the flags, the summary count, the transaction page. A fact a contender does not compute
 * (the many-statement floor has no summary) is undefined and left out of the comparison.
 */
export function facts(a: ProfileAnswer): Record<string, number | boolean | undefined> {
  const rows = (x: unknown) => (Array.isArray(x) ? (x as Record<string, unknown>[]) : undefined);
  const nested = (x: unknown, field: string) => rows(x)?.reduce((n, r) => n + (rows(r[field])?.length ?? 0), 0);
  const tx = a.transactions as { edges?: unknown; pageInfo?: { hasNextPage?: boolean } } | undefined;
  const summary = a.propertySummary as { count?: unknown } | undefined;
  return {
    identity: a.identity === undefined ? undefined : a.identity ? 1 : 0,
    driverLicences: rows(a.driverLicences)?.length,
    properties: rows(a.properties)?.length,
    vehicles: rows(a.vehicles)?.length,
    education: rows(a.education)?.length,
    employment: rows(a.employment)?.length,
    referees: nested(a.employment, 'referees'),
    creditAccounts: rows(a.creditAccounts)?.length,
    repaymentMonths: nested(a.creditAccounts, 'repaymentHistory'),
    transactions: rows(tx?.edges)?.length,
    transactionsHasNextPage: tx?.pageInfo?.hasNextPage,
    transactionSummaries: rows(a.transactionSummaries)?.length,
    courtRecords: rows(a.courtRecords)?.length,
    propertySummaryCount: summary ? Number(summary.count) : undefined,
    ownsProperty: a.ownsProperty as boolean | undefined,
    judgmentDebtor: a.judgmentDebtor as boolean | undefined,
  };
}

/**
 * Where the answers of several contenders for one person disagree, each against the first:
 * one line per fact, naming both values. Facts a contender does not compute are skipped.
 */
export function factMismatches(answers: readonly (readonly [label: string, answer: ProfileAnswer])[]): string[] {
  const [[referenceLabel, reference], ...others] = answers.map(([label, answer]) => [label, facts(answer)] as const);
  if (!reference) return [];
  return others.flatMap(([label, f]) =>
    Object.entries(f)
      .filter(([fact, value]) => value !== undefined && reference[fact] !== undefined && value !== reference[fact])
      .map(([fact, value]) => `${fact} is ${String(reference[fact])} from ${referenceLabel} but ${String(value)} from ${label}`),
  );
}

/**
 * A profile answer is usable only when it names the person and their identity: a benchmark of
 * error answers, or of empty ones, measures nothing. Throws with the answer otherwise.
 */
export function checkedPerson(label: string, body: unknown): ProfileAnswer {
  const json = body as { data?: { person?: ProfileAnswer | null }; errors?: unknown };
  const person = json?.data?.person;
  const identity = person?.identity as { name?: unknown } | null | undefined;
  if (json?.errors || !person || typeof identity?.name !== 'string' || !identity.name || !Array.isArray((person.transactions as { edges?: unknown })?.edges)) {
    throw new Error(`${label} answered no usable profile: ${JSON.stringify(body).slice(0, 600)}`);
  }
  return person;
}
