import type { KindSeed, RecordContent, SeedBuilder } from '../shared/seeding/builder.js';
import { mobile, streetAddress } from '../shared/seeding/draws.js';
import { DATA_START, DAY, NOW } from '../shared/seeding/time.js';
import { identityRecords } from './identity.tables.js';

export type IdentityContent = RecordContent<typeof identityRecords>;

/** The person as the identity registry knows them, with some fields overridden. */
export function identityContent(b: SeedBuilder, over: Partial<IdentityContent> = {}): IdentityContent {
  const f = b.facts;
  return {
    nationalId: f.nationalId,
    name: f.name,
    birthDate: f.birthDate,
    gender: f.gender,
    address: f.address,
    phone: f.phone,
    ...over,
  };
}

export function randomIdentity(b: SeedBuilder): void {
  const versions = b.rand.weighted([
    { weight: 60, value: 1 },
    { weight: 30, value: 2 },
    { weight: 10, value: 3 },
  ]);
  const times = b.rand.instants(versions, DATA_START, NOW - 2 * DAY);
  // The registry's earlier versions held the older address or phone; the last one is current.
  const contents: IdentityContent[] = [identityContent(b)];
  for (let i = 1; i < versions; i++) {
    const prev = contents[0]!;
    contents.unshift(
      b.rand.chance(0.7)
        ? { ...prev, address: streetAddress(b.rand, b.rand.chance(0.6) ? b.facts.home : b.facts.birthRegion) }
        : { ...prev, phone: mobile(b.rand) },
    );
  }
  b.chain(
    identityRecords,
    'identity-registry',
    `ID-${b.facts.nationalId}`,
    times.map((at, i) => ({ at, content: contents[i]! })),
  );
}

/** What the person declared through a partner app: often the same, sometimes not. */
export function randomPartnerIdentity(b: SeedBuilder): void {
  const content = identityContent(b, {
    address: b.rand.chance(0.3) ? streetAddress(b.rand, b.facts.home) : b.facts.address,
    phone: b.rand.chance(0.2) ? mobile(b.rand) : b.facts.phone,
  });
  b.chain(identityRecords, 'partner-app', b.rid('PA-ID', 1), [{ at: b.rand.instant(DATA_START, NOW - DAY), content }]);
}

/** Every person has the registry's record; one in five also declared theirs through a partner app. */
export const seedIdentity: KindSeed = (b) => {
  randomIdentity(b);
  if (b.rand.chance(0.2)) randomPartnerIdentity(b);
};
