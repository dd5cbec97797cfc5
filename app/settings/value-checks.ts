/**
 * Small checks of unknown values, shared by the IPC payload checks and the hotkey table (domain code, so the
 * IPC layer depends on it and not the other way round). Each takes an `unknown` value and the field path it
 * came from, and returns the problems found (empty: fine); values with a declaration are judged by it
 * (fields.ts). No dependency: these run on every message from the renderer, and a schema library would be
 * most of the main bundle.
 */
import type { AppError } from '../errors.ts';
import { isPresenceKey } from '../presence/index.ts';
import { FIELDS, UNTIL_MAX_MS, fieldProblem, instantMs, isRecord } from './fields.ts';

export { isRecord } from './fields.ts';

/** A list of problems; empty means the value passed. */
export type Problems = AppError[];

/** One `invalid-payload` problem at `field`. */
export function bad(field: string, message: string, code = 'invalid-payload'): AppError {
  return { code, message, field };
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

/**
 * An `Until` (docs/architecture.md): a duration up to 31 days, an instant, or a kind without data, judged by its
 * declaration (app/settings/fields.ts), so whatever passes here the settings file can store. Given `now`, an
 * `at` instant must also lie in the future and within the same 31 days.
 */
export function checkUntil(value: unknown, field: string, now?: number): Problems {
  if (!isRecord(value)) return [bad(field, `${field} must be an object with a "kind".`)];
  switch (value.kind) {
    case 'duration': {
      const shape = checkObject(value, field, ['kind', 'iso']);
      if (shape.length) return shape;
      const problem = fieldProblem(FIELDS.duration, value.iso);
      return problem ? [bad(join(field, 'iso'), problem)] : [];
    }
    case 'at': {
      const shape = checkObject(value, field, ['kind', 'instant']);
      if (shape.length) return shape;
      const instantField = join(field, 'instant');
      const problems = checkInstant(value.instant, instantField);
      if (problems.length || now === undefined) return problems;
      const at = instantMs(value.instant as string);
      if (at <= now) return [bad(instantField, 'That time has already passed; choose a time in the future.')];
      if (at - now > UNTIL_MAX_MS) return [bad(instantField, 'An end time may be at most 31 days ahead.')];
      return [];
    }
    case 'end-of-day':
    case 'next-rule':
    case 'forever':
      return checkObject(value, field, ['kind']);
    default:
      return [bad(join(field, 'kind'), `${join(field, 'kind')} must be duration, at, end-of-day, next-rule or forever.`)];
  }
}

/** An ISO 8601 instant with a date, time and offset (`2026-11-23T15:00:00Z`), a real date in years 1970–9999. */
export function checkInstant(value: unknown, field: string): Problems {
  const problem = fieldProblem(FIELDS.instant, value);
  return problem ? [bad(field, problem)] : [];
}

/** Checks `value` when it is present (not undefined). */
export function optional(value: unknown, check: (v: unknown) => Problems): Problems {
  return value === undefined ? [] : check(value);
}
