import { parseNationalId } from '../records/identity/national-id.js';
import { UNSTORABLE_TEXT } from '../db/storable-text.js';
import { recordTables, type RecordKind } from '../records/index.js';
import { CourtCaseStatus, CourtRole } from '../records/courts/courts.types.js';
import { CreditAccountKind, CreditAccountStatus } from '../records/credit/credit.types.js';
import { AssetStatus } from '../records/property/property.types.js';
import { TransactionDirection } from '../records/transactions/transactions.types.js';

/**
 * The accepted shape of one furnished record, kind by kind:
 * `{ kind, sourceRecordId, nationalId, receivedAt?, content: {...} }`.
 * Hand-written small validators: they run once per line of a million-line file, and each
 * rejection names the field and the reason in words a furnisher can act on.
 */

export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Checks one value at `path` and returns its stored form, or throws a FieldError. */
type Check<T = unknown> = (value: unknown, path: string) => T;

const fail = (path: string, reason: string): never => {
  throw new FieldError(path, reason);
};

const absent = (v: unknown) => v === undefined || v === null;

/** Optional fields are stored as null (or their default) so every row has every column. */
function optional<T, D extends T | null = null>(check: Check<T>, fallback: D = null as D): Check<T | D> {
  return (v, path) => (absent(v) ? fallback : check(v, path));
}

const CONTROL = /[\u0000-\u001f\u007f]/;


function text(max: number): Check<string> {
  return (v, path) => {
    if (typeof v !== 'string') return fail(path, 'must be a string');
    const s = v.trim();
    if (s.length === 0) return fail(path, 'must not be empty');
    if (s.length > max) return fail(path, `must be at most ${max} characters`);
    if (CONTROL.test(s)) return fail(path, 'must not contain control characters');
    if (UNSTORABLE_TEXT.test(s)) return fail(path, 'must be valid Unicode text (it holds half of a surrogate pair)');
    return s;
  };
}

function oneOf<T extends string>(values: readonly T[]): Check<T> {
  const set = new Set<string>(values);
  return (v, path) =>
    typeof v === 'string' && set.has(v) ? (v as T) : fail(path, `must be one of ${values.join(', ')}`);
}

const enumValues = <E extends Record<string, string>>(e: E) => Object.values(e) as E[keyof E][];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days already checked: a load names the same few thousand days over and over. */
const realDays = new Map<string, boolean>();

function isRealDay(s: string): boolean {
  const known = realDays.get(s);
  if (known !== undefined) return known;
  if (realDays.size >= 50_000) realDays.clear();
  const real = checkDay(s);
  realDays.set(s, real);
  return real;
}

function checkDay(s: string): boolean {
  const m = DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1850 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A calendar day 'YYYY-MM-DD' that exists (no 2025-02-30). */
const day: Check<string> = (v, path) => {
  if (typeof v !== 'string' || !DAY.test(v)) return fail(path, "must be a date written 'YYYY-MM-DD'");
  return isRealDay(v) ? v : fail(path, 'is not a real calendar date');
};

const month: Check<string> = (v, path) => {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})$/.exec(v) : null;
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 1850) return fail(path, "must be a month written 'YYYY-MM'");
  return v as string;
};

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An ISO 8601 instant with its offset: a time without a zone would be ambiguous. Kept as its
 * UTC ISO string, so a record's content is plain JSON (what its hash covers, and what the
 * database parses).
 */
const instant: Check<string> = (v, path) => {
  // A Date (GraphQL's DateTime) meets the same calendar as a written instant.
  if (v instanceof Date && !Number.isNaN(v.getTime())) {
    const iso = v.toISOString();
    return isRealDay(iso.slice(0, 10)) ? iso : fail(path, 'is not a real instant');
  }
  // Already in the stored form (what most furnishers send): checked without building a Date.
  if (typeof v === 'string' && CANONICAL_INSTANT.test(v) && isRealDay(v.slice(0, 10))) return v;
  if (typeof v !== 'string' || !INSTANT.test(v)) return fail(path, "must be an ISO 8601 instant with its offset, e.g. '2025-03-01T08:30:00Z'");
  const date = new Date(v);
  if (Number.isNaN(date.getTime()) || !isRealDay(v.slice(0, 10))) return fail(path, 'is not a real instant');
  return date.toISOString();
};

/** Money in fen: an exact integer, never a float or a numeric string. */
function fen(min: number): Check<number> {
  return (v, path) => {
    if (typeof v !== 'number') return fail(path, 'must be an integer amount in fen (a JSON number, not a string)');
    if (!Number.isInteger(v)) return fail(path, 'must be a whole number of fen (no fractions)');
    if (!Number.isSafeInteger(v)) return fail(path, 'is too large to be exact');
    if (v < min) return fail(path, min === 0 ? 'must not be negative' : `must be at least ${min}`);
    return v;
  };
}

function int(min: number, max: number): Check<number> {
  return (v, path) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(path, `must be an integer from ${min} to ${max}`);
}

const positiveNumber: Check<number> = (v, path) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e7 ? v : fail(path, 'must be a positive number');

const bool: Check<boolean> = (v, path) => (typeof v === 'boolean' ? v : fail(path, 'must be true or false'));

/** National ID numbers already parsed: a load files many records under each person. */
const parsedIds = new Map<string, ReturnType<typeof parseNationalId>>();

const nationalId: Check<string> = (v, path) => {
  if (typeof v !== 'string') return fail(path, 'must be a string');
  let parsed = parsedIds.get(v);
  if (!parsed) {
    if (parsedIds.size >= 100_000) parsedIds.clear();
    parsed = parseNationalId(v);
    parsedIds.set(v, parsed);
  }
  return parsed.ok ? parsed.value : fail(path, parsed.message);
};

const phone: Check<string> = (v, path) => {
  const s = text(20)(v, path);
  return /^\+?[\d-]{5,20}$/.test(s) ? s : fail(path, 'must be a phone number (digits, an optional + and dashes)');
};

type Shape = Record<string, Check>;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * A closed object: unknown fields are refused (a misspelt field must not vanish silently).
 * Its fields come out in sorted order, the order of canonical JSON, so hashing it needs no sort.
 */
function object(shape: Shape): Check<Record<string, unknown>> {
  const keys = Object.keys(shape).sort();
  return (v, path) => {
    if (!isPlainObject(v)) return fail(path, 'must be an object');
    for (const key of Object.keys(v)) {
      // Own fields only: `constructor` or `__proto__` is no field of a record, whatever `in` says.
      if (!Object.hasOwn(shape, key)) fail(`${path}.${key}`, 'is not a field of this record');
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = shape[key]!(v[key], `${path}.${key}`);
    return out;
  };
}

function list<T>(item: Check<T>, max: number): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'must be a list');
    if (v.length > max) return fail(path, `must hold at most ${max} entries`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

// ---- the records ------------------------------------------------------------------------

const paymentChannels = ['ALIPAY', 'WECHAT_PAY', 'UNIONPAY', 'BANK_TRANSFER'] as const;
const licenceStatuses = ['VALID', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
const licenceClasses = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'D', 'E', 'F', 'M', 'N', 'P'] as const;
const educationLevels = ['VOCATIONAL', 'BACHELOR', 'MASTER', 'DOCTORATE'] as const;

/** Court statuses at which a ruling exists, so a judgment date and amount may be given. */
const ruledStatuses: ReadonlySet<string> = new Set(['JUDGMENT', 'SATISFIED', 'OVERTURNED']);

interface KindSchema {
  content: Shape;
  /** Rules across fields, after each field passed its own check. */
  rules?: (c: Record<string, unknown>) => void;
}

const notBefore = (c: Record<string, unknown>, later: string, earlier: string) => {
  const a = c[later];
  const b = c[earlier];
  if (typeof a === 'string' && typeof b === 'string' && a < b) fail(`content.${later}`, `must not be before ${earlier}`);
};

const ownedAsset = {
  valueFen: fen(0),
  ownerNationalId: nationalId,
  ownerName: text(100),
  status: oneOf(enumValues(AssetStatus)),
  registeredOn: optional(day),
};

const schemas: Record<RecordKind, KindSchema> = {
  identity: {
    content: {
      nationalId: optional(nationalId),
      name: text(100),
      birthDate: day,
      gender: optional(oneOf(['M', 'F'])),
      address: optional(text(300)),
      phone: optional(phone),
    },
  },
  driverLicence: {
    content: {
      licenceNumber: text(40),
      licenceClass: oneOf(licenceClasses),
      status: oneOf(licenceStatuses),
      penaltyPoints: optional(int(0, 100), 0),
      issuedOn: optional(day),
      expiresOn: optional(day),
    },
    rules: (c) => notBefore(c, 'expiresOn', 'issuedOn'),
  },
  property: {
    content: {
      certificateNumber: text(60),
      address: text(300),
      floorAreaM2: optional(positiveNumber),
      ...ownedAsset,
    },
  },
  vehicle: {
    content: {
      plateNumber: text(20),
      vin: text(17),
      model: text(100),
      ...ownedAsset,
    },
  },
  education: {
    content: {
      institution: text(200),
      level: oneOf(educationLevels),
      field: text(200),
      graduatedOn: optional(day),
      certificateNumber: text(60),
      issuerConfirmed: optional(bool, false),
    },
  },
  employment: {
    content: {
      employer: text(200),
      occupation: text(100),
      startedOn: day,
      endedOn: optional(day),
      employerPhone: optional(phone),
      referees: optional(list(object({ name: text(100), relation: text(40), phone }), 10), [] as never),
    },
    rules: (c) => notBefore(c, 'endedOn', 'startedOn'),
  },
  creditAccount: {
    content: {
      lender: text(200),
      accountKind: oneOf(enumValues(CreditAccountKind)),
      limitFen: fen(0),
      // A credit line paid beyond its balance owes the person money: negative is meaningful.
      balanceFen: fen(-Number.MAX_SAFE_INTEGER),
      status: oneOf(enumValues(CreditAccountStatus)),
      daysPastDue: optional(int(0, 100_000), 0),
      openedOn: day,
      closedOn: optional(day),
      repaymentHistory: optional(
        list(object({ month, daysPastDue: int(0, 100_000), balanceFen: fen(-Number.MAX_SAFE_INTEGER) }), 600),
        [] as never,
      ),
    },
    rules: (c) => notBefore(c, 'closedOn', 'openedOn'),
  },
  transaction: {
    content: {
      occurredAt: instant,
      amountFen: fen(1),
      direction: oneOf(enumValues(TransactionDirection)),
      channel: oneOf(paymentChannels),
      merchantCategory: optional(text(100)),
      counterparty: optional(text(200)),
    },
  },
  transactionMonth: {
    content: {
      month,
      transactionCount: int(0, 10_000_000),
      inflowFen: fen(0),
      outflowFen: fen(0),
    },
  },
  court: {
    content: {
      caseNumber: text(100),
      court: text(200),
      filedOn: day,
      role: oneOf(enumValues(CourtRole)),
      status: oneOf(enumValues(CourtCaseStatus)),
      judgmentOn: optional(day),
      judgmentAmountFen: optional(fen(0)),
      judgmentDebtor: optional(bool, false),
    },
    rules: (c) => {
      // A lawsuit is not a judgment: only a ruling carries a judgment date or amount.
      if (!ruledStatuses.has(c.status as string)) {
        if (c.judgmentOn !== null) fail('content.judgmentOn', `must be absent while the case is ${c.status as string}`);
        if (c.judgmentAmountFen !== null) fail('content.judgmentAmountFen', `must be absent while the case is ${c.status as string}`);
      }
      if (c.judgmentDebtor === true && c.status !== 'JUDGMENT') {
        fail('content.judgmentDebtor', 'may be true only on a JUDGMENT (a person fails to perform a judgment that stands)');
      }
      notBefore(c, 'judgmentOn', 'filedOn');
    },
  },
};

const contentChecks = Object.fromEntries(
  Object.entries(schemas).map(([kind, s]) => [kind, object(s.content)]),
) as Record<RecordKind, Check<Record<string, unknown>>>;

/** One validated furnished record: its content holds exactly its table's own columns. */
export interface FurnishedRecordValue {
  kind: RecordKind;
  sourceRecordId: string;
  nationalId: string;
  /** UTC ISO string. */
  receivedAt: string | null;
  content: Record<string, unknown>;
}

export type Validated = { ok: true; record: FurnishedRecordValue } | { ok: false; field?: string; reason: string };

const envelope = new Set(['kind', 'sourceRecordId', 'nationalId', 'receivedAt', 'content']);
const sourceRecordId: Check<string> = (v, path) => {
  const s = text(128)(v, path);
  return s === v ? s : fail(path, 'must not start or end with spaces');
};

export const isRecordKind = (k: unknown): k is RecordKind => typeof k === 'string' && Object.hasOwn(recordTables, k);

/** Validates one submitted record; the first problem found is reported with its field. */
export function validateFurnishedRecord(input: unknown): Validated {
  try {
    if (!isPlainObject(input)) return { ok: false, reason: 'a record must be a JSON object' };
    for (const key of Object.keys(input)) {
      if (!envelope.has(key)) fail(key, 'is not a field of a furnished record (kind, sourceRecordId, nationalId, receivedAt, content)');
    }
    const kind = input.kind;
    if (!isRecordKind(kind)) return { ok: false, field: 'kind', reason: `must be one of ${Object.keys(recordTables).join(', ')}` };
    const record: FurnishedRecordValue = {
      kind,
      sourceRecordId: sourceRecordId(input.sourceRecordId, 'sourceRecordId'),
      nationalId: nationalId(input.nationalId, 'nationalId'),
      receivedAt: optional(instant)(input.receivedAt, 'receivedAt'),
      content: contentChecks[kind](input.content, 'content'),
    };
    schemas[kind].rules?.(record.content);
    if (kind === 'identity') {
      // The identity record states the subject's own number: it must be the one it is filed under.
      if (record.content.nationalId !== null && record.content.nationalId !== record.nationalId) {
        fail('content.nationalId', 'must equal the nationalId the record is filed under');
      }
      record.content.nationalId = record.nationalId;
    }
    return { ok: true, record };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field: err.field, reason: err.reason };
    throw err;
  }
}
