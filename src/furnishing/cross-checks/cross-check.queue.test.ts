import { describe, expect, it } from 'vitest';
import { CrossCheckQueue, type PersonScope } from './cross-check.queue.js';
import { scopeOfChange } from './cross-check.service.js';

const scope = (kinds: number, bursts: boolean): PersonScope => ({ kinds, bursts });

describe('cross-check queue', () => {
  it('checks a person changed by several batches once, with the union of what their changes call for', async () => {
    const checked: Map<string, PersonScope>[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const queue = new CrossCheckQueue(async (persons) => {
      checked.push(new Map(persons));
      await gate;
    }, 2);
    await queue.add(new Map([['a', scope(0, false)]]));
    // 'a' is being checked; these wait in the queue and merge.
    await queue.add(new Map([['b', scope(1, false)], ['c', scope(0, false)]]));
    await queue.add(new Map([['b', scope(4, true)], ['a', scope(1, true)]]));
    release();
    await queue.drain();
    // In order of last change: 'b' changed again after 'c'.
    expect(checked.map((m) => [...m.keys()])).toEqual([['a'], ['c', 'b'], ['a']]);
    expect(checked[1]!.get('b')).toEqual(scope(5, true));
  });

  it('makes a lane wait while the backlog is over its limit, and reports a failed check', async () => {
    const finished: string[] = [];
    const queue = new CrossCheckQueue(async (persons) => {
      await new Promise((r) => setTimeout(r, 5));
      const [id] = [...persons.keys()];
      if (id === 'b') throw new Error('check failed');
      finished.push(id!);
    }, 1, 1, 0, 1);
    await queue.add(new Map([['a', scope(0, false)]]));
    expect(finished).toEqual([]);
    // A backlog of 2 is over the limit of 1: add returns only once the check of 'a' is done.
    await queue.add(new Map([['b', scope(0, false)], ['c', scope(0, false)]]));
    expect(finished).toEqual(['a']);
    // The check of 'b' fails: the queue stops, and both drain and the next add say so.
    await expect(queue.drain()).rejects.toThrow('check failed');
    await expect(queue.add(new Map([['d', scope(0, false)]]))).rejects.toThrow('check failed');
    expect(finished).toEqual(['a']);
  });

  it('waits until a person has not changed for a few batches, and checks everyone left when the load drains', async () => {
    const checked: string[][] = [];
    const queue = new CrossCheckQueue(async (persons) => {
      checked.push([...persons.keys()]);
    }, 10, 100, 2);
    await queue.add(new Map([['a', scope(1, false)], ['b', scope(1, false)]]));
    await queue.add(new Map([['b', scope(4, false)]]));
    expect(checked).toEqual([]);
    // 'a' last changed two batches ago: settled. 'b' changed since, so it waits.
    await queue.add(new Map([['c', scope(1, false)]]));
    await new Promise((r) => setTimeout(r, 0));
    expect(checked).toEqual([['a']]);
    await queue.drain();
    expect(checked).toEqual([['a'], ['b', 'c']]);
  });

  it('checks two chunks at once when the load drains', async () => {
    let running = 0;
    let most = 0;
    const queue = new CrossCheckQueue(async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    }, 1, 100, 5);
    await queue.add(new Map([['a', scope(1, false)], ['b', scope(1, false)], ['c', scope(1, false)]]));
    expect(most).toBe(0); // not settled yet
    await queue.drain();
    expect(most).toBe(2);
  });

  it('asks for the changed kind comparisons, and for the burst check only where a change can add to one', () => {
    const identity = scopeOfChange('identity', 'IDENTITY_REGISTRY');
    expect(identity).toEqual({ kinds: expect.any(Number), bursts: false });
    expect(identity.kinds).not.toBe(0);
    expect(scopeOfChange('identity', 'PARTNER_APP')).toEqual({ kinds: identity.kinds, bursts: true });
    const job = scopeOfChange('employment', 'EMPLOYER');
    expect(job.bursts).toBe(false);
    expect(job.kinds & identity.kinds).toBe(0);
    expect(scopeOfChange('education', 'EMPLOYER').bursts).toBe(true);
    expect(scopeOfChange('property', 'PROPERTY_REGISTRY').bursts).toBe(false);
    expect(scopeOfChange('driverLicence', 'PARTNER_APP').bursts).toBe(true);
    // Accounts, transactions and court cases are compared with nothing: no check at all.
    expect(scopeOfChange('creditAccount', 'LENDER')).toEqual({ kinds: 0, bursts: false });
    expect(scopeOfChange('transaction', 'CLEARING_HOUSE')).toEqual({ kinds: 0, bursts: false });
  });
});
