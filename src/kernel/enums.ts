/**
 * A GraphQL enum from one list of values (the list the database column and the validator
 * use too): `{ A: 'A', B: 'B' }`, in the list's order, so `registerEnumType` prints the
 * values as the list gives them and code can still write `Status.A`.
 */
export function enumOf<const V extends string>(values: readonly V[]): { readonly [K in V]: K } {
  return Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as { readonly [K in V]: K };
}

/** The values of one vocabulary as a type. */
export type ValueOf<E> = E[keyof E];
