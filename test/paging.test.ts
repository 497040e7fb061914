import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { demoPeople } from '../src/seed/demo-people.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ people: 8 });
  // Some reads to fill the access log.
  for (let i = 0; i < 6; i++) {
    await t.gql(`{ person(nationalId: "${demoPeople.ordinary.nationalId}", purpose: CREDIT_APPLICATION, caseReference: "PAGE-${i}") { id } }`);
  }
});
afterAll(async () => {
  await t?.close();
});

type Page = { totalCount: number; edges: { cursor: string; node: { seq: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string } };
const log = async (args: string) => {
  const res = await t.gql<{ accessLog: Page }>(
    `{ accessLog(${args}) { totalCount edges { cursor node { seq } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    undefined,
    'demo-regulator',
  );
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.accessLog;
};
const seqs = (p: Page) => p.edges.map((e) => Number(e.node.seq));

describe('paging back through the access log', () => {
  it('last/before returns the page before, in the list order, and totalCount counts the whole list', async () => {
    const all = await log('first: 100');
    expect(all.totalCount).toBe(all.edges.length);
    expect(all.totalCount).toBeGreaterThanOrEqual(6);
    const first = await log('first: 2');
    const second = await log(`first: 2, after: "${first.pageInfo.endCursor}"`);
    expect(seqs(second)).toEqual(seqs(all).slice(2, 4));
    // Back from the second page: the first page again, newest first like the list.
    const back = await log(`last: 2, before: "${second.pageInfo.startCursor}"`);
    expect(seqs(back)).toEqual(seqs(first));
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // The end of the list, with no cursor.
    const tail = await log('last: 3');
    expect(seqs(tail)).toEqual(seqs(all).slice(-3));
    expect(tail.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // Filtered: the count follows the filter.
    const refused = await t.gql(`{ accessLog(filter: { deniedOnly: true }) { totalCount edges { node { outcome } } } }`, undefined, 'demo-regulator');
    expect(refused.body.data.accessLog.totalCount).toBe(refused.body.data.accessLog.edges.length);
  });

  it('refuses a bad last or before as BAD_USER_INPUT', async () => {
    for (const args of ['last: -1', 'last: 101', 'before: "nope"']) {
      const res = await t.gql(`{ accessLog(${args}) { edges { cursor } } }`, undefined, 'demo-regulator');
      expect(res.body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('disputes and discrepancies page back and count the same way', async () => {
    const d = await t.gql(`{ discrepancies(first: 100) { totalCount edges { cursor } } }`, undefined, 'demo-regulator');
    const list = d.body.data.discrepancies;
    expect(list.totalCount).toBe(list.edges.length);
    if (list.edges.length >= 3) {
      const back = await t.gql(`{ discrepancies(last: 2, before: "${list.edges[2].cursor}") { edges { cursor } } }`, undefined, 'demo-regulator');
      expect(back.body.data.discrepancies.edges.map((e: { cursor: string }) => e.cursor)).toEqual(list.edges.slice(0, 2).map((e: { cursor: string }) => e.cursor));
    }
    const disputes = await t.gql(`{ openDisputes(last: 5) { totalCount edges { cursor } pageInfo { hasNextPage } } }`, undefined, 'demo-regulator');
    expect(disputes.body.errors).toBeUndefined();
    expect(disputes.body.data.openDisputes.totalCount).toBeGreaterThanOrEqual(disputes.body.data.openDisputes.edges.length);
  });
});
