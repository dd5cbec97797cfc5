/**
 * Every setting value declared once: its JSON Schema (what conf stores), the rule JSON Schema cannot say
 * (`refine`), the sentence a person sees when it is wrong, and good and bad examples. The settings loader,
 * the store's schema (schema.ts builds it from these), the IPC checks, sign-in's connection check and the
 * window's inline checks all call {@link fieldProblem}, so they give one verdict per value; a table test runs
 * every example through all of them. Plain data and pure functions: the renderer imports this file.
 */
import { DAYS } from '../schedule/types.ts';
import { DEFAULT_MACHINE_RULES, IDLE_MINUTES } from '../control/machine.ts';
import { isValidTimeZone } from '../time/zoned-time.ts';
import { schemaMiss, type JsonSchema } from './schema-check.ts';
import {
  DOMAIN, GUID, INVISIBLE, VISIBLE_TEXT as VISIBLE_TEXT_PATTERN, STATUS_TEXT_MAX, bool, durationMs, durationSchema, instantMs, instantSchema, obj, orNull, presenceSchema, sourceSchema, spec, statusTextSchema, str, untilSchema,
  type FieldSpec,
} from './field-kit.ts';

export { STATUS_TEXT_MAX, instantMs, obj, type FieldSpec } from './field-kit.ts';

export { isRecord } from './schema-check.ts';
export type { JsonSchema } from './schema-check.ts';

/** The clouds a connection may name: China (21Vianet) is refused, Graph offers no presence there. */
export const USABLE_CLOUDS = ['Global', 'USGovL4', 'USGovL5'] as const;
/** Most status presets: the tray menu becomes unusable beyond this. */
export const PRESETS_MAX = 20;
/** Read interval bounds, seconds: faster spends Graph's request budget, slower leaves the tray stale. */
export const READ_INTERVAL = { min: 15, max: 3600 } as const;
/** Most schedule rules: far beyond any real week, it bounds the work of a preview. */
export const RULES_MAX = 200;
/** Longest rule name and rule id. */
export const RULE_NAME_MAX = 80;
/** See {@link RULE_NAME_MAX}. */
export const RULE_ID_MAX = 64;
/** Most hotkey rows: a hostile table must not make main register thousands of chords. */
export const HOTKEYS_MAX = 40;
/** Longest hotkey row id and accelerator text. */
export const HOTKEY_ID_MAX = 64;
/** See {@link HOTKEY_ID_MAX}. */
export const ACCELERATOR_MAX = 100;
/** Idle rule bounds, minutes (the window's number field reads them from here). */
export const IDLE_MINUTES_RANGE = IDLE_MINUTES;
/** Longest preset name: a tray menu item and a hotkey's label. */
export const PRESET_NAME_MAX = 40;
/** Longest time a person can ask a choice to hold (durations and `at` instants): a month is more than anyone means. */
export const UNTIL_MAX_MS = 31 * 86_400_000;

/** Every declared value. Sections (schema.ts) and checks are built from these. */
export const FIELDS = {
  cloud: spec({
    name: 'connection.cloud',
    schema: { enum: [...USABLE_CLOUDS] },
    message: 'Choose Global, US Government L4 or L5: Microsoft Graph offers no presence in the China (21Vianet) cloud.',
    good: ['Global', 'USGovL4', 'USGovL5'],
    bad: ['China', 'global', 'Mars', '', null],
  }),
  tenant: spec({
    name: 'connection.tenant',
    schema: str({ maxLength: 253, pattern: `^(?:organizations|common|${GUID}|${DOMAIN})$` }),
    message: 'The tenant is "organizations", "common", a directory (tenant) id or a verified domain such as contoso.com.',
    trim: true,
    good: ['organizations', 'common', ' contoso.com ',  'contoso.com', 'Contoso.onmicrosoft.com', '72F988BF-86F1-41AF-91AB-2D7CD011DB47'],
    bad: ['consumers', '', '   ', 'contoso', 'a.b', `${'a'.repeat(250)}.com`, 42, 'https://login.microsoftonline.com/x'],
  }),
  clientId: spec({
    name: 'connection.clientId',
    schema: str({ maxLength: 36, pattern: `^(?:${GUID})?$` }),
    message: 'A client id looks like 00000000-0000-0000-0000-000000000000: the Application (client) ID of your app registration.',
    trim: true,
    good: ['', '14d82eec-204b-4c2f-b7e8-296a70dab67e', ' 14d82eec-204b-4c2f-b7e8-296a70dab67e '],
    bad: ['not-a-guid', '{14d82eec-204b-4c2f-b7e8-296a70dab67e}', '14d82eec204b4c2fb7e8296a70dab67e', null],
  }),
  readIntervalSeconds: spec({
    name: 'options.readIntervalSeconds',
    schema: { type: 'integer', minimum: READ_INTERVAL.min, maximum: READ_INTERVAL.max },
    message: `The read interval is a whole number of seconds from ${READ_INTERVAL.min} to ${READ_INTERVAL.max}.`,
    good: [15, 60, 3600],
    bad: [14, 3601, 60.5, '60', null],
  }),
  flag: spec({ name: 'options.notifications', schema: bool, message: 'This option is true or false.', good: [true, false], bad: ['true', 1, null] }),
  statusText: spec({
    name: 'statusPresets[]',
    schema: statusTextSchema,
    message: `A status message has 1 to ${STATUS_TEXT_MAX} characters, something visible among them, and no control characters.`,
    good: ['Lunch', '🍜 Lunch', 'x'.repeat(STATUS_TEXT_MAX)],
    bad: ['', '   ', '\u200B\u200C\u200D\u2060\uFEFF', 'x'.repeat(STATUS_TEXT_MAX + 1), 'two\nlines', 42],
  }),
  presets: spec({
    name: 'statusPresets',
    schema: { type: 'array', maxItems: PRESETS_MAX, uniqueItems: true, items: statusTextSchema },
    message: `The presets are a list of up to ${PRESETS_MAX} different status messages.`,
    refine: (list: string[]) => (new Set(list.map((t) => t.trim())).size === list.length ? null : 'A preset is in the list twice.'),
    good: [[], ['Lunch', 'Gym']],
    bad: [['Lunch', 'Lunch'], Array.from({ length: PRESETS_MAX + 1 }, (_, i) => `P${i}`), [''], 'Lunch'],
    badBeyondSchema: [['Lunch', ' Lunch']],
  }),
  duration: spec({
    name: 'until.iso',
    schema: durationSchema,
    message: 'A duration is written like PT30M, PT1H30M or P1D (capital letters, whole units), at most 31 days.',
    refine: (iso: string) => (durationMs(iso) === 0 ? 'A duration must be longer than zero.' : durationMs(iso) > UNTIL_MAX_MS ? 'A duration may be at most 31 days.' : null),
    good: ['PT30M', 'PT1H30M', 'P1D', 'P31D', 'PT90S'],
    bad: ['pt1h', ' PT1H ', 'PT1h', `PT${'0'.repeat(60)}1H`, 'P', 'PT', 'P1W', 'PT1.5H', '-PT1H', 'XPT30M', 'P1M'],
    badBeyondSchema: ['P32D', 'PT0S', 'PT745H'],
  }),
  instant: spec({
    name: 'until.instant',
    schema: instantSchema,
    message: 'An instant is an ISO 8601 date and time with its offset, such as 2026-11-23T15:00:00Z.',
    refine: (text: string) => (Number.isNaN(instantMs(text)) ? 'That instant is not a real date between 1970 and 9999.' : null),
    good: ['2026-11-23T15:00:00Z', '2026-11-23T15:00+01:00', '2026-11-23T15:00:00.123Z'],
    bad: ['tomorrow', '2026-11-23', '2026-11-23 15:00Z', `2026-11-23T15:00:00.${'1'.repeat(40)}Z`],
    badBeyondSchema: ['9999-12-31T23:00:00-14:00', '2026-13-45T15:00:00Z'],
  }),
  until: spec({
    name: 'until',
    schema: untilSchema,
    message: 'An end is a duration, an instant, end-of-day, next-rule or forever.',
    refine: (u: { kind: string; iso?: string; instant?: string }): string | null =>
      u.kind === 'duration' ? fieldProblem(FIELDS.duration, u.iso) : u.kind === 'at' ? fieldProblem(FIELDS.instant, u.instant) : null,
    good: [{ kind: 'duration', iso: 'PT1H' }, { kind: 'forever' }, { kind: 'at', instant: '2026-11-23T15:00:00Z' }],
    bad: [{ kind: 'duration', iso: 'pt1h' }, { kind: 'soon' }, { kind: 'forever', extra: 1 }, { kind: 'at' }, 'PT1H'],
    badBeyondSchema: [{ kind: 'duration', iso: 'P40D' }],
  }),
  timeZone: spec({
    name: 'schedule.timeZone',
    schema: str({ minLength: 1, maxLength: 64, pattern: '^(?:system|[A-Za-z][A-Za-z0-9_+\\-/]*)$' }),
    message: 'The time zone is an IANA name such as Europe/Berlin, or "system".',
    refine: (zone: string) => (zone === 'system' || isValidTimeZone(zone) ? null : 'That time zone is not a known IANA time zone.'),
    good: ['system', 'Europe/Berlin', 'UTC', 'america/new_york'],
    bad: ['', '+01:00', 'x'.repeat(65), ' Europe/Berlin'],
    badBeyondSchema: ['Mars/Olympus'],
  }),
  idleMinutes: spec({
    name: 'machineRules.idle.minutes',
    schema: { type: 'integer', minimum: IDLE_MINUTES.min, maximum: IDLE_MINUTES.max },
    message: `Idle time is a whole number of minutes from ${IDLE_MINUTES.min} to ${IDLE_MINUTES.max}.`,
    good: [1, 10, 240],
    bad: [0, 241, 2.5, '10', null],
  }),
  machineRules: spec({
    name: 'machineRules',
    schema: obj({
      lock: obj({ enabled: bool, presence: presenceSchema, statusMessage: statusTextSchema }, ['statusMessage']),
      idle: obj({ enabled: bool, minutes: { type: 'integer', minimum: IDLE_MINUTES.min, maximum: IDLE_MINUTES.max }, presence: presenceSchema, statusMessage: statusTextSchema }, ['statusMessage']),
      sleep: obj({ enabled: bool, presence: orNull(presenceSchema) }),
    }),
    message: `Rules that follow the computer name a presence for the lock, for idle time (${IDLE_MINUTES.min} to ${IDLE_MINUTES.max} minutes) and for sleep (or none: Teams decides), each on or off, with an optional status message for lock and idle.`,
    good: [
      DEFAULT_MACHINE_RULES,
      { lock: { enabled: true, presence: 'BeRightBack', statusMessage: 'Back soon' }, idle: { enabled: true, minutes: 240, presence: 'Away' }, sleep: { enabled: true, presence: 'Offline' } },
    ],
    bad: [
      { ...DEFAULT_MACHINE_RULES, idle: { enabled: true, minutes: 0, presence: 'Away' } },
      { ...DEFAULT_MACHINE_RULES, lock: { enabled: true, presence: 'Sleeping' } },
      { ...DEFAULT_MACHINE_RULES, lock: { enabled: true, presence: 'Away', statusMessage: '' } },
      { ...DEFAULT_MACHINE_RULES, lock: { enabled: 'yes', presence: 'Away' } },
      { lock: DEFAULT_MACHINE_RULES.lock, idle: DEFAULT_MACHINE_RULES.idle },
      { ...DEFAULT_MACHINE_RULES, extra: 1 },
      'on',
    ],
  }),
  presetName: spec({
    name: 'presets[].name',
    schema: str({ minLength: 1, maxLength: PRESET_NAME_MAX, pattern: VISIBLE_TEXT_PATTERN }),
    message: `A preset's name has 1 to ${PRESET_NAME_MAX} characters, something visible among them, and no control characters.`,
    good: ['Lunch', 'Off for the day', 'x'.repeat(PRESET_NAME_MAX)],
    bad: ['', '  ', 'x'.repeat(PRESET_NAME_MAX + 1), 'a\tb', 7],
  }),
  presetList: spec({
    name: 'presets',
    schema: {
      type: 'array',
      maxItems: PRESETS_MAX,
      items: obj({ name: str({ minLength: 1, maxLength: PRESET_NAME_MAX, pattern: VISIBLE_TEXT_PATTERN }), presence: presenceSchema, statusMessage: statusTextSchema, until: untilSchema }, ['presence', 'statusMessage', 'until']),
    },
    message: `Presets are a list of up to ${PRESETS_MAX}, each a name with a presence, a status message or both, and an optional end.`,
    refine: (list: Array<{ name: string; presence?: string; statusMessage?: string; until?: unknown }>): string | null => {
      if (new Set(list.map((p) => p.name.trim().toLowerCase())).size !== list.length) return 'Two presets have the same name.';
      if (list.some((p) => p.presence === undefined && p.statusMessage === undefined)) return 'A preset needs a presence, a status message or both.';
      for (const p of list) if (p.until !== undefined && fieldProblem(FIELDS.until, p.until)) return `The end of "${p.name}" is not valid: ${fieldProblem(FIELDS.until, p.until)}`;
      return null;
    },
    good: [[], [{ name: 'Lunch', presence: 'Away', statusMessage: 'At lunch', until: { kind: 'duration', iso: 'PT1H' } }, { name: 'Quiet', statusMessage: 'Back at {end}' }]],
    bad: [[{ name: 'Lunch' , presence: 'Lunching' }], [{ name: '', presence: 'Away' }], [{ name: 'A', presence: 'Away', extra: 1 }], 'Lunch', Array.from({ length: PRESETS_MAX + 1 }, (_, i) => ({ name: `P${i}`, presence: 'Away' }))],
    badBeyondSchema: [[{ name: 'A', presence: 'Away' }, { name: 'a', presence: 'Busy' }], [{ name: 'Nothing' }], [{ name: 'Long', presence: 'Away', until: { kind: 'duration', iso: 'P40D' } }]],
  }),
  days: spec({
    name: 'schedule.rules[].days',
    schema: { type: 'array', minItems: 1, maxItems: 7, uniqueItems: true, items: { enum: [...DAYS] } },
    message: `Days are a list of different days from ${DAYS.join(', ')}.`,
    good: [['mon'], [...DAYS]],
    bad: [[], ['mon', 'mon'], [...DAYS, 'mon'], ['Mon'], 'mon'],
  }),
} as const satisfies Record<string, FieldSpec>;

/** Schemas of the composite values, built from the fields above. */
export const SCHEMAS = {
  presence: presenceSchema,
  source: sourceSchema,
  until: untilSchema,
  instant: instantSchema,
  rule: obj(
    {
      id: str({ minLength: 1, maxLength: RULE_ID_MAX, pattern: '\\S' }),
      name: str({ minLength: 1, maxLength: RULE_NAME_MAX, pattern: '\\S' }),
      days: FIELDS.days.schema,
      start: str({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }),
      end: str({ pattern: '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$' }),
      presence: presenceSchema,
      statusMessage: str({ maxLength: STATUS_TEXT_MAX }),
    },
    ['statusMessage'],
  ),
  hotkeyCommand: {
    anyOf: [
      obj({ action: { const: 'set' }, presence: presenceSchema, until: untilSchema }, ['until']),
      obj({ action: { const: 'pause-schedule' }, until: untilSchema }, ['until']),
      obj({ action: { const: 'preset' }, name: str({ minLength: 1, maxLength: PRESET_NAME_MAX, pattern: VISIBLE_TEXT_PATTERN }) }),
      obj({ action: { enum: ['clear', 'resume-schedule', 'open-settings'] } }),
    ],
  } as JsonSchema,
  statusText: statusTextSchema,
  orNull,
} as const;

/** The value as it is checked and stored: trimmed when the spec says white space around it means nothing. */
export function normalized(spec: FieldSpec, value: unknown): unknown {
  return spec.trim && typeof value === 'string' && value.length <= 1024 ? value.trim() : value;
}

/** Null when `value` is good for `spec`; otherwise the spec's sentence (or the finer rule's). */
export function fieldProblem(spec: FieldSpec, raw: unknown): string | null {
  const value = normalized(spec, raw);
  if (schemaMiss(spec.schema, value)) return spec.message;
  return spec.refine ? spec.refine(value as never) : null;
}

/** A short, escaped excerpt of a value for a message: never more than about 40 characters of it. */
export function quote(value: unknown, max = 40): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return typeof value === 'string' ? JSON.stringify(cut) : JSON.stringify(cut).slice(1, -1);
}

/** True when `text` shows nothing (empty, white space or zero-width characters only). */
export function isInvisible(text: string): boolean {
  return !new RegExp(`[^${INVISIBLE}]`, 'u').test(text);
}
