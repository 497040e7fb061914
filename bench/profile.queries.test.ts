import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../src/db/client.js';
import { persons } from '../src/server/tables.js';
import { plantedCount } from '../src/seed/planted.js';
import { startTestServer, type TestServer } from '../test/helpers/server.js';
import { checkedPerson, factMismatches, facts, ONE_STATEMENT_PROFILE, PROFILE } from './profile.queries.js';

let t: TestServer;
beforeAll(async () => {
  // Every planted demo person and ten generated ones.
  t = await startTestServer({ people: plantedCount + 10 });
});
afterAll(() => t?.close());

/** The one-statement floor's answer for one person, through the test's own database. */
async function floorAnswer(nationalId: string) {
  const [before, after] = ONE_STATEMENT_PROFILE.split('$1') as [string, string];
  const rows = rowsOf<{ person: string }>(await t.testDb.database.db.execute(sql.join([sql.raw(before), sql`${nationalId}`, sql.raw(after)])));
  return rows[0] ? JSON.parse(rows[0].person) : null;
}

// The seed here runs no cross-checks, so nothing is quarantined: what the exchange serves a
// full-licence scorer is every open version, which is what the floor reads.
describe('profile benchmark: the one-statement floor reads what the exchange serves', () => {
  it('gives the same facts as the exchange (records per kind, flags, summary, transaction page) for every demo and generated person', async () => {
    const everyone = await t.testDb.database.db.select({ nationalId: persons.nationalId }).from(persons);
    expect(everyone.length).toBe(plantedCount + 10);
    for (const { nationalId } of everyone) {
      const res = await t.gql(PROFILE, { id: nationalId });
      const exchange = checkedPerson('exchange', res.body);
      const floor = checkedPerson('floor', { data: { person: await floorAnswer(nationalId) } });
      expect({ nationalId, ...facts(floor) }).toEqual({ nationalId, ...facts(exchange) });
    }
  });
});

describe('profile benchmark: an answer it cannot use stops it', () => {
  const usable = { data: { person: { identity: { name: '张三' }, transactions: { edges: [] } } } };

  it('accepts a profile with a person, an identity and a transaction page', () => {
    expect(checkedPerson('x', usable)).toBe(usable.data.person);
  });

  it('refuses an answer carrying errors, a null person, or no identity', () => {
    expect(() => checkedPerson('x', { ...usable, errors: [{ message: 'no consent' }] })).toThrow(/no usable profile.*no consent/);
    expect(() => checkedPerson('x', { data: { person: null } })).toThrow(/no usable profile/);
    expect(() => checkedPerson('x', { data: { person: { identity: null, transactions: { edges: [] } } } })).toThrow(/no usable profile/);
  });
});

describe('profile benchmark: answers that disagree are named', () => {
  const exchange = { identity: { name: '张三' }, properties: [{}, {}], ownsProperty: true, propertySummary: { count: 2 }, transactions: { edges: [{}], pageInfo: { hasNextPage: false } } };

  it('names each differing fact with both values, and only those', () => {
    const peer = { ...exchange, properties: [{}], propertySummary: { count: '2' } };
    expect(factMismatches([['exchange', exchange], ['peer', peer]])).toEqual(['properties is 2 from exchange but 1 from peer']);
  });

  it('leaves out the facts a contender does not compute', () => {
    const { ownsProperty: _flag, propertySummary: _summary, ...rowsOnly } = exchange;
    expect(factMismatches([['exchange', exchange], ['floor', rowsOnly]])).toEqual([]);
    expect(factMismatches([['exchange', exchange], ['floor', { ...rowsOnly, ownsProperty: false }]])).toEqual([
      'ownsProperty is true from exchange but false from floor',
    ]);
  });
});
