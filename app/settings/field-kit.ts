/**
 * The building blocks of the declarations in fields.ts: JSON Schema helpers, the shared schemas (presence,
 * status text, durations, instants, ends) and the FieldSpec shape. Plain data and pure functions, kept apart
 * only so fields.ts stays small; import from fields.ts, which re-exports what others use.
 */
import { PRESENCE_KEYS, SOURCES } from '../vocabulary.ts';
import type { JsonSchema } from './schema-check.ts';

/** Longest status message: what Teams' own status box takes comfortably, and a readable tray tooltip. */
export const STATUS_TEXT_MAX = 280;

/** A GUID, as a pattern. */
export const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A DNS domain, as a pattern. */
export const DOMAIN = '(?=.{4,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]{2,63}';
// Characters that show nothing: white space, zero-width marks, the soft hyphen.
export const INVISIBLE = '\\s\\u200B-\\u200D\\u2060\\u180E\\u00AD';
/** Text with something visible in it and no control character. */
export const VISIBLE_TEXT = `^(?=[^]*[^${INVISIBLE}])[^\\u0000-\\u001F\\u007F]*$`;

/** A string schema. */
export const str = (extra: Record<string, unknown> = {}): JsonSchema => ({ type: 'string', ...extra });
/** A boolean schema. */
export const bool: JsonSchema = { type: 'boolean' };
/** `schema` or null. */
export const orNull = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });
/** An object with exactly these properties (all required but `optional`). */
export const obj = (properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
});

/** Milliseconds of a duration that already matched the schema's pattern. */
export function durationMs(iso: string): number {
  const [, d, h, m, s] = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso) ?? [];
  return (((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000;
}

/** The instant of an ISO text that already matched the schema, or NaN when it is no real date in years 1970–9999. */
export function instantMs(text: string): number {
  const ms = Date.parse(text);
  return Number.isNaN(ms) || ms < 0 || ms >= Date.UTC(10000, 0, 1) ? Number.NaN : ms;
}

/** One declared value. */
export interface FieldSpec {
  /** Where it lives, for messages and the table test (`connection.tenant`). */
  name: string;
  schema: JsonSchema;
  /** What a good value is, as a sentence for a person. */
  message: string;
  /** Surrounding white space is not part of the value: every path trims it before checking and storing. */
  trim?: true;
  /** The rule JSON Schema cannot say (a real time zone, a duration within 31 days); null when fine. */
  refine?(value: never): string | null;
  good: readonly unknown[];
  /** Refused by every path, conf's schema included. */
  bad: readonly unknown[];
  /** Refused by every path but conf's schema, which cannot say the rule (refused by `refine`). */
  badBeyondSchema?: readonly unknown[];
}

/** A declaration, typed as itself. */
export const spec = <S extends FieldSpec>(s: S): S => s;

/** An ISO 8601 duration in whole units. */
export const durationSchema = str({ maxLength: 40, pattern: '^P(?!$)(?:\\d{1,5}D)?(?:T(?=\\d)(?:\\d{1,5}H)?(?:\\d{1,5}M)?(?:\\d{1,7}S)?)?$' });
/** An ISO 8601 instant with its offset. */
export const instantSchema = str({ maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})$' });
/** One of the six presences. */
export const presenceSchema: JsonSchema = { enum: [...PRESENCE_KEYS] };
/** One of the sources of commands. */
export const sourceSchema: JsonSchema = { enum: [...SOURCES] };
/** A status message. */
export const statusTextSchema = str({ minLength: 1, maxLength: STATUS_TEXT_MAX, pattern: VISIBLE_TEXT });
/** An end: a duration, an instant, end-of-day, next-rule or forever. */
export const untilSchema: JsonSchema = {
  anyOf: [
    obj({ kind: { const: 'duration' }, iso: durationSchema }),
    obj({ kind: { const: 'at' }, instant: instantSchema }),
    obj({ kind: { enum: ['end-of-day', 'next-rule', 'forever'] } }),
  ],
};

