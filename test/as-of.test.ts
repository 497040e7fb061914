import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/generator.js';
import { appendVersion } from '../src/records/shared/append-version.js';
import { identityRecords, persons, propertyCertificates, sources } from '../src/server/tables.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

const Q = `query($id: String!, $asOf: DateTime) {
  person(nationalId: $id, purpose: CREDIT_APPLICATION, asOf: $asOf, caseReference: "LOAN-1") {
    asOf
    identity { address history { address provenance { recordedAt supersededAt } } }
    properties { certificateNumber }
  }
}`;

describe('append-only versions and asOf', () => {
  it('serves the profile exactly as the exchange knew it at an instant', async () => {
    const db = t.testDb.database.db;
    const [person] = await db.select().from(persons).where(eq(persons.nationalId, demoPeople.ordinary.nationalId));
    const [registry] = await db.select().from(sources).where(eq(sources.code, 'identity-registry'));
    const [open] = await db
      .select()
      .from(identityRecords)
      .where(and(eq(identityRecords.personId, person!.id), eq(identityRecords.sourceId, registry!.id), isNull(identityRecords.supersededAt)));
    const beforeChange = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const changedAt = new Date();
    const { id: _id, personId: _p, sourceId: _s, sourceRecordId, receivedAt: _r, recordedAt: _ra, supersededAt: _sa, verification: _v, contentHash: _c, ...content } = open!;
    const outcome = await appendVersion(
      db,
      'identity',
      { personId: person!.id, sourceId: registry!.id, sourceRecordId, receivedAt: changedAt, verification: 'VERIFIED', content: { ...content, address: '上海市浦东新区世纪大道100号' } },
      changedAt,
    );
    expect(outcome.outcome).toBe('versioned');

    const now = (await t.gql(Q, { id: demoPeople.ordinary.nationalId })).body.data.person;
    expect(now.identity.address).toBe('上海市浦东新区世纪大道100号');
    const before = (await t.gql(Q, { id: demoPeople.ordinary.nationalId, asOf: beforeChange.toISOString() })).body.data.person;
    expect(before.identity.address).toBe(open!.address);
    expect(before.asOf).toBe(beforeChange.toISOString());
    // History as of now lists the old and the new version, closed at the same instant.
    const versions = now.identity.history;
    expect(versions.at(-1).address).toBe('上海市浦东新区世纪大道100号');
    expect(versions.at(-2).address).toBe(open!.address);
    expect(versions.at(-2).provenance.supersededAt).toBe(versions.at(-1).provenance.recordedAt);
    // History as of the earlier instant does not know the later version.
    expect(before.identity.history.map((v: any) => v.address)).not.toContain('上海市浦东新区世纪大道100号');
  });

  it('hides records first recorded after asOf, and keeps the superseded row instead of updating it', async () => {
    const db = t.testDb.database.db;
    const [person] = await db.select().from(persons).where(eq(persons.nationalId, demoPeople.ordinary.nationalId));
    const [registry] = await db.select().from(sources).where(eq(sources.code, 'property-registry'));
    const before = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await appendVersion(db, 'property', {
      personId: person!.id,
      sourceId: registry!.id,
      sourceRecordId: 'TEST-CERT-1',
      receivedAt: new Date(),
      verification: 'VERIFIED',
      content: {
        certificateNumber: '沪(2026)浦东新区不动产权第0000001号',
        address: '上海市浦东新区测试路1号',
        floorAreaM2: 88.5,
        valueFen: 512_345_600,
        ownerNationalId: demoPeople.ordinary.nationalId,
        ownerName: demoPeople.ordinary.name,
        status: 'ACTIVE',
        registeredOn: '2026-11-20',
      },
    });
    const now = (await t.gql(Q, { id: demoPeople.ordinary.nationalId })).body.data.person;
    expect(now.properties.map((p: any) => p.certificateNumber)).toContain('沪(2026)浦东新区不动产权第0000001号');
    const then = (await t.gql(Q, { id: demoPeople.ordinary.nationalId, asOf: before.toISOString() })).body.data.person;
    expect(then.properties.map((p: any) => p.certificateNumber)).not.toContain('沪(2026)浦东新区不动产权第0000001号');
    const rows = await db.select().from(propertyCertificates).where(eq(propertyCertificates.sourceRecordId, 'TEST-CERT-1'));
    expect(rows).toHaveLength(1);
  });

  it('rejects an asOf in the future', async () => {
    const res = await t.gql(Q, { id: demoPeople.ordinary.nationalId, asOf: '2999-01-01T00:00:00Z' });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
