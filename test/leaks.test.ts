import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/generator.js';
import { accessLog, persons } from '../src/server/tables.js';
import { recordTables } from '../src/records/index.js';
import { withdrawRecord } from '../src/furnishing/disputes/dispute.service.js';
import { retentionConfig } from '../src/records/shared/retention.config.js';

/**
 * Side paths to a fact (provenance, history, asOf, correction notices, heldBack) follow the
 * same gate, projection and log as the fields they hang off: each test reads as a narrow
 * licence would and looks for what it must not get.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const ORDINARY = demoPeople.ordinary.nationalId;
const DEBTOR = demoPeople.judgmentDebtor.nationalId;
const codes = (body: any) => (body.errors ?? []).map((e: any) => e.extensions?.code);

const read = (key: string, nationalId: string, selection: string, purpose = 'CREDIT_APPLICATION', asOf?: string) =>
  t.gql(
    `query($id: String!, $asOf: DateTime) { person(nationalId: $id, purpose: ${purpose}, caseReference: "LEAK-1", asOf: $asOf) { ${selection} } }`,
    { id: nationalId, asOf },
    key,
  );

async function personId(nationalId: string): Promise<string> {
  const [p] = await db().select({ id: persons.id }).from(persons).where(eq(persons.nationalId, nationalId));
  return p!.id;
}

/** The source ids of a person's records of one kind: identifying numbers a narrow reader must never get. */
async function sourceRecordIds(kind: keyof typeof recordTables, nationalId: string): Promise<string[]> {
  const table = recordTables[kind];
  const rows = await db().select({ id: table.sourceRecordId }).from(table).where(eq(table.personId, await personId(nationalId)));
  return rows.map((r) => r.id);
}

const entities = async (ids: string[], key: string, purpose: string, selection: string) => {
  const res = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${key}`,
      'x-exchange-purpose': purpose,
      'x-exchange-case-reference': 'LEASE-LEAK-1',
    },
    body: JSON.stringify({
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { ${selection} } } }`,
      variables: { r: ids.map((id) => ({ __typename: 'Person', id })) },
    }),
  });
  return { status: res.status, body: (await res.json()) as any };
};

describe('identifying provenance', () => {
  // Aliases and fragments reach the same fields by other names.
  const SELECTION = `
    identity { name provenance { sourceRecordId source { code } } }
    again: identity { ...idProvenance }
    transactionSummaries { month provenance { sourceRecordId } }
    courtRecords { provenance { sourceRecordId } }`;
  const FRAGMENT = `fragment idProvenance on IdentityRecord { provenance { receivedAt sourceRecordId } }`;

  it('gives a BASIC / AGGREGATE reader no source record id on any path: person, persons, aliases, fragments, entities', async () => {
    const identifying: string[] = [ORDINARY, DEBTOR];
    for (const who of [ORDINARY, DEBTOR]) {
      identifying.push(...(await sourceRecordIds('identity', who)), ...(await sourceRecordIds('transactionMonth', who)));
    }
    expect(identifying.some((id) => id !== ORDINARY && id.includes(ORDINARY))).toBe(true); // the registry's id embeds the national ID

    const single = await t.gql(
      `query($id: String!) { person(nationalId: $id, purpose: CREDIT_APPLICATION, caseReference: "LEAK-1") { ${SELECTION} } } ${FRAGMENT}`,
      { id: ORDINARY },
      'demo-scorer-coarse',
    );
    const batch = await t.gql(
      `query($ids: [String!]!) { persons(nationalIds: $ids, purpose: CREDIT_APPLICATION, caseReference: "LEAK-1") { ${SELECTION} } } ${FRAGMENT}`,
      { ids: [ORDINARY, DEBTOR] },
      'demo-scorer-coarse',
    );
    // The partner names the debtor by national ID; ordinary it reaches only by stable id (correction notices rely on it).
    const partner = await t.gql(
      `query($id: String!) { person(nationalId: $id, purpose: TENANCY, caseReference: "LEASE-1") { ${SELECTION} } } ${FRAGMENT}`,
      { id: DEBTOR },
      'demo-partner',
    );
    const entity = await entities([await personId(ORDINARY)], 'demo-partner', 'TENANCY', `identity { name provenance { sourceRecordId } } transactionSummaries { provenance { sourceRecordId } }`);

    for (const res of [single, batch, partner, entity]) {
      const text = JSON.stringify(res.body.data);
      expect(res.body.data).toBeTruthy();
      expect(text).toContain('provenance'); // the rest of provenance still answers
      for (const id of identifying) expect(text).not.toContain(id);
      const denied = (res.body.errors ?? []).filter((e: any) => e.path.at(-1) === 'sourceRecordId');
      expect(denied.length).toBeGreaterThan(0);
      expect(denied.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    }
    expect(single.body.data.person.identity.provenance.source.code).toBe('identity-registry');
  });

  it('still gives the source record id to a reader granted the record at full precision', async () => {
    const res = await read('demo-scorer-full', ORDINARY, 'identity { provenance { sourceRecordId } } transactionSummaries { provenance { sourceRecordId } }');
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.person.identity.provenance.sourceRecordId).toContain(ORDINARY);
    expect(res.body.data.person.transactionSummaries[0].provenance.sourceRecordId).toBeTruthy();
  });
});

describe('history under the reader’s view', () => {
  const NOT_JUDGMENTS = ['FILED', 'PENDING', 'DISMISSED'];

  it('shows a JUDGMENTS_ONLY reader no earlier FILED or PENDING version of a judged case', async () => {
    const selection = 'courtRecords { caseNumber status history { status provenance { recordedAt } } }';
    const full = (await read('demo-scorer-full', DEBTOR, selection)).body.data.person.courtRecords;
    const fullStatuses = full.flatMap((c: any) => c.history.map((v: any) => v.status));
    expect(fullStatuses).toEqual(expect.arrayContaining(['FILED', 'PENDING', 'JUDGMENT']));

    const coarse = await read('demo-scorer-coarse', DEBTOR, selection);
    expect(coarse.body.errors).toBeUndefined();
    const cases = coarse.body.data.person.courtRecords;
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.history.length).toBeGreaterThan(0);
      for (const v of c.history) expect(NOT_JUDGMENTS).not.toContain(v.status);
    }
    // Through the partner's federation entity too.
    const entity = await entities([await personId(DEBTOR)], 'demo-partner', 'TENANCY', 'courtRecords { history { status } }');
    const entityStatuses = entity.body.data._entities[0].courtRecords.flatMap((c: any) => c.history.map((v: any) => v.status));
    expect(entityStatuses.length).toBeGreaterThan(0);
    for (const s of entityStatuses) expect(NOT_JUDGMENTS).not.toContain(s);
  });

  it('keeps history within the consent’s lookback', async () => {
    const full = (await t.gql(`{ me { organisationId } }`, {}, 'demo-scorer-full')).body.data.me.organisationId;
    const granted = await t.gql(
      `mutation($org: Int!) { grantConsent(input: { organisationId: $org, purposes: [DEPOSIT_WAIVER], expiresAt: "2027-06-01T00:00:00Z", lookbackDays: 1 }) { id } }`,
      { org: full },
      'demo-subject',
    );
    expect(granted.body.errors).toBeUndefined();
    const selection = 'identity { history { address provenance { recordedAt supersededAt } } }';
    const wide = (await read('demo-scorer-full', ORDINARY, selection)).body.data.person.identity.history;
    const narrow = await read('demo-scorer-full', ORDINARY, selection, 'DEPOSIT_WAIVER');
    expect(narrow.body.errors).toBeUndefined();
    const reach = Date.now() - 86_400_000 - 60_000;
    const outOfReach = (v: any) => v.provenance.supersededAt !== null && Date.parse(v.provenance.supersededAt) < reach;
    expect(wide.some(outOfReach)).toBe(true); // the address change the seed plants lies further back
    const versions = narrow.body.data.person.identity.history;
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.some(outOfReach)).toBe(false);
  });
});

describe('asOf: whether a fact may be served is decided now', () => {
  it('does not bring back a record its source withdrew', async () => {
    const table = recordTables.vehicle;
    const owner = await personId(ORDINARY);
    const [vehicle] = await db().select().from(table).where(and(eq(table.personId, owner), isNull(table.supersededAt)));
    const selection = 'ownsVehicle vehicles { plateNumber provenance { sourceRecordId } history { plateNumber } }';
    const before = new Date().toISOString();
    expect((await read('demo-scorer-full', ORDINARY, selection)).body.data.person.vehicles.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 20));
    await db().transaction((tx) =>
      withdrawRecord(tx, { personId: owner, kind: 'vehicle', sourceId: vehicle!.sourceId, sourceRecordId: vehicle!.sourceRecordId, actorPrincipalId: null, reason: 'Registered in error' }, new Date()),
    );
    for (const asOf of [undefined, before]) {
      const res = await read('demo-scorer-full', ORDINARY, selection, 'CREDIT_APPLICATION', asOf);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.person.vehicles).toEqual([]);
      expect(res.body.data.person.ownsVehicle).toBe(false);
    }
    // The regulator still sees what the exchange held then.
    const oversight = await read('demo-regulator', ORDINARY, selection, 'REGULATORY_OVERSIGHT', before);
    expect(oversight.body.data.person.vehicles.map((v: any) => v.plateNumber)).toContain(vehicle!.plateNumber);
  });

  it('does not bring back a negative record past its retention period', async () => {
    const selection = 'courtRecords { caseNumber status history { status } }';
    const now = (await read('demo-regulator', DEBTOR, 'courtRecords { caseNumber status history { status provenance { recordedAt } } }', 'REGULATORY_OVERSIGHT')).body.data.person.courtRecords;
    const satisfied = now.find((c: any) => c.status === 'SATISFIED');
    const judged = satisfied.history.find((v: any) => v.status === 'JUDGMENT');
    const asOf = new Date(Date.parse(judged.provenance.recordedAt) + 1000).toISOString();
    const years = retentionConfig.negativeRecordYears;
    try {
      retentionConfig.negativeRecordYears = 3; // satisfied in January 2023: expired now
      const current = await read('demo-scorer-full', DEBTOR, selection);
      expect(current.body.data.person.courtRecords.map((c: any) => c.caseNumber)).not.toContain(satisfied.caseNumber);
      const past = await read('demo-scorer-full', DEBTOR, selection, 'CREDIT_APPLICATION', asOf);
      expect(past.body.errors).toBeUndefined();
      expect(past.body.data.person.courtRecords.map((c: any) => c.caseNumber)).not.toContain(satisfied.caseNumber);
      const regulator = await read('demo-regulator', DEBTOR, selection, 'REGULATORY_OVERSIGHT', asOf);
      expect(regulator.body.data.person.courtRecords.map((c: any) => c.caseNumber)).toContain(satisfied.caseNumber);
    } finally {
      retentionConfig.negativeRecordYears = years;
    }
  });
});

describe('correction notices', () => {
  const CORRECTIONS = `query($since: DateTime!) { corrections(since: $since, first: 100) { edges { node { change recordKind personId nationalId sourceRecordId } } } }`;
  const notices = async (key: string, since: string) => {
    const res = await t.gql(CORRECTIONS, { since }, key);
    expect(res.body.errors).toBeUndefined();
    return res.body.data.corrections.edges.map((e: any) => e.node);
  };

  it('names only records the organisation was disclosed, at the precision it was disclosed', async () => {
    const since = new Date().toISOString();
    const ordinaryId = await personId(ORDINARY);
    // What each organisation reads before the changes.
    await read('demo-scorer-coarse', ORDINARY, 'ownsProperty identity { name }');
    await read('demo-scorer-coarse', DEBTOR, 'courtRecords { status }');
    await entities([ordinaryId], 'demo-partner', 'TENANCY', 'identity { name } propertySummary { count }');
    await read('demo-scorer-full', ORDINARY, 'identity { name } properties { certificateNumber }');
    await read('demo-scorer-full', DEBTOR, 'courtRecords { status }');

    // The subject disputes the certificate and the identity record; the court withdraws a dismissed case.
    const mine = (await read('demo-subject', ORDINARY, 'identity { id } properties { id }', 'SELF_ACCESS')).body.data.person;
    const dispute = `mutation($k: FurnishedRecordKind!, $id: ID!) { disputeRecord(recordKind: $k, recordId: $id, reason: "Not mine") { id } }`;
    expect((await t.gql(dispute, { k: 'property', id: mine.properties[0].id }, 'demo-subject')).body.errors).toBeUndefined();
    expect((await t.gql(dispute, { k: 'identity', id: mine.identity.id }, 'demo-subject')).body.errors).toBeUndefined();
    const court = recordTables.court;
    const [dismissed] = await db().select().from(court).where(and(eq(court.personId, await personId(DEBTOR)), isNull(court.supersededAt), eq(court.status, 'DISMISSED')));
    await db().transaction((tx) =>
      withdrawRecord(tx, { personId: dismissed!.personId, kind: 'court', sourceId: dismissed!.sourceId, sourceRecordId: dismissed!.sourceRecordId, actorPrincipalId: null }, new Date()),
    );

    const full = await notices('demo-scorer-full', since);
    expect(full.map((n: any) => n.recordKind).sort()).toEqual(['court', 'identity', 'property']);
    expect(full.find((n: any) => n.recordKind === 'property').sourceRecordId).toBeTruthy();
    expect(full.find((n: any) => n.recordKind === 'identity')).toMatchObject({ nationalId: ORDINARY, personId: ordinaryId });

    // The coarse scorer saw a flag, a BASIC identity and judgments only.
    const coarse = await notices('demo-scorer-coarse', since);
    expect(coarse.map((n: any) => n.recordKind)).toEqual(['identity']);
    expect(coarse[0]).toMatchObject({ nationalId: ORDINARY, sourceRecordId: null });

    // The partner reached the person by stable id and saw a summary and a BASIC identity.
    const partner = await notices('demo-partner', since);
    expect(partner.map((n: any) => n.recordKind)).toEqual(['identity']);
    expect(partner[0]).toMatchObject({ personId: ordinaryId, nationalId: null, sourceRecordId: null });
    expect(JSON.stringify(partner)).not.toContain(ORDINARY);
  });
});

describe('verification summary and held-back counts', () => {
  const SUED = demoPeople.suedNotJudged.nationalId;
  const SUMMARY = 'verificationSummary { verified unverified conflicting disputed quarantined openDiscrepancyKinds } heldBack { quarantined }';
  const total = (v: any) => v.verified + v.unverified + v.conflicting + v.disputed + v.quarantined;

  it('counts only records of the kinds the reader is granted, under its views: a JUDGMENTS_ONLY reader counts no lawsuit', async () => {
    const licenceId = (await t.gql(`{ me { licence { id } } }`, {}, 'demo-partner')).body.data.me.licence.id;
    const setGrants = (grants: string) =>
      t.gql(`mutation($id: ID!) { setLicenceGrants(licenceId: $id, grants: [${grants}]) { id } }`, { id: licenceId }, 'demo-regulator');
    const base = '{ category: "identity", precision: "BASIC" }, { category: "verification", precision: "SUMMARY" }';
    const readAs = async () => {
      const res = await read('demo-partner', SUED, SUMMARY, 'TENANCY');
      expect(res.body.errors).toBeUndefined();
      return res.body.data.person.verificationSummary;
    };
    const everything = (await read('demo-regulator', SUED, SUMMARY, 'REGULATORY_OVERSIGHT')).body.data.person.verificationSummary;
    const court = await read('demo-regulator', SUED, 'courtRecords { status }', 'REGULATORY_OVERSIGHT');
    expect(court.body.data.person.courtRecords.map((c: any) => c.status)).toEqual(['PENDING']);
    try {
      expect((await setGrants(base)).body.errors).toBeUndefined();
      const identityOnly = await readAs();
      expect((await setGrants(`${base}, { category: "court", precision: "JUDGMENTS_ONLY" }`)).body.errors).toBeUndefined();
      const withJudgments = await readAs();
      expect((await setGrants(`${base}, { category: "court", precision: "ALL" }`)).body.errors).toBeUndefined();
      const withLawsuits = await readAs();
      expect(total(identityOnly)).toBeGreaterThan(0);
      expect(total(everything)).toBeGreaterThan(total(identityOnly));
      expect(total(withJudgments)).toBe(total(identityOnly)); // the pending lawsuit is not counted
      expect(total(withLawsuits)).toBe(total(identityOnly) + 1);
    } finally {
      await setGrants('{ category: "identity", precision: "BASIC" }, { category: "property", precision: "SUMMARY" }, { category: "court", precision: "JUDGMENTS_ONLY" }, { category: "transactions", precision: "AGGREGATE" }');
    }
  });
});

describe('logging what went out', () => {
  it('logs a read that disclosed only held-back counts as DISCLOSED, with the field', async () => {
    const res = await read('demo-scorer-coarse', ORDINARY, 'heldBack { quarantined byCategory { category count } }');
    expect(codes(res.body)).toEqual([]);
    expect(res.body.data.person.heldBack).toBeTruthy();
    const requestId = res.headers.get('x-request-id')!;
    const entries = await db().select().from(accessLog).where(eq(accessLog.requestId, requestId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ outcome: 'DISCLOSED', reason: null, reachedBy: 'NATIONAL_ID' });
    expect(entries[0]!.disclosed).toEqual(['Person.heldBack']);
    expect(entries[0]!.grants).toContain('court:JUDGMENTS_ONLY');
  });
});
