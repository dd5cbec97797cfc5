/**
 * Small payload checks shared by the IPC handlers and the hotkey table. Each takes an `unknown` value and
 * the field path it came from, and returns the problems found (empty: fine). No dependency: these run on
 * every message from the renderer, and a schema library would be most of the main bundle.
 */
import type { AppError } from '../errors.ts';
import { isPresenceKey, parseDuration } from '../presence/index.ts';

/** A list of problems; empty means the value passed. */
export type Problems = AppError[];

/** One `invalid-payload` problem at `field`. */
export function bad(field: string, message: string, code = 'invalid-payload'): AppError {
  return { code, message, field };
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that `value` is a plain object with only the `allowed` keys and every `required` one.
 * Unknown keys are refused: a renderer sending fields main does not know is either out of date or hostile.
 */
export function checkObject(value: unknown, field: string, required: readonly string[], optional: readonly string[] = []): Problems {
  if (!isRecord(value)) return [bad(field, `${field || 'The request'} must be an object.`)];
  const allowed = new Set([...required, ...optional]);
  const problems: Problems = [];
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) problems.push(bad(join(field, key), `"${key}" is not a field this request accepts.`));
  }
  for (const key of required) {
    if (!(key in value) || value[key] === undefined) problems.push(bad(join(field, key), `${join(field, key)} is required.`));
  }
  return problems;
}

/** `a.b` (or `b` at the top). */
export function join(field: string, key: string): string {
  return field ? `${field}.${key}` : key;
}

/** A string of `min`..`max` characters. */
export function checkString(value: unknown, field: string, max: number, min = 0): Problems {
  if (typeof value !== 'string') return [bad(field, `${field} must be text.`)];
  if (value.length < min) return [bad(field, min === 1 ? `${field} must not be empty.` : `${field} needs at least ${min} characters.`)];
  if (value.length > max) return [bad(field, `${field} is longer than ${max} characters.`)];
  return [];
}

/** A boolean. */
export function checkBoolean(value: unknown, field: string): Problems {
  return typeof value === 'boolean' ? [] : [bad(field, `${field} must be true or false.`)];
}

/** An integer in `[min, max]`. */
export function checkInteger(value: unknown, field: string, min: number, max: number): Problems {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return [bad(field, `${field} must be a whole number from ${min} to ${max}.`)];
  }
  return [];
}

/** One of the six presence choices. */
export function checkPresence(value: unknown, field: string): Problems {
  return isPresenceKey(value) ? [] : [bad(field, `${field} must be one of Available, Busy, DoNotDisturb, BeRightBack, Away, Offline.`)];
}

/** Longest duration a person can ask for: Graph documents no bound, a month is already more than anyone means. */
const MAX_UNTIL_MS = 31 * 24 * 60 * 60 * 1000;

/** An `Until` (DESIGN.md §3): a positive ISO duration up to 31 days, a valid ISO instant, or a kind without data. */
export function checkUntil(value: unknown, field: string): Problems {
  if (!isRecord(value)) return [bad(field, `${field} must be an object with a "kind".`)];
  switch (value.kind) {
    case 'duration': {
      const shape = checkObject(value, field, ['kind', 'iso']);
      if (shape.length) return shape;
      if (typeof value.iso !== 'string') return [bad(join(field, 'iso'), 'The duration must be text such as PT1H.')];
      try {
        if (parseDuration(value.iso) > MAX_UNTIL_MS) return [bad(join(field, 'iso'), 'A duration may be at most 31 days.')];
      } catch (error) {
        return [bad(join(field, 'iso'), error instanceof Error ? error.message : 'Not a duration.')];
      }
      return [];
    }
    case 'at': {
      const shape = checkObject(value, field, ['kind', 'instant']);
      if (shape.length) return shape;
      return checkInstant(value.instant, join(field, 'instant'));
    }
    case 'end-of-day':
    case 'next-rule':
    case 'forever':
      return checkObject(value, field, ['kind']);
    default:
      return [bad(join(field, 'kind'), `${join(field, 'kind')} must be duration, at, end-of-day, next-rule or forever.`)];
  }
}

/** An ISO 8601 instant with a date, time and offset (`2026-11-23T15:00:00Z`). */
export function checkInstant(value: unknown, field: string): Problems {
  if (typeof value !== 'string' || value.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    return [bad(field, `${field} must be an ISO instant such as 2026-11-23T15:00:00Z.`)];
  }
  return Number.isNaN(Date.parse(value)) ? [bad(field, `${field} is not a real date.`)] : [];
}

/** Checks `value` when it is present (not undefined). */
export function optional(value: unknown, check: (v: unknown) => Problems): Problems {
  return value === undefined ? [] : check(value);
}
