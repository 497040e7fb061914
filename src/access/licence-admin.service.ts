import { and, asc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { licensedPurposes } from './purposes.js';
import type { Db } from '../db/client.js';
import { apiKeys, grants, licences, organisations, principals } from './access.tables.js';
import { categories, isKnownGrant, type Category } from './catalogue.js';
import { describeGrants, grantsFrom } from './grants.js';
import { licenceState } from './licence.service.js';
import { recordOversightEvent } from '../audit/oversight.service.js';
import { badInput, exchangeError } from '../kernel/errors.js';
import { hashApiKey, newApiKey } from './principal.js';
import { Purpose } from '../kernel/purpose.js';
import type { GrantInput, IssueLicenceInput, Licence } from './licence.types.js';
import { keysetArgs, toPage } from '../kernel/pagination.js';


function checkGrants(input: GrantInput[]): { category: Category; precision: string }[] {
  const seen = new Set<string>();
  return input.map((g, i) => {
    if (!isKnownGrant(g.category, g.precision)) {
      throw badInput(`Unknown grant ${g.category}/${g.precision}; see grantCatalogue`, {
        argument: `grants[${i}]`,
        known: Object.fromEntries(Object.entries(categories)),
      });
    }
    if (seen.has(g.category)) throw badInput(`Category ${g.category} is granted twice`, { argument: `grants[${i}]` });
    seen.add(g.category);
    return { category: g.category, precision: g.precision };
  });
}

async function toLicence(db: Db, ids: number[]): Promise<Licence[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ licence: licences, organisationName: organisations.name })
    .from(licences)
    .innerJoin(organisations, eq(organisations.id, licences.organisationId))
    .where(inArray(licences.id, ids))
    .orderBy(asc(licences.id));
  const grantRows = await db.select().from(grants).where(inArray(grants.licenceId, ids));
  return rows.map(({ licence, organisationName }) => {
    const own = grantsFrom(grantRows.filter((g) => g.licenceId === licence.id));
    return {
      ...licence,
      organisationName,
      state: licenceState({ ...licence, grants: own }),
      purposes: licence.purposes as Purpose[],
      status: licence.status as Licence['status'],
      grants: describeGrants(own),
    };
  });
}

export async function getLicence(db: Db, id: number): Promise<Licence> {
  const [licence] = await toLicence(db, [id]);
  if (!licence) throw exchangeError('NOT_FOUND', `No licence ${id}`);
  return licence;
}

export async function listLicences(db: Db, first: number, after: string | null, status: string | null) {
  const { limit, afterId } = keysetArgs(first, after);
  const rows = await db
    .select({ id: licences.id })
    .from(licences)
    .where(and(afterId !== null ? gt(licences.id, afterId) : undefined, status ? eq(licences.status, status as never) : undefined))
    .orderBy(asc(licences.id))
    .limit(limit + 1);
  const full = await toLicence(db, rows.map((r) => r.id));
  return toPage(full.map((l) => ({ ...l, id: Number(l.id) })), limit, afterId !== null);
}

export async function issueLicence(db: Db, actor: number, input: IssueLicenceInput): Promise<Licence> {
  const checked = checkGrants(input.grants);
  if (!(input.validFrom < input.validTo)) throw badInput('"validFrom" must be before "validTo"', { argument: 'validTo' });
  const badPurpose = input.purposes.find((p) => !licensedPurposes.has(p));
  if (badPurpose) throw badInput(`A licence cannot permit ${badPurpose}`, { argument: 'purposes' });
  const id = await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!org || (org.kind !== 'SCORER' && org.kind !== 'PARTNER')) {
      throw badInput('Licences are issued to scorer or partner organisations', { argument: 'organisationId' });
    }
    const live = await tx
      .select({ id: licences.id })
      .from(licences)
      .where(and(eq(licences.organisationId, org.id), ne(licences.status, 'REVOKED')));
    if (live.length > 0) {
      throw badInput(`Organisation ${org.id} already holds licence ${live[0]!.id}; revoke it first`, { argument: 'organisationId' });
    }
    const [created] = await tx
      .insert(licences)
      .values({ organisationId: org.id, validFrom: input.validFrom, validTo: input.validTo, purposes: [...new Set(input.purposes)] })
      .returning({ id: licences.id });
    if (checked.length > 0) await tx.insert(grants).values(checked.map((g) => ({ ...g, licenceId: created!.id })));
    await recordOversightEvent(tx, {
      actorPrincipalId: actor,
      action: 'LICENCE_ISSUED',
      targetKind: 'LICENCE',
      targetId: created!.id,
      details: { organisationId: org.id, purposes: input.purposes, grants: checked },
    });
    return created!.id;
  });
  return getLicence(db, id);
}

export async function setLicenceGrants(db: Db, actor: number, licenceId: number, input: GrantInput[]): Promise<Licence> {
  const checked = checkGrants(input);
  await db.transaction(async (tx) => {
    const [licence] = await tx.select().from(licences).where(eq(licences.id, licenceId)).for('update');
    if (!licence) throw exchangeError('NOT_FOUND', `No licence ${licenceId}`);
    const before = await tx.select().from(grants).where(eq(grants.licenceId, licenceId));
    await tx.delete(grants).where(eq(grants.licenceId, licenceId));
    if (checked.length > 0) await tx.insert(grants).values(checked.map((g) => ({ ...g, licenceId })));
    await tx.update(licences).set({ updatedAt: new Date() }).where(eq(licences.id, licenceId));
    await recordOversightEvent(tx, {
      actorPrincipalId: actor,
      action: 'LICENCE_GRANTS_CHANGED',
      targetKind: 'LICENCE',
      targetId: licenceId,
      details: { before: before.map((g) => ({ category: g.category, precision: g.precision })), after: checked },
    });
  });
  return getLicence(db, licenceId);
}

const transitions = {
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED', action: 'LICENCE_SUSPENDED' },
  reinstate: { from: ['SUSPENDED'], to: 'ACTIVE', action: 'LICENCE_REINSTATED' },
  revoke: { from: ['ACTIVE', 'SUSPENDED'], to: 'REVOKED', action: 'LICENCE_REVOKED' },
} as const;

export async function changeLicenceStatus(
  db: Db,
  actor: number,
  licenceId: number,
  change: keyof typeof transitions,
  reason: string,
): Promise<Licence> {
  if (!reason.trim()) throw badInput('A reason is required', { argument: 'reason' });
  const t = transitions[change];
  await db.transaction(async (tx) => {
    const [licence] = await tx.select().from(licences).where(eq(licences.id, licenceId)).for('update');
    if (!licence) throw exchangeError('NOT_FOUND', `No licence ${licenceId}`);
    if (!(t.from as readonly string[]).includes(licence.status)) {
      throw badInput(`Cannot ${change} a licence that is ${licence.status}`, { argument: 'licenceId', status: licence.status });
    }
    await tx.update(licences).set({ status: t.to, updatedAt: new Date() }).where(eq(licences.id, licenceId));
    await recordOversightEvent(tx, {
      actorPrincipalId: actor,
      action: t.action,
      targetKind: 'LICENCE',
      targetId: licenceId,
      details: { from: licence.status, to: t.to, reason },
    });
  });
  return getLicence(db, licenceId);
}

export async function issueApiKey(db: Db, actor: number, principalId: number, label: string) {
  if (!label.trim() || label.length > 100) throw badInput('A label of 1 to 100 characters is required', { argument: 'label' });
  const key = newApiKey();
  return db.transaction(async (tx) => {
    const [principal] = await tx.select({ id: principals.id }).from(principals).where(eq(principals.id, principalId));
    if (!principal) throw exchangeError('NOT_FOUND', `No principal ${principalId}`);
    const [row] = await tx.insert(apiKeys).values({ principalId, keyHash: hashApiKey(key), label }).returning();
    await recordOversightEvent(tx, { actorPrincipalId: actor, action: 'API_KEY_ISSUED', targetKind: 'API_KEY', targetId: row!.id, details: { principalId, label } });
    return { id: row!.id, label, key };
  });
}

export async function revokeApiKey(db: Db, actor: number, apiKeyId: number, reason: string) {
  if (!reason.trim()) throw badInput('A reason is required', { argument: 'reason' });
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, apiKeyId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw exchangeError('NOT_FOUND', `No active API key ${apiKeyId}`);
    await recordOversightEvent(tx, { actorPrincipalId: actor, action: 'API_KEY_REVOKED', targetKind: 'API_KEY', targetId: apiKeyId, details: { principalId: row.principalId, reason } });
    return row;
  });
}
