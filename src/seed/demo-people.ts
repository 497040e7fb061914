/**
 * The planted demo people, always the first people of every seeded data set (whatever the
 * seed and the number of people). Their national IDs are fixed so the README, tests and demo
 * queries can name them; each one was built with composeNationalId and is checked in a test.
 */
export const demoPeople = {
  ordinary: {
    nationalId: '110105198805170314',
    name: '李明远',
    description:
      'A well-documented ordinary person with every kind of record: identity with an address change history, driver licence, one property, one vehicle, a degree, employment with referees, two credit accounts and payment transactions; no court records. A P2P platform furnished a loan application in his name whose birth date, phone, address and employer disagree with the identity registry and the employer network (someone applied under his number): an IDENTITY_MISMATCH he sees under `me`. The demo subject.',
  },
  suedNotJudged: {
    nationalId: '420111200309120246',
    name: '陈晓雨',
    description:
      'A student who is a defendant in a PENDING lawsuit filed by an online lender: sued, not judged, not a judgment debtor.',
  },
  judgmentDebtor: {
    nationalId: '44030419750208057X',
    name: '赵志强',
    description:
      'A defendant with a JUDGMENT he failed to perform (listed as a judgment debtor, with a judgment amount), an older SATISFIED case and a DISMISSED case.',
  },
  propertyMismatch: {
    nationalId: '310115198211230463',
    name: '刘芳',
    description:
      'Holds two property certificates; on the second one the owner name (刘方) does not match the identity registry (刘芳).',
  },
  degreeNonAuthoritative: {
    nationalId: '510107199507300135',
    name: '孙浩然',
    description:
      'Claims a master’s degree through the employer network only: not confirmed by the issuer, unverified, with no record from the education registry.',
  },
  criteriaBurst: {
    nationalId: '330106199203040880',
    name: '周婷',
    description:
      'Many scoring criteria changed within one day through a partner app: new phone and address, a new property certificate, a new degree, a new occupation and new referees.',
  },
} as const;

export type DemoPersonName = keyof typeof demoPeople;
export const demoPersonNames = Object.keys(demoPeople) as DemoPersonName[];
