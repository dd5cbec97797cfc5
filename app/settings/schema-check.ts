/**
 * A small evaluator for the part of JSON Schema the settings declarations use (type, enum, const, pattern,
 * min/maxLength, minimum/maximum, items, min/maxItems, uniqueItems, properties, required,
 * additionalProperties: false, anyOf). The loader, the IPC checks and the window run every declared value
 * through it, so none of them can be looser than the schema conf enforces with ajv when it opens the file.
 * Where the two could differ it errs strict: lengths count UTF-16 units (ajv counts code points, never more)
 * and an array hole is a missing value. Plain data in, no dependency: the renderer bundles it.
 */

/** A JSON Schema fragment as the declarations write it. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Where a value breaks its schema (`rules/2/days`, empty for the value itself) and which keyword. */
export interface SchemaMiss {
  path: string;
  keyword: string;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const at = (path: string, key: string | number): string => (path ? `${path}/${key}` : String(key));

function typeOk(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return false;
  }
}

/** Deep equality of JSON values (for `enum`, `const` and `uniqueItems`). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && same(a[k], b[k]));
  }
  return false;
}

const patterns = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = patterns.get(pattern);
  if (!r) patterns.set(pattern, (r = new RegExp(pattern, 'u')));
  return r;
}

function checkArray(schema: JsonSchema, value: unknown[], path: string): SchemaMiss | null {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems) return { path, keyword: 'minItems' };
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return { path, keyword: 'maxItems' };
  // Index by index, not forEach: a hole in a sparse array is a missing value, never skipped.
  for (let i = 0; i < value.length; i++) {
    if (!Object.hasOwn(value, i)) return { path: at(path, i), keyword: 'items' };
    if (schema.items) {
      const miss = schemaMiss(schema.items as JsonSchema, value[i], at(path, i));
      if (miss) return miss;
    }
    if (schema.uniqueItems === true && value.slice(0, i).some((earlier) => same(earlier, value[i]))) return { path: at(path, i), keyword: 'uniqueItems' };
  }
  return null;
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string): SchemaMiss | null {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const key of (schema.required ?? []) as string[]) if (!Object.hasOwn(value, key) || value[key] === undefined) return { path: at(path, key), keyword: 'required' };
  for (const [key, item] of Object.entries(value)) {
    if (!Object.hasOwn(properties, key)) {
      if (schema.additionalProperties === false) return { path: at(path, key), keyword: 'additionalProperties' };
      continue;
    }
    const miss = schemaMiss(properties[key] as JsonSchema, item, at(path, key));
    if (miss) return miss;
  }
  return null;
}

/** The first place `value` breaks `schema`, or null when it conforms. */
export function schemaMiss(schema: JsonSchema, value: unknown, path = ''): SchemaMiss | null {
  if (Array.isArray(schema.anyOf)) {
    const misses = (schema.anyOf as JsonSchema[]).map((s) => schemaMiss(s, value, path));
    if (misses.some((m) => m === null)) return null;
    // Report the alternative that says most: one that failed on a value's own rule (a pattern, a length) beats one
    // that failed on its shape (a missing or extra key, a different kind); then the deeper one.
    const weak = new Set(['required', 'additionalProperties', 'const', 'enum', 'type']);
    const rank = (m: SchemaMiss | null): number => (m ? (weak.has(m.keyword) ? 0 : 1000) + m.path.length : -1);
    return misses.reduce((a, b) => (rank(b) > rank(a) ? b : a)) ?? { path, keyword: 'anyOf' };
  }
  if (schema.type !== undefined && !typeOk(schema.type, value)) return { path, keyword: 'type' };
  if ('const' in schema && !same(schema.const, value)) return { path, keyword: 'const' };
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => same(e, value))) return { path, keyword: 'enum' };
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return { path, keyword: 'minLength' };
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return { path, keyword: 'maxLength' };
    if (typeof schema.pattern === 'string' && !regex(schema.pattern).test(value)) return { path, keyword: 'pattern' };
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return { path, keyword: 'minimum' };
    if (typeof schema.maximum === 'number' && value > schema.maximum) return { path, keyword: 'maximum' };
  }
  if (Array.isArray(value)) return checkArray(schema, value, path);
  if (isRecord(value)) return checkObject(schema, value, path);
  return null;
}
