import { registry, type RecordKind } from '../../../records/index.js';
import type { AuthorityComparison } from '../../../records/shared/record-kind.js';
import { DiscrepancyKind } from '../discrepancy-kinds.js';
import { checkedKinds, findingKind, includes, type Compared, type CrossCheck, type Row } from '../cross-check.js';

/**
 * How a record from another channel is matched with the authority's record of the same fact
 * (`key`), the fields on which they must agree to verify it, and the further fields that must
 * also agree before a quarantined change counts as confirmed (each kind's descriptor says).
 */
const comparedKinds = checkedKinds.filter((k) => registry[k].comparison);
const comparisons = Object.fromEntries(comparedKinds.map((k) => [k, registry[k].comparison!])) as Record<RecordKind, AuthorityComparison>;

/** The finding a disagreement raises, and the one (if any) a record unknown to the authority raises, per kind. */
const disagreementOf = Object.fromEntries(
  comparedKinds.map((k) => [k, comparisons[k].disagreement ? findingKind(comparisons[k].disagreement) : DiscrepancyKind.CONFLICTS_WITH_AUTHORITY]),
) as Record<RecordKind, DiscrepancyKind>;
const unknownOf = Object.fromEntries(
  comparedKinds.flatMap((k) => {
    const u = comparisons[k].unknownToAuthority;
    return u ? [[k, { finding: findingKind(u.finding), reason: u.reason }]] : [];
  }),
) as Partial<Record<RecordKind, { finding: DiscrepancyKind; reason: string }>>;

/** The fields this check reads of a kind: its key and the fields compared. */
export const comparedFields = (kind: RecordKind): string[] => {
  const c = comparisons[kind];
  if (!c) return [];
  return [...(c.key ? [c.key] : []), ...c.agree, ...c.confirm];
};

function normalise(c: AuthorityComparison, field: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const own = c.normalise?.[field];
  return own ? own(v) : String(v);
}

/** Fields where both sides say something and say it differently. */
function differing(c: AuthorityComparison, fields: string[], a: Row, b: Row): string[] {
  return fields.filter((f) => {
    const x = normalise(c, f, a[f]);
    const y = normalise(c, f, b[f]);
    return x !== null && y !== null && x !== y;
  });
}

function compare(kind: RecordKind, claim: Row, authority: Row[]): Compared['cmp'] {
  const c = comparisons[kind];
  const candidates = c.key ? authority.filter((a) => a[c.key!] === claim[c.key!]) : authority;
  if (candidates.length === 0 && c.sameFactBy) return compareSameFact(c, claim, authority);
  if (candidates.length === 0) return { outcome: null, confirmed: false, fields: [] };
  for (const a of candidates) {
    if (differing(c, c.agree, claim, a).length === 0) {
      return { outcome: 'agrees', confirmed: differing(c, c.confirm, claim, a).length === 0, fields: [], authority: a };
    }
  }
  return { outcome: 'disagrees', confirmed: false, fields: differing(c, c.agree, claim, candidates[0]!), authority: candidates[0] };
}

/**
 * A claim under a key the authority does not know, against the authority's records of the
 * same fact (`sameFactBy`): the closest one names the fields that disagree; one that agrees
 * on everything still differs in the key (the same degree under another certificate number).
 */
function compareSameFact(c: AuthorityComparison, claim: Row, authority: Row[]): Compared['cmp'] {
  const same = authority.filter((a) => differing(c, c.sameFactBy!, claim, a).length === 0 && c.sameFactBy!.every((f) => a[f] != null && claim[f] != null));
  if (same.length === 0) return { outcome: null, confirmed: false, fields: [] };
  const ranked = same.map((a) => ({ a, fields: differing(c, c.agree, claim, a) })).sort((x, y) => x.fields.length - y.fields.length);
  const closest = ranked[0]!;
  return { outcome: 'disagrees', confirmed: false, fields: closest.fields.length > 0 ? closest.fields : [c.key!], authority: closest.a };
}

/**
 * Authority agreement: each record of a compared kind from a channel other than its authority,
 * against the authority's record of the same fact. A disagreement is a finding (the kind's
 * descriptor names it); so is, for some kinds, a record the authority does not know. Every
 * comparison is reported: the record's verification status follows from it.
 */
export const authorityAgreementCheck: CrossCheck = {
  name: 'authority agreement',
  examine(run, personId, records, _prepared, out) {
    for (const kind of comparedKinds) {
      if (!includes(run.comparedOf(personId), kind)) continue;
      const rows = records(kind);
      const authority = rows.filter((r) => run.isAuthority(kind, r));
      for (const row of rows) {
        if (run.isAuthority(kind, row)) continue;
        const cmp = compare(kind, row, authority);
        out.compared.push({ kind, row, cmp });
        const unknown = unknownOf[kind];
        if (cmp.outcome === 'disagrees') {
          out.findings.push({ personId, kind: disagreementOf[kind], records: [row, cmp.authority!], recordKinds: [kind, kind], details: { fields: cmp.fields } });
        } else if (unknown && cmp.outcome === null) {
          out.findings.push({ personId, kind: unknown.finding, records: [row], recordKinds: [kind], details: { reason: unknown.reason } });
        }
      }
    }
  },
};
