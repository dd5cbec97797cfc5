/**
 * Redaction of anything token-like, applied by the logger to every message and field before a sink sees it.
 * Tokens should never reach the logger (CONTRIBUTING.md); this is the second line of defence, so it errs on
 * the side of hiding a little too much, while leaving ids, GUIDs, instants, durations, paths and error codes
 * readable.
 */

/** What a secret is replaced with. */
export const REDACTED = '[REDACTED]';

const MAX_DEPTH = 8;

// Keys whose value is always a secret, compared lower-case with `_`/`-` removed (access_token = accessToken).
const SECRET_KEYS = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'password',
  'passwd',
  'assertion',
  'clientassertion',
  'codeverifier',
  'devicecode',
  'authorization',
  'token',
  'secret',
  'cookie',
  'setcookie',
  'apikey',
]);

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_]/g, '');

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * True for a long string that looks random (a token, a code, a key) rather than made of words, numbers and
 * separators (a timestamp, a kebab-case name, a GUID). Random base64 changes between upper case, lower case
 * and digits at about 6 of 10 characters, hex at about 5; words and dates rarely do at 2.
 */
function looksOpaque(run: string): boolean {
  const rest = run.replace(GUID, '-');
  if (rest.length < 32) return false;
  const chars = rest.replace(/[^A-Za-z0-9]/g, '');
  if (chars.length < 24 || !/\d/.test(chars) || !/[A-Za-z]/.test(chars)) return false;
  const kind = (c: string): number => (c >= '0' && c <= '9' ? 0 : c >= 'a' && c <= 'z' ? 1 : 2);
  let changes = 0;
  for (let i = 1; i < chars.length; i++) if (kind(chars[i] as string) !== kind(chars[i - 1] as string)) changes++;
  return changes / (chars.length - 1) >= 0.3;
}

/** An error code such as `invalid_grant`, `TooManyRequests` or `sign-in-required`, which a `code` key may hold. */
function looksLikeErrorCode(value: string): boolean {
  return value.length <= 64 && /^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/.test(value) && !looksOpaque(value) && !/\d{4,}/.test(value);
}

// Three (JWS) or five (JWE) base64url segments; a JWT header always starts with `eyJ` (`{"`). Long segments
// without that prefix count too; hostnames and dotted names have short segments.
const JWT = /\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){2,4}|\b[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g;
const AUTH_SCHEME = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/-]{6,}=*/gi;
// key=value and "key": "value" for the secret keys, in query strings, form bodies, JSON text and prose.
const KEY_VALUE =
  /(?<![A-Za-z0-9_])(access_?token|refresh_?token|id_?token|client_?secret|client_?assertion|assertion|password|code_?verifier|device_?code|code|token|secret)(["']?\s*[:=]\s*["']?)([^\s"'&,;}#)\]]+)/gi;
const LONG_RUN = /[A-Za-z0-9_~+=-]{32,}/g;

/**
 * Redact token-like parts of a string: JWTs, `Bearer …`, secret keys and query parameters
 * (`access_token`, `refresh_token`, `id_token`, `code`, `client_secret`, `password`, `assertion`, …) and
 * long opaque secrets. GUIDs, ISO instants, durations, paths and error codes are left as they are.
 */
export function redactText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(KEY_VALUE, (match, key: string, sep: string, value: string, offset: number, whole: string) => {
      if (value === REDACTED) return match;
      // `code: throttled` in prose is an error code; `?code=…` in a URL is an authorization code.
      const inQuery = offset > 0 && '?&#'.includes(whole[offset - 1] as string);
      if (key.toLowerCase() === 'code' && !inQuery && looksLikeErrorCode(value)) return match;
      return `${key}${sep}${REDACTED}`;
    })
    .replace(LONG_RUN, (run) => (looksOpaque(run) ? REDACTED : run));
}

function redactKeyed(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
  const norm = normalizeKey(key);
  if (value !== null && value !== undefined && value !== '' && SECRET_KEYS.has(norm)) return REDACTED;
  if (norm === 'code' && typeof value === 'string' && !looksLikeErrorCode(value)) return REDACTED;
  return walk(value, depth + 1, seen);
}

function walkObject(entries: Iterable<[string, unknown]>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) out[key] = redactKeyed(key, value, depth, seen);
  return out;
}

function walkError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const entries: Array<[string, unknown]> = [
    ['name', error.name],
    ['message', error.message],
  ];
  for (const [key, value] of Object.entries(error)) if (key !== 'name' && key !== 'message' && key !== 'stack') entries.push([key, value]);
  if (error.stack) entries.push(['stack', error.stack]);
  if (error.cause !== undefined) entries.push(['cause', error.cause]);
  return walkObject(entries, depth, seen);
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'symbol') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return redactText(value.href);
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[Circular]';
  if (depth > MAX_DEPTH) return '[Too deep]';
  seen.add(value);
  try {
    if (value instanceof Error) return walkError(value, depth, seen);
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Map) return walkObject([...value].map(([k, v]) => [String(k), v] as [string, unknown]), depth, seen);
    if (value instanceof Set) return [...value].map((item) => walk(item, depth + 1, seen));
    if (typeof Headers !== 'undefined' && value instanceof Headers) return walkObject(value.entries(), depth, seen);
    return walkObject(Object.entries(value), depth, seen);
  } finally {
    seen.delete(value);
  }
}

/**
 * A redacted, JSON-safe copy of `value`: strings go through {@link redactText}; values under secret keys
 * (`accessToken`, `refresh_token`, `password`, `authorization`, an opaque `code`, …) become {@link REDACTED};
 * Errors become `{ name, message, …own fields, stack, cause }`; Dates become ISO strings; cycles and very
 * deep nesting are cut. The input is never changed.
 */
export function redact(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}
