/**
 * Text no PostgreSQL text or jsonb column can store: NUL, and half of a surrogate pair (with
 * the u flag a whole pair never matches). JSON carries both, so input is checked for them.
 */
export const UNSTORABLE_TEXT = /[\u0000\uD800-\uDFFF]/u;
