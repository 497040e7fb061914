import { describe, expect, it } from 'vitest';
import { CrossCheckQueue, type PersonScope } from './cross-check.queue.js';
import { scopeOfChange } from './cross-check.service.js';

const scope = (contacts: boolean, bursts: boolean): PersonScope => ({ contacts, bursts });

describe('cross-check queue', () => {
  it('checks a person changed by several batches once, with the union of what their changes call for', async () => {
    const checked: Map<string, PersonScope>[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const queue = new CrossCheckQueue(async (persons) => {
      checked.push(new Map(persons));
      await gate;
    }, 2);
    await queue.add(new Map([['a', scope(false, false)]]));
    // 'a' is being checked; these wait in the queue and merge.
    await queue.add(new Map([['b', scope(true, false)], ['c', scope(false, false)]]));
    await queue.add(new Map([['b', scope(false, true)], ['a', scope(true, true)]]));
    release();
    await queue.drain();
    expect(checked.map((m) => [...m.keys()])).toEqual([['a'], ['b', 'c'], ['a']]);
    expect(checked[1]!.get('b')).toEqual(scope(true, true));
  });

  it('makes a lane wait while the backlog is over its limit, and reports a failed check', async () => {
    const finished: string[] = [];
    const queue = new CrossCheckQueue(async (persons) => {
      await new Promise((r) => setTimeout(r, 5));
      const [id] = [...persons.keys()];
      if (id === 'b') throw new Error('check failed');
      finished.push(id!);
    }, 1, 1);
    await queue.add(new Map([['a', scope(false, false)]]));
    expect(finished).toEqual([]);
    // A backlog of 2 is over the limit of 1: add returns only once the check of 'a' is done.
    await queue.add(new Map([['b', scope(false, false)], ['c', scope(false, false)]]));
    expect(finished).toEqual(['a']);
    // The check of 'b' fails: the queue stops, and both drain and the next add say so.
    await expect(queue.drain()).rejects.toThrow('check failed');
    await expect(queue.add(new Map([['d', scope(false, false)]]))).rejects.toThrow('check failed');
    expect(finished).toEqual(['a']);
  });

  it('asks for contact and burst checks only where a change can raise them', () => {
    expect(scopeOfChange('identity', 'IDENTITY_REGISTRY')).toEqual({ contacts: true, bursts: false });
    expect(scopeOfChange('identity', 'PARTNER_APP')).toEqual({ contacts: true, bursts: true });
    expect(scopeOfChange('employment', 'EMPLOYER')).toEqual({ contacts: true, bursts: false });
    expect(scopeOfChange('education', 'EMPLOYER')).toEqual({ contacts: false, bursts: true });
    expect(scopeOfChange('property', 'PROPERTY_REGISTRY')).toEqual({ contacts: false, bursts: false });
    expect(scopeOfChange('driverLicence', 'PARTNER_APP')).toEqual({ contacts: false, bursts: true });
  });
});
