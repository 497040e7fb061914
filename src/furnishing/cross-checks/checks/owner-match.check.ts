import { sql } from 'drizzle-orm';
import { uuidArray } from '../../../db/sql-arrays.js';
import { recordKindList, type RecordKind } from '../../../records/index.js';
import type { OwnerMatch } from '../../../records/shared/record-kind.js';
import { persons } from '../../../records/shared/persons.tables.js';
import type { DiscrepancyKind } from '../discrepancy-kinds.js';
import { findingKind, kindBit, kindSet, type CrossCheck } from '../cross-check.js';

/** The kinds whose certificates name their owner (their descriptors say how), in registry order. */
const owned = recordKindList.flatMap((d) => (d.ownerMatch ? [{ kind: d.kind as RecordKind, match: d.ownerMatch, finding: findingKind(d.ownerMatch.finding) }] : [])) as {
  kind: RecordKind;
  match: OwnerMatch;
  finding: DiscrepancyKind;
}[];
const ownedKinds = kindSet(owned.map((o) => o.kind));

/** The kind whose authority's record holds the person's registered name (identity). */
const namers = recordKindList.filter((d) => d.registeredName);
if (namers.length > 1) throw new Error('More than one record kind declares the registered name');
const namer = namers[0] ? { kind: namers[0].kind as RecordKind, column: namers[0].registeredName! } : undefined;
const namerKinds = namer ? kindBit(namer.kind) : 0;

/** The fields this check reads of a kind, beside those compared. */
export const ownerFields = (kind: RecordKind): string[] => {
  const o = owned.find((x) => x.kind === kind);
  return [...(o ? [o.match.nationalId, o.match.name] : []), ...(namer?.kind === kind ? [namer.column] : [])];
};

/**
 * Owner match: a certificate (property, vehicle) must name as its owner the person it is filed
 * under: their national ID, and the name in the identity authority's record when there is one.
 */
export const ownerMatchCheck: CrossCheck<Map<string, string>> = {
  name: 'owner match',
  // A changed certificate is compared with the registered name, and a changed name with the certificates.
  reads(compared) {
    let kinds = compared;
    if ((compared & ownedKinds) !== 0) kinds |= namerKinds;
    if ((compared & namerKinds) !== 0) kinds |= ownedKinds;
    return kinds;
  },
  // The persons' own national ID numbers, for those whose certificates are read.
  async prepare(run) {
    const owners = run.ids.filter((id) => (run.readOf(id) & ownedKinds) !== 0);
    return new Map(
      owners.length
        ? (await run.db.select({ id: persons.id, nationalId: persons.nationalId }).from(persons).where(sql`${persons.id} = any(${uuidArray(owners)})`)).map((p) => [p.id, p.nationalId])
        : [],
    );
  },
  examine(run, personId, records, nationalIdOf, out) {
    const nationalId = nationalIdOf.get(personId);
    const registry = namer ? records(namer.kind).find((r) => run.isAuthority(namer.kind, r)) : undefined;
    for (const { kind, match, finding } of owned) {
      for (const cert of records(kind)) {
        const fields: string[] = [];
        if (cert[match.nationalId] !== nationalId) fields.push(match.nationalId);
        if (registry && cert[match.name] !== registry[namer!.column]) fields.push(match.name);
        // The certificate's status says what this check found: a registry's own certificate
        // naming someone else is CONFLICTING until either side is corrected.
        const fromAuthority = run.isAuthority(kind, cert);
        if (fields.length > 0 || fromAuthority) {
          out.compared.push({ kind, row: cert, cmp: { outcome: fields.length > 0 ? 'disagrees' : 'agrees', confirmed: true, fields } });
        }
        if (fields.length === 0) continue;
        out.findings.push({
          personId,
          kind: finding,
          records: registry ? [cert, registry] : [cert],
          recordKinds: registry ? [kind, namer!.kind] : [kind],
          details: {
            fields,
            onCertificate: { [match.name]: cert[match.name], [match.nationalId]: cert[match.nationalId] },
            inIdentityRegistry: registry ? { [namer!.column]: registry[namer!.column] } : null,
          },
        });
      }
    }
  },
};
