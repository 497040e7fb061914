import fc from 'fast-check';
import { composeNationalId } from '../../src/records/identity/national-id.js';

/**
 * Arbitraries for the fuzz tests: hostile strings and values, and furnished records that are
 * valid, or invalid by construction (each invalid one knows why, so the tests need no
 * validator of their own to know what must be stored).
 */

/** Fast-check's seed for these files: fixed, so a run is reproducible; FUZZ_SEED tries another. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_251_111);

/** Runs of a property: enough for CI on two cores; FUZZ_RUNS asks for a longer search. */
export const fuzzRuns = (runs: number) => Number(process.env.FUZZ_RUNS ?? runs);

/** Starts a server whose per-key rate limits a fuzz run cannot reach: they are not what it tests. */
export async function withoutRateLimits<T>(start: () => Promise<T>): Promise<T> {
  const names = ['RATE_LIMIT_PER_MINUTE', 'RATE_LIMIT_INGEST_PER_MINUTE'];
  const saved = names.map((name) => process.env[name]);
  for (const name of names) process.env[name] = '1000000';
  try {
    return await start();
  } finally {
    names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i])));
  }
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Names a plain object inherits: a check with `in` mistakes them for declared fields. */
export const prototypeNames = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

/** Strings a caller may send: any code point, NUL and other controls, half surrogate pairs, numbers and dates written out, prototype names, long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\ufeff', '\u202e', '\ufffd', ' ', 'X'), loneSurrogate), maxLength: 12 }),
  fc.constantFrom('', ' ', '0', '-1', '1.5', '1e3', '0x10', 'NaN', 'null', 'true', '[]', '{}', ...prototypeNames),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '2025-02-30T00:00:00Z', '2025-01-01'),
  fc.integer({ min: 200, max: 5_000 }).map((n) => 'x'.repeat(n)),
);

/**
 * JSON nested `depth` levels, as arrays or objects: deeper than a recursive walk survives,
 * and deeper than JSON.stringify writes, so it is kept as its depth and written by toJsonText.
 */
export class DeepJson {
  constructor(
    readonly depth: number,
    readonly asObject: boolean,
  ) {}

  text(): string {
    return this.asObject ? `${'{"a":'.repeat(this.depth)}1${'}'.repeat(this.depth)}` : `${'['.repeat(this.depth)}1${']'.repeat(this.depth)}`;
  }
}

export const deepJson = (depth: number, asObject: boolean) => new DeepJson(depth, asObject);

/** JSON.stringify, writing each DeepJson out as its text. */
export function toJsonText(value: unknown): string {
  const deep: DeepJson[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof DeepJson ? `\u0000deep${deep.push(v) - 1}\u0000` : v));
  return text.replace(/"\\u0000deep(\d+)\\u0000"/g, (_, i: string) => deep[Number(i)]!.text());
}

/** Values of any JSON type, including numbers no column holds and deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 3 },
  fc.constantFrom(0, -1, 1.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 4 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...prototypeNames), fc.string({ maxLength: 5 })), fc.integer(), { maxKeys: 3 }),
  fc.tuple(fc.constantFrom(30, 3_000, 20_000), fc.boolean()).map(([depth, asObject]) => deepJson(depth, asObject)),
);

/** A valid national ID number that no demo person and no other run has: run `run`, number `n`. */
export function freshNationalId(run: number, n: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + ((run * 7 + n) % 18_000) * 86_400_000).toISOString().slice(0, 10);
  return composeNationalId('330106', day, 500 + ((Math.floor((run * 7 + n) / 18_000) * 13) % 500));
}

/** National ID numbers the exchange must refuse: wrong check digit, length, characters, birth dates. */
export const invalidNationalId: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0, max: 9_999 }).map((n) => {
    const valid = composeNationalId('110105', '1980-05-17', n % 1000);
    const wrong = '0123456789X'.replace(valid[17]!, '')[n % 10]!;
    return valid.slice(0, 17) + wrong;
  }),
  fc.constantFrom(
    '11010519800517031',
    '1101051980051703145',
    '110105198005170A14',
    '１１０１０５１９８００５１７０３１４',
    composeNationalId('110105', '2999-01-01', 101),
    composeNationalId('110105', '1980-02-30', 101),
    composeNationalId('110105', '1849-12-31', 101),
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Instants written as the validator accepts them: UTC or with an offset, 1900 to 2100. */
const validInstant: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: Date.UTC(1900, 0, 2), max: Date.UTC(2100, 0, 1) }), fc.constantFrom(0, 480, -300, 330))
  .map(([ms, offsetMinutes]) => {
    if (offsetMinutes === 0) return new Date(ms).toISOString();
    const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
    const sign = offsetMinutes > 0 ? '+' : '-';
    const abs = Math.abs(offsetMinutes);
    return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  });

/** Instants the exchange must refuse, in a field of a record. */
const invalidInstant = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '1849-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '2025-02-30T10:00:00Z',
  '2025-01-01T25:00:00Z',
  '2025-01-01',
  '2025-01-01T00:00:00',
  '1 January 2025',
);

/** Printable text that stays the same length once trimmed and holds no control character. */
const validText = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 30) })
    .filter((s) => s.trim() === s && s.length > 0 && s.length <= max && !/[\u0000-\u001f\u007f]/.test(s));

/** A clearing-house record: what the demo clearing-house furnisher may send. */
export type FurnishedRecord = { kind: string; sourceRecordId: string; nationalId: string; receivedAt?: string; content: Record<string, unknown> };

/** Everything of a valid record but its id and person, which each run assigns. */
export type RecordBody = Pick<FurnishedRecord, 'kind' | 'receivedAt' | 'content'>;

const transactionBody: fc.Arbitrary<RecordBody> = fc.record(
  {
    kind: fc.constant('transaction'),
    receivedAt: validInstant,
    content: fc.record(
      {
        occurredAt: validInstant,
        amountFen: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
        direction: fc.constantFrom('INFLOW', 'OUTFLOW'),
        channel: fc.constantFrom('ALIPAY', 'WECHAT_PAY', 'UNIONPAY', 'BANK_TRANSFER'),
        merchantCategory: fc.oneof(validText(100), fc.constant(null)),
        counterparty: fc.oneof(validText(200), fc.constant(null)),
      },
      { requiredKeys: ['occurredAt', 'amountFen', 'direction', 'channel'] },
    ),
  },
  { requiredKeys: ['kind', 'content'] },
);

const monthBody: fc.Arbitrary<RecordBody> = fc.record({
  kind: fc.constant('transactionMonth'),
  content: fc.record({
    month: fc.tuple(fc.integer({ min: 1850, max: 9999 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
    transactionCount: fc.integer({ min: 0, max: 10_000_000 }),
    inflowFen: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    outflowFen: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  }),
});

export const validRecordBody: fc.Arbitrary<RecordBody> = fc.oneof(transactionBody, monthBody);

/**
 * How GraphQL's submitRecords takes a broken record: `line`, the record is refused on its own;
 * `request`, the whole submission is refused (a variable does not fit its declared type, or
 * holds text no column stores) and nothing of it is stored. NDJSON refuses every one by line.
 */
export type GraphqlRefusal = 'line' | 'request';

/** A way to break a valid record: each is sure to be refused. */
export interface Break {
  name: string;
  apply: (r: FurnishedRecord) => unknown;
  graphql: GraphqlRefusal;
}

const contentField = (r: FurnishedRecord) => (r.kind === 'transaction' ? 'amountFen' : 'transactionCount');
const textField = (r: FurnishedRecord) => (r.kind === 'transaction' ? 'merchantCategory' : 'month');
const withContent = (r: FurnishedRecord, over: Record<string, unknown>) => ({ ...r, content: { ...r.content, ...over } });
/** The record with `field` set as an own field, even "__proto__". */
const withField = (r: FurnishedRecord, field: string, value: unknown) =>
  Object.defineProperty({ ...r }, field, { value, enumerable: true, writable: true, configurable: true });
const isObject = (v: unknown) => (v instanceof DeepJson ? v.asObject : typeof v === 'object' && v !== null && !Array.isArray(v));

/** Whether a value holds a NUL or half a surrogate pair anywhere (a loop: values nest deep). */
export function holdsUnstorableText(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === 'string') {
      if (/\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(v)) return true;
    } else if (Array.isArray(v)) pending.push(...v);
    else if (v && typeof v === 'object') pending.push(...Object.values(v));
  }
  return false;
}

// Refused for either kind: none is a whole number in 1..MAX_SAFE_INTEGER nor in 0..10,000,000.
const badNumbers: unknown[] = ['12', true, null, [], {}, 1.5, -1, 2 ** 53, 1e308, -1e308];

/** Breaks of a valid record, drawn with their random parts. */
export const recordBreak: fc.Arbitrary<Break> = fc.oneof(
  fc.constantFrom(...badNumbers).map((v) => ({
    name: `number field = ${JSON.stringify(v)}`,
    apply: (r: FurnishedRecord) => withContent(r, { [contentField(r)]: v }),
    graphql: 'line' as const,
  })),
  invalidInstant.map((v) => ({ name: `occurredAt = ${v}`, apply: (r: FurnishedRecord) => withContent({ ...r, kind: 'transaction' }, { occurredAt: v }), graphql: 'line' as const })),
  // receivedAt is a DateTime variable: GraphQL refuses what its scalar cannot read; a year before 1850 only the record's check.
  invalidInstant.map((v) => ({ name: `receivedAt = ${v}`, apply: (r: FurnishedRecord) => ({ ...r, receivedAt: v }), graphql: v.startsWith('1849') ? ('line' as const) : ('request' as const) })),
  invalidNationalId.map((v) => ({ name: `nationalId = ${JSON.stringify(v)}`, apply: (r: FurnishedRecord) => ({ ...r, nationalId: v }), graphql: 'line' as const })),
  fc.constantFrom(...prototypeNames).map((name) => ({
    name: `content field ${name}`,
    apply: (r: FurnishedRecord) => ({ ...r, content: Object.defineProperty({ ...r.content }, name, { value: 1, enumerable: true }) }),
    graphql: 'line' as const,
  })),
  fc.constantFrom('\u0000', '\u0007', '\ud800', '\udfff').map((c) => ({
    name: `text with U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    apply: (r: FurnishedRecord) => withContent(r, { [textField(r)]: `a${c}b` }),
    graphql: 'line' as const,
  })),
  fc.integer({ min: 201, max: 3_000 }).map((n) => ({ name: `text of ${n} characters`, apply: (r: FurnishedRecord) => withContent(r, { [textField(r)]: 'y'.repeat(n) }), graphql: 'line' as const })),
  fc.tuple(fc.constantFrom(30, 3_000, 20_000), fc.boolean()).map(([depth, asObject]) => ({
    name: `number field = ${depth}-deep ${asObject ? 'object' : 'array'}`,
    apply: (r: FurnishedRecord) => withContent(r, { [contentField(r)]: deepJson(depth, asObject) }),
    graphql: 'line' as const,
  })),
  // No value here has the fields of a record's content: an object is refused by the record's check, anything else by JSONObject.
  hostileValue.map((v) => ({ name: 'content = hostile value', apply: (r: FurnishedRecord) => ({ ...r, content: v }), graphql: isObject(v) ? ('line' as const) : ('request' as const) })),
  fc.constantFrom('horoscope', 'court', 'identity', '__proto__', 'constructor').map((kind) => ({
    name: `kind = ${kind}`,
    // court and identity are kinds the clearing house may not furnish (nor is its content theirs); the others are no kind.
    apply: (r: FurnishedRecord) => ({ ...r, kind }),
    graphql: kind === 'court' || kind === 'identity' ? ('line' as const) : ('request' as const),
  })),
  fc.constantFrom('content', 'nationalId', 'sourceRecordId', 'kind').map((field) => ({
    name: `no ${field}`,
    apply: (r: FurnishedRecord) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== field)),
    graphql: 'request' as const,
  })),
  fc.constantFrom<[string, unknown]>(['sourceRecordId', 17], ['sourceRecordId', ' padded '], ['sourceRecordId', ''], ['nationalId', 110105198005170314], ['extra', 1], ['__proto__', { kind: 'court' }]).map(([field, v]) => ({
    name: `${field} = ${JSON.stringify(v)}`,
    apply: (r: FurnishedRecord) => withField(r, field, v),
    // Strings GraphQL takes as String!, refused by the record's check.
    graphql: typeof v === 'string' ? ('line' as const) : ('request' as const),
  })),
);

/** How GraphQL takes a broken record: text no column stores refuses the whole submission, wherever it is. */
export const graphqlRefusal = (b: Break, broken: unknown): GraphqlRefusal => (holdsUnstorableText(broken) ? 'request' : b.graphql);
