import type { Db } from '../db/client.js';
import { licensedPurposes } from '../access/purposes.js';
import { apiKeys, consents, grants, licences, organisations, principals } from '../access/access.tables.js';
import { hashApiKey, type PrincipalKind } from '../access/principal.js';
import { categories, type Category } from '../access/catalogue.js';
import { Purpose } from '../kernel/purpose.js';
import { demoSources, type SourceCode, type SourceIds } from './sources.js';
import type { DemoPersonName } from './demo-people.js';
import { DAY, NOW } from '../records/shared/seeding/time.js';

/**
 * The demo API keys, by role. They are public (the README lists them), so only the demo seed
 * creates them, every principal they open is flagged `isDemo`, and production refuses to
 * start while one exists.
 */
export const demoKeys = {
  scorerFull: 'demo-scorer-full',
  scorerCoarse: 'demo-scorer-coarse',
  scorerSuspended: 'demo-scorer-suspended',
  regulator: 'demo-regulator',
  partner: 'demo-partner',
  subject: 'demo-subject',
} as const;

export type DemoRole = keyof typeof demoKeys;

/** One furnisher key per source: `demo-furnisher-<source code>`. */
export const demoFurnisherKeys = Object.fromEntries(demoSources.map((s) => [s.code, `demo-furnisher-${s.code}`])) as Record<
  SourceCode,
  string
>;

export const demoOrganisationNames = {
  scorerFull: 'Jinhe Consumer Finance',
  scorerCoarse: 'Lanshan Credit Scoring',
  scorerSuspended: 'Fengyuan Micro-lending',
  regulator: 'Credit Exchange Supervisory Authority',
  partner: 'Anju Rental Platform',
} as const;

type GrantList = ReadonlyArray<{ category: Category; precision: string }>;

/** Every category at its finest precision. */
const fullGrants: GrantList = (Object.keys(categories) as Category[]).map((category) => ({
  category,
  precision: categories[category][categories[category].length - 1]!,
}));

const coarseGrants: GrantList = [
  { category: 'identity', precision: 'BASIC' },
  { category: 'property', precision: 'FLAG' },
  { category: 'vehicles', precision: 'FLAG' },
  { category: 'transactions', precision: 'AGGREGATE' },
  { category: 'court', precision: 'JUDGMENTS_ONLY' },
  { category: 'credit', precision: 'FULL' },
  { category: 'publicRecords', precision: 'FLAG' },
];

const partnerGrants: GrantList = [
  { category: 'identity', precision: 'BASIC' },
  { category: 'property', precision: 'SUMMARY' },
  { category: 'court', precision: 'JUDGMENTS_ONLY' },
  { category: 'transactions', precision: 'AGGREGATE' },
];

/** What a scorer's licence permits: every purpose but oversight and a subject's own access. */
const scorerPurposes: Purpose[] = Object.values(Purpose).filter((p) => licensedPurposes.has(p));
const partnerPurposes: Purpose[] = [Purpose.TENANCY, Purpose.DEPOSIT_WAIVER];
const scorerConsentPurposes: Purpose[] = [Purpose.CREDIT_APPLICATION, Purpose.ACCOUNT_REVIEW];

const CREATED_AT = new Date(NOW - 400 * DAY);
const VALID_FROM = new Date(NOW - 365 * DAY);
const VALID_TO = new Date(NOW + 2 * 365 * DAY);
const CONSENT_STARTS = new Date(NOW - 30 * DAY);
const CONSENT_EXPIRES = new Date(NOW + 2 * 365 * DAY);
const CONSENT_ROWS_PER_STATEMENT = 2000;

export interface DemoPrincipalsSummary {
  organisations: number;
  principals: number;
  apiKeys: number;
  licences: number;
  grants: number;
  consents: number;
  /** Organisation ids by role. */
  organisationIds: Record<Exclude<DemoRole, 'subject'>, number>;
}

/**
 * Creates the demo organisations, principals, API keys, licences, grants and the subjects'
 * consents. Every person consents to the three scorers (credit application, account review)
 * and to the partner (tenancy, deposit waiver), except that `suedNotJudged` never consented
 * to the coarse scorer, so tests can show CONSENT_REQUIRED.
 */
export async function seedDemoPrincipals(
  db: Db,
  sourceIds: SourceIds,
  demoPersonIds: Record<DemoPersonName, string>,
  allPersonIds: readonly string[],
): Promise<DemoPrincipalsSummary> {
  return db.transaction(async (tx) => {
    const organisation = async (name: string, kind: PrincipalKind, sourceId: number | null = null) => {
      const [row] = await tx
        .insert(organisations)
        .values({ name, kind, sourceId, createdAt: CREATED_AT })
        .returning({ id: organisations.id });
      return row!.id;
    };
    const principal = async (key: string, kind: PrincipalKind, name: string, organisationId: number | null, personId: string | null = null) => {
      const [row] = await tx
        .insert(principals)
        .values({ kind, name, organisationId, personId, isDemo: true, createdAt: CREATED_AT })
        .returning({ id: principals.id });
      await tx.insert(apiKeys).values({ principalId: row!.id, keyHash: hashApiKey(key), label: `demo key ${key}`, createdAt: CREATED_AT });
      return row!.id;
    };
    let grantCount = 0;
    const licence = async (organisationId: number, status: 'ACTIVE' | 'SUSPENDED', purposes: Purpose[], granted: GrantList) => {
      const [row] = await tx
        .insert(licences)
        .values({ organisationId, status, validFrom: VALID_FROM, validTo: VALID_TO, purposes, createdAt: CREATED_AT, updatedAt: CREATED_AT })
        .returning({ id: licences.id });
      await tx.insert(grants).values(granted.map((g) => ({ licenceId: row!.id, category: g.category, precision: g.precision })));
      grantCount += granted.length;
      return row!.id;
    };

    const ids = {
      scorerFull: await organisation(demoOrganisationNames.scorerFull, 'SCORER'),
      scorerCoarse: await organisation(demoOrganisationNames.scorerCoarse, 'SCORER'),
      scorerSuspended: await organisation(demoOrganisationNames.scorerSuspended, 'SCORER'),
      regulator: await organisation(demoOrganisationNames.regulator, 'REGULATOR'),
      partner: await organisation(demoOrganisationNames.partner, 'PARTNER'),
    };
    await principal(demoKeys.scorerFull, 'SCORER', `${demoOrganisationNames.scorerFull} risk team`, ids.scorerFull);
    await principal(demoKeys.scorerCoarse, 'SCORER', `${demoOrganisationNames.scorerCoarse} scoring service`, ids.scorerCoarse);
    await principal(demoKeys.scorerSuspended, 'SCORER', `${demoOrganisationNames.scorerSuspended} underwriting`, ids.scorerSuspended);
    await principal(demoKeys.regulator, 'REGULATOR', `${demoOrganisationNames.regulator} inspector`, ids.regulator);
    await principal(demoKeys.partner, 'PARTNER', `${demoOrganisationNames.partner} gateway`, ids.partner);
    await principal(demoKeys.subject, 'SUBJECT', 'Demo subject (ordinary)', null, demoPersonIds.ordinary);
    for (const s of demoSources) {
      const org = await organisation(s.name, 'FURNISHER', sourceIds[s.code]);
      await principal(demoFurnisherKeys[s.code], 'FURNISHER', `${s.name} upload`, org);
    }

    await licence(ids.scorerFull, 'ACTIVE', scorerPurposes, fullGrants);
    await licence(ids.scorerCoarse, 'ACTIVE', scorerPurposes, coarseGrants);
    await licence(ids.scorerSuspended, 'SUSPENDED', scorerPurposes, fullGrants);
    await licence(ids.partner, 'ACTIVE', partnerPurposes, partnerGrants);

    const consentFor = (personId: string, organisationId: number, purposes: Purpose[]) => ({
      personId,
      organisationId,
      purposes,
      startsAt: CONSENT_STARTS,
      expiresAt: CONSENT_EXPIRES,
      lookbackDays: 1825,
      // Load tests read the same people again and again: never run out.
      maxUses: 1_000_000,
      createdAt: CONSENT_STARTS,
    });
    const rows: Array<ReturnType<typeof consentFor>> = [];
    let consentCount = 0;
    const flush = async () => {
      if (rows.length === 0) return;
      await tx.insert(consents).values(rows);
      consentCount += rows.length;
      rows.length = 0;
    };
    for (const personId of allPersonIds) {
      rows.push(consentFor(personId, ids.scorerFull, scorerConsentPurposes));
      if (personId !== demoPersonIds.suedNotJudged) rows.push(consentFor(personId, ids.scorerCoarse, scorerConsentPurposes));
      rows.push(consentFor(personId, ids.scorerSuspended, scorerConsentPurposes));
      rows.push(consentFor(personId, ids.partner, partnerPurposes));
      if (rows.length >= CONSENT_ROWS_PER_STATEMENT) await flush();
    }
    await flush();

    const furnishers = demoSources.length;
    return {
      organisations: 5 + furnishers,
      principals: 6 + furnishers,
      apiKeys: 6 + furnishers,
      licences: 4,
      grants: grantCount,
      consents: consentCount,
      organisationIds: ids,
    };
  });
}
