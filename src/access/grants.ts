import { categories, precisionRank, type Category } from './catalogue.js';
import { registry, type RecordKind } from '../records/index.js';
import { restrictedView, type RestrictedViewDeclaration } from '../records/shared/record-kind.js';

/** The precision rank a reader holds per category (-1: nothing). */
export type Grants = Readonly<Record<Category, number>>;

const allCategories = Object.keys(categories) as Category[];

export const noGrants: Grants = Object.fromEntries(allCategories.map((c) => [c, -1])) as Grants;

/** Every category at its finest precision: regulators and subjects reading their own data. */
export const fullGrants: Grants = Object.fromEntries(
  allCategories.map((c) => [c, categories[c].length - 1]),
) as Grants;

export function grantsFrom(rows: { category: string; precision: string }[]): Grants {
  const out: Record<string, number> = { ...noGrants };
  for (const r of rows) {
    if (!(r.category in categories)) continue;
    const rank = precisionRank(r.category as Category, r.precision);
    if (rank > out[r.category]!) out[r.category] = rank;
  }
  return out as Grants;
}

/** A consent's scope narrows a licence: categories outside a non-empty scope are dropped. */
export function narrowToScope(grants: Grants, scope: readonly string[]): Grants {
  if (scope.length === 0) return grants;
  const allowed = new Set(scope);
  return Object.fromEntries(allCategories.map((c) => [c, allowed.has(c) ? grants[c] : -1])) as Grants;
}

export function holds(grants: Grants, category: Category, precision: string): boolean {
  return grants[category] >= precisionRank(category, precision);
}

export function describeGrants(grants: Grants): { category: Category; precision: string }[] {
  return allCategories
    .filter((c) => grants[c] >= 0)
    .map((c) => ({ category: c, precision: categories[c][grants[c]]! }));
}

/**
 * The restricted view a reader's grants impose on a record kind's rows (its descriptor's
 * views): the record, its history and its provenance are all read under it.
 */
export function restrictedViewFor(kind: RecordKind, grants: Grants): RestrictedViewDeclaration | undefined {
  return restrictedView(registry[kind], grants);
}
