import { recordKindList, registry, type RecordKind } from '../records/index.js';
import type { SourceKind } from '../records/shared/record-kind.js';

export type { SourceKind };

/** For each kind of record, the one kind of source whose word is authoritative (its descriptor says). */
export const authoritativeSourceKind = Object.fromEntries(recordKindList.map((d) => [d.kind, d.authority])) as Record<RecordKind, SourceKind>;

/**
 * Which kinds of source may furnish which kinds of record at all. Besides the authority,
 * a person may self-declare the score criteria through a partner app, and an employer may
 * state a worker's contact details and degrees; those stay UNVERIFIED until the authority
 * agrees. Each kind's descriptor lists them.
 */
export const permittedSourceKinds = Object.fromEntries(recordKindList.map((d) => [d.kind, d.furnishers])) as Record<RecordKind, readonly SourceKind[]>;

export const mayFurnish = (source: SourceKind, kind: RecordKind): boolean => permittedSourceKinds[kind].includes(source);

export const isAuthoritative = (source: SourceKind, kind: RecordKind): boolean =>
  authoritativeSourceKind[kind] === source || (registry[kind].coAuthorities?.includes(source) ?? false);

/** The status a record starts with: cross-checks later turn UNVERIFIED into VERIFIED or CONFLICTING. */
export const initialVerification = (source: SourceKind, kind: RecordKind): 'VERIFIED' | 'UNVERIFIED' =>
  isAuthoritative(source, kind) ? 'VERIFIED' : 'UNVERIFIED';

/**
 * Why a source may not furnish a record, if it may not: the kind's own rule on its sources
 * (only a court lists a judgment debtor), then the matrix. Ingestion and the seed ask the same.
 */
export function furnishingRefusal(source: SourceKind, kind: RecordKind, content: Record<string, unknown>): { field: string; reason: string } | null {
  const refused = registry[kind].refuseFrom?.(content, source);
  if (refused) return refused;
  if (!mayFurnish(source, kind)) {
    return { field: 'kind', reason: `a ${source} source may not furnish ${kind} records (only ${permittedSourceKinds[kind].join(', ')})` };
  }
  return null;
}
