import fc from 'fast-check';

/** What a JSON body can hold. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The part of an OpenAPI schema object the generators read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: Json[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: Json;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
}

export type Schemas = Record<string, Schema>;

/** A seed field is a fixed value or a generator (for values that must differ per body: keys, codes). */
export type SeedBody = Record<string, Json | fc.Arbitrary<Json>>;

export const SCRIPT = '<script>alert(1)</script>';
export const SQL = "'; DROP TABLE resident;--";
/** The property a successful prototype pollution would leave on Object.prototype. */
export const POLLUTED = 'kyoseiFuzzPolluted';

/** Unicode that has broken parsers, databases, indexes and renderers elsewhere. */
const UNICODE = [
  '\u0000',
  'a\u0000b',
  '\ud800', // lone high surrogate
  'x\udfffy', // lone low surrogate
  '\ud83d', // half an emoji
  '\u202eevil.exe\u202c', // right-to-left override
  '\u200fمرحبا\u200e', // RTL and LTR marks
  '\u200b\u200c\u200d\ufeff', // zero-width characters and BOM
  'e\u0301\u0301\u0301\u0301\u0301', // stacked combining accents
  'Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319', // zalgo
  '\u{1F469}\u200d\u{1F469}\u200d\u{1F467}\u200d\u{1F466}', // family emoji (one grapheme, 11 code units)
  '\u{1F1EF}\u{1F1F5}', // flag
  '\u{1F4A9}',
  'ＡＢＣ１２３', // full-width alphanumerics
  'ｸﾞｴﾝ ｳﾞｧﾝ', // half-width katakana
  '＜ｓｃｒｉｐｔ＞', // full-width angle brackets
  '\u3000', // ideographic space
  '𠮷野家', // a kanji outside the BMP
  'İıßﬀŉ', // case mapping surprises
  '\u2028\u2029', // JS line separators
  '\r\n\t\v\f\b',
  '\u001b[31m', // terminal escape
  '\uffff\ufffe\ufffd',
  '\u{10FFFF}',
];

/** Fragments of SQL, HTML, templates and paths. */
const INJECTION = [
  SCRIPT,
  `"><img src=x onerror=alert(1)>`,
  '<svg/onload=alert(1)>',
  'javascript:alert(1)',
  '</textarea><script>alert(1)</script>',
  SQL,
  "' OR '1'='1",
  "1'; SELECT pg_sleep(5);--",
  "Robert'); DROP TABLE support_case;--",
  '\\',
  '"',
  "'",
  '%',
  '_%',
  '%00',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  '../../../../etc/passwd',
  '=HYPERLINK("http://x")',
  '+cmd|calc!A0',
  '@SUM(1)',
  '$1',
  '\\x00',
];

/** Strings that look like other types, or are empty. */
const IMPOSTORS = ['', ' ', 'null', 'undefined', 'NaN', 'true', '0', '-1', '1e309', '[]', '{}', '__proto__'];

/** Dates a strict date parser must refuse, and a few legal edge dates. */
export const DATES = [
  '2025-02-30',
  '2025-02-29',
  '2024-02-29',
  '2025-13-01',
  '2025-00-10',
  '2025-04-31',
  '0000-00-00',
  '0000-01-01',
  '0001-01-01',
  '1900-01-01',
  '9999-12-31',
  '10000-01-01',
  '-000001-01-01',
  '+275760-09-13',
  '+275760-09-14',
  '5881610-07-11',
  '1970-01-01T00:00:00Z',
  '2025-04-01T25:61:61Z',
  '2025-04-01 12:00',
  '2025-4-1',
  '20250401',
  '２０２５-０４-０１',
  '令和7年4月1日',
  '2025-04-01\u0000',
  ' 2025-04-01',
  'yesterday',
  'Infinity',
];

/** Numbers at and beyond the edges of JavaScript, PostgreSQL integer and numeric types. */
export const NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1.5,
  0.25,
  -0.0001,
  2 ** 15,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.EPSILON,
  123456789012345680000,
];

/** Long strings (built once): past every varchar limit, past a btree index row, near the body limit. */
export const HUGE = [
  'A'.repeat(255),
  '\u2764\ufe0f'.repeat(150), // 300 code points that class-validator counts as 150 characters
  'A'.repeat(256),
  'A'.repeat(4_001),
  'x'.repeat(20_001),
  '漢'.repeat(3_000), // 9,000 bytes: more than a btree index row can hold
  SCRIPT.repeat(400),
  '\u{1F4A9}'.repeat(2_000),
  'e\u0301'.repeat(5_000),
  'a '.repeat(20_000), // 20,000 words for the name tokenizer
  'ア'.repeat(100_000), // 300 kB
];

/** More than the 1 MiB body limit: must be 413, not a crash. */
export const OVERSIZED = JSON.stringify({ text: 'x'.repeat(1_100_000) });

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...UNICODE, ...INJECTION, ...IMPOSTORS) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 1, arbitrary: fc.constantFrom(...DATES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  // An injection inside otherwise plausible text.
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('浜松', 'SILVA', 'Note ', ''), fc.constantFrom(...INJECTION, ...UNICODE))
      .map(([text, fragment]) => `${text}${fragment}`),
  },
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const nastyScalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** An object whose own keys are exactly these (no prototype setter: `__proto__` stays a key). */
export function objectOf(entries: Array<[string, Json]>): Record<string, Json> {
  const object: Record<string, Json> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** Prototype-pollution shapes, each tried alone and nested under a field. */
const pollution: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  objectOf([['__proto__', { [POLLUTED]: 'yes', isAdmin: true }]]),
  objectOf([['constructor', { prototype: { [POLLUTED]: 'yes' } }]]),
  objectOf([['prototype', { [POLLUTED]: 'yes' }]]),
  objectOf([['__proto__', objectOf([['__proto__', { [POLLUTED]: 'yes' }]])]]),
  objectOf([['toString', 'boom']]),
  objectOf([['hasOwnProperty', 'boom']]),
  objectOf([['valueOf', { [POLLUTED]: 'yes' }]]),
  [objectOf([['__proto__', { [POLLUTED]: 'yes' }]])],
);

/** Any hostile value: a wrong-typed scalar, an array or object where a scalar belongs, pollution keys. */
export const hostile: fc.Arbitrary<Json> = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: nastyScalar },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', ''), nastyString), tie('value')), {
          maxLength: 4,
        })
        .map(objectOf),
    },
  ),
})).value;

const uuid = fc.uuid({ version: 4 });

/** A plausible value for a schema (enum members, dates, bounded numbers), sometimes with nasty text. */
export function plausible(schema: Schema, schemas: Schemas, depth = 0): fc.Arbitrary<Json> {
  const resolved = resolve(schema, schemas);
  if (resolved.enum) return fc.constantFrom(...resolved.enum);
  switch (resolved.type) {
    case 'boolean':
      return fc.boolean();
    case 'number':
    case 'integer': {
      const min = resolved.minimum ?? 0;
      const max = resolved.maximum ?? Math.max(min + 1000, 1000);
      return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min, max));
    }
    case 'array':
      return depth > 2
        ? fc.constant([])
        : fc.array(plausible(resolved.items ?? {}, schemas, depth + 1), { maxLength: 3 });
    case 'object':
      if (resolved.properties && depth <= 2) {
        return fc.record(
          Object.fromEntries(
            Object.entries(resolved.properties).map(([key, value]) => [key, plausible(value, schemas, depth + 1)]),
          ),
          { requiredKeys: resolved.required ?? [] },
        ) as fc.Arbitrary<Json>;
      }
      // Swagger says "object" for optional nullable strings (string | null in TypeScript).
      return plausibleString(resolved);
    default:
      return plausibleString(resolved);
  }
}

function plausibleString(schema: Schema): fc.Arbitrary<Json> {
  if (schema.format === 'date') {
    return fc
      .date({ min: new Date('1950-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
  }
  if (schema.format === 'uuid') return uuid;
  const examples = schema.example === undefined ? [] : [schema.example];
  return fc.oneof(
    ...examples.map((example) => fc.constant(example)),
    fc.string({ unit: 'grapheme', minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 30, 30) }),
    nastyString,
  );
}

function resolve(schema: Schema, schemas: Schemas): Schema {
  if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!] ?? {}, schemas);
  if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0], schemas), nullable: schema.nullable };
  return schema;
}

/** The body schema's own fields: properties and required keys. */
export function fieldsOf(schema: Schema, schemas: Schemas): { properties: Record<string, Schema>; required: string[] } {
  const resolved = resolve(schema, schemas);
  return { properties: resolved.properties ?? {}, required: resolved.required ?? [] };
}

/** A seed whose generator fields are drawn afresh. */
function seedArbitrary(seed: SeedBody): fc.Arbitrary<Record<string, Json>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(seed).map(([key, value]) => [
        key,
        value instanceof fc.Arbitrary ? value : fc.constant(value as Json),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, Json>>;
}

type Mutation =
  | { kind: 'replace'; key: string; value: Json }
  | { kind: 'text'; key: string; value: string }
  | { kind: 'drop'; key: string }
  | { kind: 'add'; key: string; value: Json };

function mutate(body: Record<string, Json>, mutations: Mutation[]): Record<string, Json> {
  const entries = new Map(Object.entries(body));
  for (const mutation of mutations) {
    if (mutation.kind === 'drop') entries.delete(mutation.key);
    else entries.set(mutation.key, mutation.value);
  }
  return objectOf([...entries]);
}

/**
 * The bodies one route is fuzzed with:
 * - its valid seed with one to three fields replaced by hostile values, dropped, or extended, and
 *   text fields given injection fragments (these get stored: the stored-script check needs them);
 * - plausible values for every field of the schema;
 * - the schema's keys with hostile values;
 * - prototype-pollution shapes at the top and under a field;
 * - completely random JSON (arrays, strings, numbers, null, objects).
 */
export function bodies(schema: Schema, schemas: Schemas, seed: SeedBody): fc.Arbitrary<Json> {
  const { properties, required } = fieldsOf(schema, schemas);
  const keys = [...new Set([...Object.keys(properties), ...Object.keys(seed)])];
  const key = keys.length ? fc.constantFrom(...keys) : fc.constant('field');
  const textKeys = keys.filter((name) => typeof seed[name] === 'string' || seed[name] instanceof fc.Arbitrary);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), key, value: hostile }) },
    ...(textKeys.length
      ? [
          {
            weight: 4,
            arbitrary: fc.record({
              kind: fc.constant('text' as const),
              key: fc.constantFrom(...textKeys),
              value: fc.oneof(
                fc.constantFrom(SCRIPT, `Note ${SCRIPT}`, SQL, `浜松 ${SQL}`, `<b onmouseover=alert(1)>x</b>`),
                nastyString,
              ),
            }),
          },
        ]
      : []),
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), key }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('add' as const),
        key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'orgId', 'version'), nastyString),
        value: hostile,
      }),
    },
  );
  const mutatedSeed = fc
    .tuple(seedArbitrary(seed), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([body, mutations]) => mutate(body, mutations) as Json);
  const plausibleBody = fc.tuple(seedArbitrary(seed), plausible({ type: 'object', properties, required }, schemas)).map(
    ([base, generated]) =>
      objectOf([
        ...Object.entries(base),
        ...Object.entries(generated as Record<string, Json>),
        // The version stays the one read, so that plausible bodies can pass the version check.
        ...(base.version === undefined ? [] : [['version', base.version] as [string, Json]]),
      ]) as Json,
  );
  const wrongTyped = fc
    .record(Object.fromEntries(keys.map((name) => [name, hostile])), { requiredKeys: [] })
    .map((body) => objectOf(Object.entries(body) as Array<[string, Json]>) as Json);
  const polluted = fc
    .tuple(seedArbitrary(seed), key, pollution, fc.boolean())
    .map(([body, field, value, atTop]) =>
      atTop && typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (objectOf([...Object.entries(body), ...Object.entries(value)]) as Json)
        : (objectOf([...Object.entries(body), [field, value]]) as Json),
    );
  return fc.oneof(
    { weight: 8, arbitrary: mutatedSeed },
    { weight: 3, arbitrary: plausibleBody },
    { weight: 3, arbitrary: wrongTyped },
    { weight: 1, arbitrary: polluted },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  );
}

/** Bodies that are not JSON at all, or JSON the parser may choke on. Sent as raw text. */
export const RAW_BODIES: string[] = [
  '',
  '{',
  '{"a":1,}',
  "{'a':1}",
  '\ufeff{}',
  'null',
  '"just a string"',
  '[]',
  '123',
  'true',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":1e999}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  `{"__proto__":{"${POLLUTED}":1}}`,
  `{"constructor":{"prototype":{"${POLLUTED}":1}}}`,
  '{"a":1,"a":2}',
  '['.repeat(5_000) + ']'.repeat(5_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  OVERSIZED,
];

/**
 * Why an accepted (2xx) body breaks the OpenAPI contract, if it does: a field of the wrong type,
 * outside the enum or the declared bounds, unknown, or null where required. Such a body was stored
 * as garbage (an object in a text column, a number as text) or acted on unchecked.
 */
export function contractBreach(schema: Schema, schemas: Schemas, body: Json, field = 'body'): string | undefined {
  // Nest's ValidationPipe reads a null body as {} (no fields: nothing stored).
  if (body === null && field === 'body') return contractBreach(schema, schemas, {}, field);
  const resolved = resolve(schema, schemas);
  if (resolved.enum)
    return resolved.enum.includes(body) ? undefined : `${field} = ${clipJson(body)} is not in its enum`;
  switch (resolved.type) {
    case 'boolean':
      return typeof body === 'boolean' ? undefined : `${field} = ${clipJson(body)} is not a boolean`;
    case 'number':
    case 'integer':
      if (typeof body !== 'number') return `${field} = ${clipJson(body)} is not a number`;
      if (resolved.minimum !== undefined && body < resolved.minimum) return `${field} = ${body} < ${resolved.minimum}`;
      if (resolved.maximum !== undefined && body > resolved.maximum) return `${field} = ${body} > ${resolved.maximum}`;
      return undefined;
    case 'array':
      if (!Array.isArray(body)) return `${field} = ${clipJson(body)} is not an array`;
      for (const [index, item] of body.entries()) {
        const breach = contractBreach(resolved.items ?? {}, schemas, item, `${field}[${index}]`);
        if (breach) return breach;
      }
      return undefined;
    case 'object':
      if (resolved.properties) {
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return `${field} = ${clipJson(body)} is not an object`;
        }
        for (const [name, value] of Object.entries(body)) {
          const property = resolved.properties[name];
          if (!property) return `${field}.${name} is not a field of the schema`;
          if (value === null) {
            const nullable = resolve(property, schemas).nullable ?? property.nullable;
            if (resolved.required?.includes(name) && !nullable) return `${field}.${name} is required but null`;
            continue; // @IsOptional() fields take null for "none"
          }
          const breach = contractBreach(property, schemas, value, `${field}.${name}`);
          if (breach) return breach;
        }
        return undefined;
      }
      // Swagger writes "object" for `string | null` properties.
      return typeof body === 'string' ? undefined : `${field} = ${clipJson(body)} is not a string`;
    default:
      if (typeof body !== 'string') return `${field} = ${clipJson(body)} is not a string`;
      if (resolved.maxLength !== undefined && [...body].length > resolved.maxLength) {
        return `${field} has ${[...body].length} characters, more than ${resolved.maxLength}`;
      }
      return undefined;
  }
}

function clipJson(value: Json): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
