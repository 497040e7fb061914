import { recordKindList, type RecordKind } from '../../../records/index.js';
import type { DeclaredComparison } from '../../../records/shared/record-kind.js';
import type { DiscrepancyKind } from '../discrepancy-kinds.js';
import { findingKind, kindSet, type CrossCheck, type Row } from '../cross-check.js';

/** The kinds checked against other kinds' records (their descriptors' `declared`), in registry order. */
const declaredKinds = recordKindList.flatMap((d) => (d.declared ? [{ kind: d.kind as RecordKind, declared: d.declared, finding: findingKind(d.declared.finding) }] : [])) as {
  kind: RecordKind;
  declared: DeclaredComparison;
  finding: DiscrepancyKind;
}[];
const declaredSet = kindSet(declaredKinds.map((d) => d.kind));
const againstSet = kindSet(declaredKinds.flatMap((d) => d.declared.against.map((a) => a.kind as RecordKind)));

/** The fields this check reads of a kind: a declared kind's own, and what it is checked against. */
export const declaredFields = (kind: RecordKind): string[] => [
  ...declaredKinds.filter((d) => d.kind === kind).flatMap((d) => d.declared.against.flatMap((a) => Object.keys(a.fields))),
  ...declaredKinds.flatMap((d) => d.declared.against.filter((a) => a.kind === kind).flatMap((a) => [...Object.values(a.fields), ...(a.inForce ? [a.inForce] : [])])),
];

const stated = (v: unknown) => v !== null && v !== undefined;

/**
 * Declared against the record: what an applicant told a lender (name, birth date, phone,
 * address, employer) against the identity registry's record and the employer network's jobs
 * in force. A field disagrees when both sides state it and no record of the other side
 * states the same value. A disagreement is a finding naming the fields, and the declared
 * record is CONFLICTING; VERIFIED when every field compared agrees; UNVERIFIED when nothing
 * could be compared.
 */
export const declaredCheck: CrossCheck = {
  name: 'declared against the record',
  // A changed declaration is compared with the registry and jobs, and a changed registry record or job with the declarations.
  reads(compared) {
    let kinds = compared;
    if ((compared & declaredSet) !== 0) kinds |= againstSet;
    if ((compared & againstSet) !== 0) kinds |= declaredSet;
    return kinds;
  },
  examine(run, personId, records, _prepared, out) {
    for (const { kind, declared, finding } of declaredKinds) {
      for (const row of records(kind)) {
        const fields: string[] = [];
        let comparedAny = false;
        const disagreeing: { kind: RecordKind; row: Row }[] = [];
        for (const against of declared.against) {
          const other = against.kind as RecordKind;
          const theirs = records(other).filter((r) => (!against.authorityOnly || run.isAuthority(other, r)) && (!against.inForce || !stated(r[against.inForce])));
          let differs = false;
          for (const [own, their] of Object.entries(against.fields)) {
            const values = theirs.map((r) => r[their]).filter(stated).map(String);
            if (!stated(row[own]) || values.length === 0) continue;
            comparedAny = true;
            if (!values.includes(String(row[own]))) {
              fields.push(own);
              differs = true;
            }
          }
          if (differs) disagreeing.push({ kind: other, row: theirs[0]! });
        }
        out.compared.push({ kind, row, cmp: { outcome: fields.length > 0 ? 'disagrees' : comparedAny ? 'agrees' : null, confirmed: true, fields } });
        if (fields.length === 0) continue;
        out.findings.push({
          personId,
          kind: finding,
          records: [row, ...disagreeing.map((d) => d.row)],
          recordKinds: [kind, ...disagreeing.map((d) => d.kind)],
          details: { fields },
        });
      }
    }
  },
};
