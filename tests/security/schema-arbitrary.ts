import fc from 'fast-check';

/** The JSON Schema subset the OpenAPI document and the drivers' action schemas use. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

type Resolve = (ref: string) => JsonSchema | undefined;

const iso = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const email = fc.emailAddress();

function stringArbitrary(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return iso;
  if (s.format === 'email') return email.filter((e) => e.length <= (s.maxLength ?? 254));
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity));
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 200), unit: 'grapheme' });
}

function numberArbitrary(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/**
 * A fast-check arbitrary of values valid against `schema`: what a well-behaved client sends.
 * `$ref`s are looked up with `resolve`; what the subset does not cover becomes any JSON.
 */
export function arbitraryFor(schema: JsonSchema, resolve: Resolve = () => undefined, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) {
    const target = resolve(schema.$ref);
    return target && depth < 8 ? arbitraryFor(target, resolve, depth + 1) : fc.jsonValue();
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => arbitraryFor(s, resolve, depth + 1)));
  if (schema.allOf?.length === 1) return arbitraryFor(schema.allOf[0]!, resolve, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : schema.properties ? ['object'] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => arbitraryFor({ ...schema, type: t }, resolve, depth + 1)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'string':
      return stringArbitrary(schema);
    case 'array': {
      const items = arbitraryFor(schema.items ?? {}, resolve, depth + 1);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 5, 8) };
      return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const shape = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitraryFor(s, resolve, depth + 1)]));
      const keys = Object.keys(properties);
      const optional = keys.filter((k) => !required.has(k));
      return fc
        .record(shape, { requiredKeys: [...required].filter((k) => k in properties) })
        .filter((o) => Object.keys(o).length >= Math.min(schema.minProperties ?? 0, keys.length) || optional.length === 0);
    }
    default:
      return fc.jsonValue();
  }
}

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '../../../etc/passwd',
  '%00',
  '"; DROP TABLE meetings; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\uD800',
  '𝕏'.repeat(300),
  'x'.repeat(70_000),
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
];
const NASTY_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  -0,
  1e308,
  -1e308,
  2 ** 53 + 1,
  0.1,
  [],
  {},
  [[[[[[[[[[]]]]]]]]]],
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
];

/** Any JSON a careless or hostile client might send in place of a value. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_VALUES),
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 64 }),
);

/**
 * A valid body, then bent: a field dropped, a field of the wrong type, a stranger field, or
 * the whole body replaced — what schema validation and the handlers behind it must refuse cleanly.
 */
export function mutatedBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), nastyValue, fc.constantFrom('drop', 'replace', 'add')).map(([body, pick, value, how]) => {
        if (!body || typeof body !== 'object' || Array.isArray(body)) return value;
        const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
        const keys = Object.keys(copy);
        const key = keys.length ? keys[pick % keys.length]! : 'field';
        if (how === 'drop') delete copy[key];
        else if (how === 'replace') copy[key] = value;
        else copy[`extra${pick % 3}`] = value;
        return copy;
      }),
    },
    { weight: 1, arbitrary: nastyValue },
  );
}

/** Path parameter values: real-looking ids, ids of things that do not exist, and hostile ones. */
export const pathParam: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('cam-front', 'display', 'ceiling-mic', 'power', 'preset.recall', 'move', 'mute', 'rec-20260101T000000Z-abcdef', 'part-00001.mp4'),
  fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 1000 && s.length > 0)),
  fc.string({ minLength: 1, maxLength: 80, unit: 'grapheme' }),
);
