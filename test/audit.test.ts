import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { asInsider } from './helpers/tamper.js';
import { demoPeople } from '../src/seed/generator.js';
import { accessLog, accessLogHead, persons } from '../src/server/tables.js';
import { verifyAccessLog } from '../src/audit/verify.service.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ people: 40 });
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.testDb.database.db;
const personId = async (nationalId: string) => (await db().select().from(persons).where(eq(persons.nationalId, nationalId)))[0]!.id;
const entriesOf = (requestId: string) => db().select().from(accessLog).where(eq(accessLog.requestId, requestId)).orderBy(asc(accessLog.seq));

/** Enough sockets for the load test without overflowing the server's accept queue. */
const agent = new Agent({ connections: 128 });

/** A GraphQL call with a chosen request id, so its log entries can be found. */
async function call(query: string, variables: Record<string, unknown>, key: string, requestId: string = randomUUID()) {
  const res = await undiciFetch(`${t.url}/graphql`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-request-id': requestId } as Record<string, string>,
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as any, requestId };
}

const Q = `query Credit($id: String!, $p: Purpose!) { person(nationalId: $id, purpose: $p, caseReference: "APP-77") {
  id ownsProperty properties { certificateNumber } identity { name address } transactionSummaries { month } } }`;

describe('every disclosure is logged', () => {
  it('logs one entry per person with exactly the fields disclosed and denied', async () => {
    const full = await call(Q, { id: demoPeople.ordinary.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-scorer-full');
    const [entry] = await entriesOf(full.requestId);
    expect(entry).toMatchObject({
      subjectId: await personId(demoPeople.ordinary.nationalId),
      outcome: 'DISCLOSED',
      purpose: 'CREDIT_APPLICATION',
      caseReference: 'APP-77',
      operationName: 'Credit',
      disclosed: ['IdentityRecord.address', 'Person.id', 'Person.identity', 'Person.ownsProperty', 'Person.properties', 'Person.transactionSummaries'],
      denied: [],
    });
    expect(entry!.consentId).toEqual(expect.any(Number));
    expect(entry!.licenceId).toEqual(expect.any(Number));
    expect(entry!.operationHash).toMatch(/^[0-9a-f]{64}$/);

    const coarse = await call(Q, { id: demoPeople.ordinary.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-scorer-coarse');
    const [c] = await entriesOf(coarse.requestId);
    expect(c!.disclosed).toEqual(['Person.id', 'Person.identity', 'Person.ownsProperty', 'Person.transactionSummaries']);
    expect(c!.denied).toEqual(['IdentityRecord.address', 'Person.properties']);
  });

  it('logs refused attempts: missing consent, inactive licence, unknown person, wrong role', async () => {
    const noConsent = await call(Q, { id: demoPeople.suedNotJudged.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-scorer-coarse');
    expect(noConsent.body.errors[0].extensions.code).toBe('CONSENT_REQUIRED');
    expect(await entriesOf(noConsent.requestId)).toMatchObject([
      { subjectId: await personId(demoPeople.suedNotJudged.nationalId), outcome: 'REFUSED', reason: 'CONSENT_REQUIRED', disclosed: [] },
    ]);
    const inactive = await call(Q, { id: demoPeople.ordinary.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-scorer-suspended');
    expect(await entriesOf(inactive.requestId)).toMatchObject([
      { subjectId: await personId(demoPeople.ordinary.nationalId), outcome: 'REFUSED', reason: 'LICENCE_INACTIVE' },
    ]);
    const unknown = await call(Q, { id: '11010519491231002X', p: 'ACCOUNT_REVIEW' }, 'demo-scorer-full');
    expect(await entriesOf(unknown.requestId)).toMatchObject([{ subjectId: null, outcome: 'REFUSED', reason: 'NOT_FOUND' }]);
    const furnisher = await call(Q, { id: demoPeople.ordinary.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-furnisher-court-system');
    expect(await entriesOf(furnisher.requestId)).toMatchObject([{ outcome: 'REFUSED', reason: 'FORBIDDEN', denied: ['Query.person'] }]);
  });

  it('logs a subject reading their own profile like everything else', async () => {
    const self = await call(`{ me { person { id properties { certificateNumber } } } }`, {}, 'demo-subject');
    expect(await entriesOf(self.requestId)).toMatchObject([{ purpose: 'SELF_ACCESS', outcome: 'DISCLOSED', disclosed: ['Person.id', 'Person.properties'] }]);
  });
});

describe('fail closed', () => {
  it('sends no personal data when the log cannot be written, and the chain stays whole', async () => {
    const db0 = db();
    await db0.execute(sql.raw(`create function refuse_for_test() returns trigger language plpgsql as $$ begin raise exception 'log storage failure'; end $$`));
    await db0.execute(sql.raw(`create trigger fail_log_for_test before insert on access_log for each row execute function refuse_for_test()`));
    const [headBefore] = await db0.select().from(accessLogHead);
    try {
      const res = await call(Q, { id: demoPeople.ordinary.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-scorer-full');
      expect(res.status).toBe(503);
      expect(res.body.data).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain(demoPeople.ordinary.name);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'ACCESS_LOG_UNAVAILABLE' });
      expect(await entriesOf(res.requestId)).toEqual([]);
    } finally {
      await db0.execute(sql.raw(`drop trigger fail_log_for_test on access_log`));
      await db0.execute(sql.raw(`drop function refuse_for_test()`));
    }
    expect((await db0.select().from(accessLogHead))[0]).toEqual(headBefore);
    const after = await call(Q, { id: demoPeople.ordinary.nationalId, p: 'CREDIT_APPLICATION' }, 'demo-scorer-full');
    expect(after.body.data.person.identity.name).toBe(demoPeople.ordinary.name);
    expect((await verifyAccessLog(db0, null, null)).valid).toBe(true);
  });
});

describe('under load nothing is lost', () => {
  it('1,000 concurrent profile requests: responses and log entries match one for one', async () => {
    const ids = (await db().select({ nationalId: persons.nationalId }).from(persons)).map((p) => p.nationalId);
    const keys = ['demo-scorer-full', 'demo-scorer-coarse'];
    const requests = Array.from({ length: 1000 }, (_, i) => ({
      key: keys[i % 2]!,
      id: ids[i % ids.length]!,
      requestId: `load-${i}-${randomUUID()}`,
    }));
    const responses = await Promise.all(requests.map((r) => call(Q, { id: r.id, p: 'CREDIT_APPLICATION' }, r.key, r.requestId)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const logged = await db().select().from(accessLog).where(inArray(accessLog.requestId, requests.map((r) => r.requestId)));
    expect(logged).toHaveLength(1000);
    const byRequest = new Map(logged.map((e) => [e.requestId, e]));
    const personIds = new Map((await db().select().from(persons)).map((p) => [p.nationalId, p.id]));
    let disclosedPeople = 0;
    for (const [i, res] of responses.entries()) {
      const entry = byRequest.get(requests[i]!.requestId)!;
      expect(entry.subjectId).toBe(personIds.get(requests[i]!.id));
      const person = res.body.data?.person;
      if (person) {
        disclosedPeople++;
        expect(entry.outcome).toBe('DISCLOSED');
        // Every top-level field that came back with data is in the entry, and nothing else.
        const sent = Object.entries(person).filter(([, v]) => v !== null).map(([k]) => `Person.${k}`).sort();
        expect(entry.disclosed.filter((c) => c.startsWith('Person.'))).toEqual(sent);
      } else {
        expect(entry.outcome).toBe('REFUSED');
      }
    }
    expect(disclosedPeople).toBeGreaterThan(900);
    expect((await verifyAccessLog(db(), null, null)).valid).toBe(true);
  }, 180_000);
});

describe('tamper evidence', () => {
  it('the database refuses UPDATE and DELETE of log entries', async () => {
    const refusal = async (statement: string) => {
      try {
        await db().execute(sql.raw(statement));
        return 'accepted';
      } catch (err) {
        // drizzle wraps the database's error: its cause carries the trigger's message.
        return String((err as { cause?: Error }).cause?.message ?? err);
      }
    };
    const before = await db().select().from(accessLog).orderBy(asc(accessLog.seq));
    expect(await refusal(`update access_log set purpose = 'TENANCY'`)).toMatch(/append-only/);
    expect(await refusal(`delete from access_log`)).toMatch(/append-only/);
    expect(await db().select().from(accessLog).orderBy(asc(accessLog.seq))).toEqual(before);
  });

  it('verification finds an edited, a deleted and a reordered entry', async () => {
    expect(await verifyAccessLog(db(), null, null)).toMatchObject({ valid: true, brokenAt: null });
    const [a, b] = await db().select().from(accessLog).orderBy(asc(accessLog.seq)).limit(2).offset(5);

    // Edit: someone rewrites which request an entry belongs to.
    await asInsider(t.testDb, `update access_log set request_id = 'someone-else' where seq = ${a!.seq}`);
    expect((await verifyAccessLog(db(), null, null)).brokenAt).toMatchObject({ seq: a!.seq, kind: 'HASH_MISMATCH' });
    await asInsider(t.testDb, `update access_log set request_id = '${a!.requestId}' where seq = ${a!.seq}`);
    expect((await verifyAccessLog(db(), null, null)).valid).toBe(true);

    // Delete: an entry vanishes.
    await asInsider(t.testDb, `delete from access_log where seq = ${b!.seq}`);
    expect((await verifyAccessLog(db(), null, null)).brokenAt).toMatchObject({ seq: b!.seq, kind: 'MISSING_ENTRY' });
    await db().insert(accessLog).values(b!);
    expect((await verifyAccessLog(db(), null, null)).valid).toBe(true);

    // Reorder: two entries swap places in the sequence.
    await asInsider(t.testDb, `update access_log set seq = -1 where seq = ${a!.seq}; update access_log set seq = ${a!.seq} where seq = ${b!.seq}; update access_log set seq = ${b!.seq} where seq = -1`);
    const reordered = await verifyAccessLog(db(), null, null);
    expect(reordered.valid).toBe(false);
    expect(reordered.brokenAt!.seq).toBe(a!.seq);
    await asInsider(t.testDb, `update access_log set seq = -1 where seq = ${b!.seq}; update access_log set seq = ${b!.seq} where seq = ${a!.seq}; update access_log set seq = ${a!.seq} where seq = -1`);

    // The regulator's query reports the same.
    const res = await call(`{ verifyAccessLog { valid checked brokenAt { seq kind } } }`, {}, 'demo-regulator');
    expect(res.body.data.verifyAccessLog.valid).toBe(true);
    expect(res.body.data.verifyAccessLog.checked).toBeGreaterThan(1000);
  });

  it('a deletion at the end of the log is found through the chain head', async () => {
    const [last] = await db().select().from(accessLog).orderBy(sql`seq desc`).limit(1);
    await asInsider(t.testDb, `delete from access_log where seq = ${last!.seq}`);
    expect((await verifyAccessLog(db(), null, null)).brokenAt).toMatchObject({ kind: 'MISSING_ENTRY' });
    await db().insert(accessLog).values(last!);
    expect((await verifyAccessLog(db(), null, null)).valid).toBe(true);
  });
});

describe('regulator oversight', () => {
  const LOG = `query($f: AccessLogFilter, $after: String) { accessLog(filter: $f, first: 5, after: $after) {
    edges { node { seq organisationName subjectId purpose outcome reason disclosed denied } } pageInfo { hasNextPage endCursor } } }`;

  it('filters the log by field coordinate, subject, denial and time, newest first, page by page', async () => {
    const props = await call(LOG, { f: { disclosedField: 'Person.properties' } }, 'demo-regulator');
    const nodes = props.body.data.accessLog.edges.map((e: any) => e.node);
    expect(nodes.length).toBe(5);
    expect(nodes.every((n: any) => n.disclosed.includes('Person.properties'))).toBe(true);
    expect(nodes.map((n: any) => Number(n.seq))).toEqual([...nodes.map((n: any) => Number(n.seq))].sort((x, y) => y - x));
    const next = await call(LOG, { f: { disclosedField: 'Person.properties' }, after: props.body.data.accessLog.pageInfo.endCursor }, 'demo-regulator');
    const nextSeqs = next.body.data.accessLog.edges.map((e: any) => Number(e.node.seq));
    expect(Math.max(...nextSeqs)).toBeLessThan(Math.min(...nodes.map((n: any) => Number(n.seq))));

    const subject = await call(LOG, { f: { subjectNationalId: demoPeople.suedNotJudged.nationalId, deniedOnly: true } }, 'demo-regulator');
    const sid = await personId(demoPeople.suedNotJudged.nationalId);
    expect(subject.body.data.accessLog.edges.length).toBeGreaterThan(0);
    expect(subject.body.data.accessLog.edges.every((e: any) => e.node.subjectId === sid && (e.node.outcome === 'REFUSED' || e.node.denied.length > 0))).toBe(true);

    const future = await call(LOG, { f: { from: '2027-03-01T00:00:00Z', to: '2027-04-01T00:00:00Z' } }, 'demo-regulator');
    expect(future.body.data.accessLog.edges).toEqual([]);
    const scorer = await call(LOG, {}, 'demo-scorer-full');
    expect(scorer.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('reports volume per organisation and purpose, denial rates, and flags the burst', async () => {
    const now = new Date();
    const res = await call(
      `query($from: DateTime!, $to: DateTime!) { oversightStatistics(from: $from, to: $to) {
        byOrganisationDay { organisationName day requests disclosures refusals denialRate }
        byPurpose { purpose disclosures refusals } anomalies { organisationName requests baseline rule } } }`,
      { from: new Date(now.getTime() - 86_400_000).toISOString(), to: new Date(now.getTime() + 60_000).toISOString() },
      'demo-regulator',
    );
    const stats = res.body.data.oversightStatistics;
    const rows = stats.byOrganisationDay;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const busiest = rows.reduce((a: any, b: any) => (a.requests > b.requests ? a : b));
    expect(busiest.requests).toBeGreaterThanOrEqual(500);
    expect(stats.byPurpose.find((p: any) => p.purpose === 'CREDIT_APPLICATION').disclosures).toBeGreaterThan(900);
    const coarse = rows.find((r: any) => r.refusals > 0);
    expect(coarse.denialRate).toBeCloseTo(coarse.refusals / (coarse.refusals + coarse.disclosures));
    // The load test's 500 requests per scorer on a day with no history: a jump above baseline.
    expect(stats.anomalies.map((a: any) => a.organisationName)).toContain(busiest.organisationName);
    expect(stats.anomalies[0].rule).toMatch(/median/);
  });

  it('shows licence changes and key revocations with who made them', async () => {
    const me = await call(`{ me { licence { id } } }`, {}, 'demo-scorer-coarse');
    await call(`mutation($id: ID!) { suspendLicence(licenceId: $id, reason: "spot check") { id } }`, { id: me.body.data.me.licence.id }, 'demo-regulator');
    await call(`mutation($id: ID!) { reinstateLicence(licenceId: $id, reason: "spot check done") { id } }`, { id: me.body.data.me.licence.id }, 'demo-regulator');
    const events = await call(`{ oversightEvents(first: 5, targetKind: "LICENCE") { edges { node { action actorPrincipalId targetId details } } } }`, {}, 'demo-regulator');
    const actions = events.body.data.oversightEvents.edges.map((e: any) => e.node.action);
    expect(actions.slice(0, 2)).toEqual(['LICENCE_REINSTATED', 'LICENCE_SUSPENDED']);
    expect(JSON.parse(events.body.data.oversightEvents.edges[1].node.details).reason).toBe('spot check');
  });

  it('prunes partitions: a month of the log is read from that month alone', async () => {
    if (t.testDb.database.kind !== 'postgres' && t.testDb.database.kind !== 'pglite') return;
    const plan = await db().execute(sql.raw(`explain select count(*) from access_log where at >= '2026-11-01' and at < '2026-12-01'`));
    const text = JSON.stringify((plan as any).rows ?? plan);
    expect(text).toContain('access_log_2026_11');
    expect(text).not.toContain('access_log_2026_10');
    expect(text).not.toContain('access_log_default');
  });
});

describe('subjects see who looked', () => {
  it('lists who accessed their data, when, why, and which categories', async () => {
    const res = await call(`{ me { accessHistory(first: 10) { edges { node { at organisationName purpose outcome categories } } pageInfo { hasNextPage } } } }`, {}, 'demo-subject');
    const nodes = res.body.data.me.accessHistory.edges.map((e: any) => e.node);
    expect(nodes.length).toBe(10);
    expect(res.body.data.me.accessHistory.pageInfo.hasNextPage).toBe(true);
    const scorer = nodes.find((n: any) => n.purpose === 'CREDIT_APPLICATION' && n.outcome === 'DISCLOSED');
    expect(scorer.organisationName).toEqual(expect.any(String));
    expect(scorer.categories).toEqual(expect.arrayContaining(['identity', 'property']));
    const other = await call(`{ me { accessHistory { edges { node { at } } } } }`, {}, 'demo-scorer-full');
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
