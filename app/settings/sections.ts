/**
 * Section-by-section validation of the settings file. Each validator takes the raw value of one section and
 * returns the clean value, or null to fall back to the section's default, plus problems whose `field` says
 * where (`schedule.rules[2].start`, `options.readIntervalSeconds`). Flat sections (connection, options,
 * saved) are repaired field by field; lists (schedule, hotkeys, statusPresets) are kept or replaced whole.
 * The schedule and hotkey validators belong to their areas; this file only adapts them.
 */
import type { AppError } from '../errors.ts';
import { CLOUD_IDS } from '../graph/clouds.ts';
import { HOTKEY_SHAPE_CODE, validateHotkeys } from '../hotkeys/validate.ts';
import { checkInstant, checkPresence, checkString, checkUntil, isRecord } from '../ipc/checks.ts';
import { checkPresets } from '../ipc/payloads.ts';
import { STATUS_MESSAGE_MAX, validateSchedule } from '../schedule/validate.ts';
import { DEFAULT_CONNECTION, DEFAULT_OPTIONS, DEFAULT_SAVED, DEFAULT_SETTINGS } from './defaults.ts';
import type { ConnectionSettings, OptionSettings, SavedIntent, Settings } from './types.ts';

/** The sections of {@link Settings}, in the order they are validated and reported. */
export const SECTIONS = ['connection', 'schedule', 'hotkeys', 'options', 'statusPresets', 'saved'] as const;

/** One section's key. */
export type SectionName = (typeof SECTIONS)[number];

/** A validator's verdict: the value to keep, or null to use the default; problems either way. */
export interface SectionResult<T> {
  value: T | null;
  problems: AppError[];
}

/** Validates the raw value of one section (never undefined: a missing section simply takes its default). */
export type SectionValidator<K extends SectionName> = (raw: unknown) => SectionResult<Settings[K]>;

/** Code of every problem found in a stored setting. */
export const INVALID_SETTING = 'invalid-setting';
/** Code of a key the app does not know (kept out of Settings, reported). */
export const UNKNOWN_SETTING = 'unknown-setting';

/** Readable interval bounds: Graph allows 1,500 presence requests per 30 s per app and tenant; an hour is plenty slow. */
export const READ_INTERVAL_MIN_SECONDS = 15;
/** See {@link READ_INTERVAL_MIN_SECONDS}. */
export const READ_INTERVAL_MAX_SECONDS = 3600;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const SOURCES = ['tray', 'hotkey', 'window', 'schedule', 'power', 'cli', 'link'];

const problem = (field: string, message: string, code = INVALID_SETTING): AppError => ({ code, field, message });
const asSetting = (problems: AppError[]): AppError[] => problems.map((p) => ({ ...p, code: INVALID_SETTING }));
const show = (value: unknown): string => (value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value)).slice(0, 60));

/**
 * Repair a flat object field by field: each field that fails its check takes its default and is reported;
 * missing fields take their default silently (a setting added by a newer build); unknown fields are reported.
 */
function repairFields<T extends object>(
  raw: unknown,
  section: string,
  defaults: Readonly<T>,
  checks: { [K in keyof T]: (value: unknown, field: string) => AppError[] },
): SectionResult<T> {
  if (!isRecord(raw)) return { value: null, problems: [problem(section, `"${section}" must be an object, not ${show(raw)}.`)] };
  const out = structuredClone(defaults) as T;
  const problems: AppError[] = [];
  for (const key of Object.keys(checks) as Array<keyof T & string>) {
    const value = raw[key];
    if (value === undefined) continue;
    const found = checks[key](value, `${section}.${key}`);
    if (found.length) problems.push(...asSetting(found));
    else (out as Record<string, unknown>)[key] = structuredClone(value);
  }
  for (const key of Object.keys(raw)) {
    if (!(key in checks)) problems.push(problem(`${section}.${key}`, `"${section}.${key}" is not a setting this version knows; it was set aside.`, UNKNOWN_SETTING));
  }
  return { value: out, problems };
}

const oneOf = (allowed: readonly string[], what: string) => (value: unknown, field: string): AppError[] =>
  typeof value === 'string' && allowed.includes(value) ? [] : [problem(field, `${field} ${show(value)} is not ${what} (${allowed.join(', ')}).`)];

const boolean = (value: unknown, field: string): AppError[] => (typeof value === 'boolean' ? [] : [problem(field, `${field} must be true or false, not ${show(value)}.`)]);

function checkTenant(value: unknown, field: string): AppError[] {
  if (typeof value === 'string' && (['organizations', 'common', 'consumers'].includes(value) || GUID.test(value) || DOMAIN.test(value))) return [];
  return [problem(field, `${field} ${show(value)} must be "organizations", a tenant id (GUID) or a verified domain such as contoso.com.`)];
}

function checkClientId(value: unknown, field: string): AppError[] {
  if (value === '' || (typeof value === 'string' && GUID.test(value))) return [];
  return [problem(field, `${field} ${show(value)} must be the app registration's Application (client) id, a GUID, or empty.`)];
}

function checkReadInterval(value: unknown, field: string): AppError[] {
  if (typeof value === 'number' && Number.isInteger(value) && value >= READ_INTERVAL_MIN_SECONDS && value <= READ_INTERVAL_MAX_SECONDS) return [];
  return [problem(field, `${field} ${show(value)} must be a whole number of seconds from ${READ_INTERVAL_MIN_SECONDS} to ${READ_INTERVAL_MAX_SECONDS}.`)];
}

const nullable = (check: (value: unknown, field: string) => AppError[]) => (value: unknown, field: string): AppError[] =>
  value === null ? [] : check(value, field);

function checkKeys(value: Record<string, unknown>, field: string, keys: readonly string[]): AppError[] {
  const problems = keys.filter((k) => !(k in value)).map((k) => problem(`${field}.${k}`, `${field}.${k} is missing.`));
  for (const k of Object.keys(value)) if (!keys.includes(k)) problems.push(problem(`${field}.${k}`, `${field}.${k} is not part of this setting.`));
  return problems;
}

function checkIntent(value: unknown, field: string): AppError[] {
  if (!isRecord(value)) return [problem(field, `${field} must be an object or null.`)];
  const keys = checkKeys(value, field, ['presence', 'source', 'since', 'until', 'endsAt']);
  if (keys.length) return keys;
  return [
    ...(value.presence === null ? [] : checkPresence(value.presence, `${field}.presence`)),
    ...oneOf(SOURCES, 'a source')(value.source, `${field}.source`),
    ...checkInstant(value.since, `${field}.since`),
    ...checkUntil(value.until, `${field}.until`),
    ...(value.endsAt === null ? [] : checkInstant(value.endsAt, `${field}.endsAt`)),
  ];
}

function checkSavedStatus(value: unknown, field: string): AppError[] {
  if (!isRecord(value)) return [problem(field, `${field} must be an object or null.`)];
  const keys = checkKeys(value, field, ['text', 'until', 'source']);
  if (keys.length) return keys;
  return [
    ...checkString(value.text, `${field}.text`, STATUS_MESSAGE_MAX),
    ...(value.until === null ? [] : checkInstant(value.until, `${field}.until`)),
    ...oneOf(SOURCES, 'a source')(value.source, `${field}.source`),
  ];
}

function checkPause(value: unknown, field: string): AppError[] {
  if (!isRecord(value)) return [problem(field, `${field} must be an object or null.`)];
  const keys = checkKeys(value, field, ['until']);
  if (keys.length) return keys;
  return value.until === null ? [] : checkInstant(value.until, `${field}.until`);
}

/** Connection, field by field. */
export function validateConnection(raw: unknown): SectionResult<ConnectionSettings> {
  return repairFields<ConnectionSettings>(raw, 'connection', DEFAULT_CONNECTION, {
    cloud: oneOf(CLOUD_IDS, 'a cloud'),
    tenant: checkTenant,
    clientId: checkClientId,
  });
}

/** Options, field by field. */
export function validateOptions(raw: unknown): SectionResult<OptionSettings> {
  return repairFields<OptionSettings>(raw, 'options', DEFAULT_OPTIONS, {
    appSession: boolean,
    readIntervalSeconds: checkReadInterval,
    notifications: boolean,
    launchAtLogin: boolean,
    storeTokensWithoutKeyring: boolean,
  });
}

/** Persisted intent, field by field: a bad part is dropped (null) and reported, the rest kept. */
export function validateSaved(raw: unknown): SectionResult<SavedIntent> {
  return repairFields<SavedIntent>(raw, 'saved', DEFAULT_SAVED, {
    intent: nullable(checkIntent),
    statusMessage: nullable(checkSavedStatus),
    pause: nullable(checkPause),
  });
}

/**
 * Status message presets: up to 20 distinct, non-blank texts of at most 280 characters (the same rule as the
 * window's save, `checkPresets` in app/ipc/payloads.ts), whole or not at all.
 */
export function validateStatusPresets(raw: unknown): SectionResult<string[]> {
  const problems = asSetting(checkPresets(raw, 'statusPresets'));
  return problems.length ? { value: null, problems } : { value: [...(raw as string[])], problems };
}

/**
 * The validator of each section. The schedule and hotkey entries adapt `validateSchedule`
 * (app/schedule/validate.ts) and `validateHotkeys` (app/hotkeys/validate.ts); extend or replace an entry here
 * when a section gains fields. Hotkey rows whose chord is invalid or taken are kept (the table is storable):
 * the hotkey service reports them when it registers.
 */
export const SECTION_VALIDATORS: { [K in SectionName]: SectionValidator<K> } = {
  connection: validateConnection,
  schedule(raw) {
    const { schedule, problems } = validateSchedule(raw);
    return { value: schedule, problems };
  },
  hotkeys(raw) {
    const shape = validateHotkeys(raw).filter((p) => p.code === HOTKEY_SHAPE_CODE);
    return shape.length ? { value: null, problems: shape } : { value: structuredClone(raw) as Settings['hotkeys'], problems: [] };
  },
  options: validateOptions,
  statusPresets: validateStatusPresets,
  saved: validateSaved,
};

/** The default of one section, as a fresh copy. */
export function sectionDefault<K extends SectionName>(name: K): Settings[K] {
  return structuredClone(DEFAULT_SETTINGS[name]) as Settings[K];
}
