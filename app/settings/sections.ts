/**
 * Section-by-section validation of the settings file. Each validator takes the raw value of one section and
 * returns the clean value, or null to fall back to the section's default, plus problems whose `field` says
 * where (`schedule.rules[2].start`, `options.readIntervalSeconds`). Flat sections (connection, options) are
 * repaired field by field; lists (schedule, hotkeys, statusPresets) are kept or replaced whole. Every value is
 * judged by its declaration in `fields.ts`; the schedule and hotkey validators belong to their areas.
 */
import type { AppError } from '../errors.ts';
import { HOTKEY_SHAPE_CODE, validateHotkeys } from '../hotkeys/validate.ts';
import { validateSchedule } from '../schedule/validate.ts';
import { DEFAULT_CONNECTION, DEFAULT_OPTIONS, DEFAULT_SAVED, DEFAULT_SETTINGS } from './defaults.ts';
import { FIELDS, READ_INTERVAL, fieldProblem, isRecord, normalized, quote, type FieldSpec } from './fields.ts';
import { SAVED_INTENT_SCHEMA } from './schema.ts';
import { schemaMiss, type JsonSchema } from './schema-check.ts';
import type { ConnectionSettings, OptionSettings, SavedIntent, Settings } from './types.ts';

/** The sections of {@link Settings}, in the order they are validated and reported. */
export const SECTIONS = ['connection', 'schedule', 'hotkeys', 'options', 'statusPresets', 'machineRules', 'presets'] as const;

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

/** See `READ_INTERVAL` in fields.ts. */
export const READ_INTERVAL_MIN_SECONDS = READ_INTERVAL.min;
/** See `READ_INTERVAL` in fields.ts. */
export const READ_INTERVAL_MAX_SECONDS = READ_INTERVAL.max;

type Check = ((value: unknown, field: string) => AppError[]) & { spec?: FieldSpec };

const problem = (field: string, message: string, code = INVALID_SETTING): AppError => ({ code, field, message });
const asSetting = (problems: AppError[]): AppError[] => problems.map((p) => ({ ...p, code: INVALID_SETTING }));

/** A check from a declared value: its sentence, with a short excerpt of what was found. */
const declared = (spec: FieldSpec): Check =>
  Object.assign(
    (value: unknown, field: string) => {
      const message = fieldProblem(spec, value);
      return message ? [problem(field, `${field} ${quote(value)}: ${message}`)] : [];
    },
    { spec },
  );

/** A check from a JSON Schema fragment (the saved-intent parts). */
const shaped = (schema: JsonSchema, what: string): Check => (value, field) => {
  const miss = schemaMiss(schema, value);
  return miss ? [problem(miss.path ? `${field}.${miss.path.replaceAll('/', '.')}` : field, `${field} is not ${what}.`)] : [];
};

/**
 * Repair a flat object field by field: each field that fails its check takes its default and is reported;
 * missing fields take their default silently (a setting added by a newer build); unknown fields are reported.
 */
function repairFields<T extends object>(raw: unknown, section: string, defaults: Readonly<T>, checks: { [K in keyof T]: Check }): SectionResult<T> {
  if (!isRecord(raw)) return { value: null, problems: [problem(section, `"${section}" must be an object, not ${quote(raw)}.`)] };
  const out = structuredClone(defaults) as T;
  const problems: AppError[] = [];
  for (const key of Object.keys(checks) as Array<keyof T & string>) {
    const value = raw[key];
    if (value === undefined) continue;
    const found = checks[key](value, `${section}.${key}`);
    if (found.length) problems.push(...asSetting(found));
    else (out as Record<string, unknown>)[key] = structuredClone(checks[key].spec ? normalized(checks[key].spec, value) : value);
  }
  for (const key of Object.keys(raw)) {
    if (!(key in checks)) problems.push(problem(`${section}.${key}`, `"${section}.${quote(key).slice(1, -1)}" is not a setting this version knows; it was set aside.`, UNKNOWN_SETTING));
  }
  return { value: out, problems };
}

/** Connection, field by field. */
export function validateConnection(raw: unknown): SectionResult<ConnectionSettings> {
  return repairFields<ConnectionSettings>(raw, 'connection', DEFAULT_CONNECTION, {
    cloud: declared(FIELDS.cloud),
    tenant: declared(FIELDS.tenant),
    clientId: declared(FIELDS.clientId),
  });
}

/** Options, field by field. */
export function validateOptions(raw: unknown): SectionResult<OptionSettings> {
  const flag = declared(FIELDS.flag);
  return repairFields<OptionSettings>(raw, 'options', DEFAULT_OPTIONS, {
    appSession: flag,
    readIntervalSeconds: declared(FIELDS.readIntervalSeconds),
    notifications: flag,
    launchAtLogin: flag,
    storeTokensWithoutKeyring: flag,
  });
}

const savedPart = (name: keyof SavedIntent): JsonSchema => (SAVED_INTENT_SCHEMA.properties as Record<string, JsonSchema>)[name]!;

/** The saved intent (its own file, saved-intent.ts), part by part: a bad part is dropped (null) and reported, the rest kept. */
export function validateSaved(raw: unknown): SectionResult<SavedIntent> {
  const intentShape = shaped(savedPart('intent'), 'a remembered presence');
  return repairFields<SavedIntent>(raw, 'saved', DEFAULT_SAVED, {
    intent: (value, field) => {
      const shape = intentShape(value, field);
      if (shape.length || !isRecord(value)) return shape;
      return declared(FIELDS.until)(value.until, `${field}.until`);
    },
    statusMessage: shaped(savedPart('statusMessage'), 'a remembered status message'),
    pause: shaped(savedPart('pause'), 'a remembered pause'),
  });
}

/** Status message presets, whole or not at all (the same declaration as the window's save). */
export function validateStatusPresets(raw: unknown): SectionResult<string[]> {
  const problems = declared(FIELDS.presets)(raw, 'statusPresets');
  return problems.length ? { value: null, problems } : { value: [...(raw as string[])], problems };
}

/**
 * The validator of each section. The schedule and hotkey entries adapt `validateSchedule`
 * (app/schedule/validate.ts) and `validateHotkeys` (app/hotkeys/validate.ts). Hotkey rows whose chord is
 * invalid or taken are kept (the table is storable): the hotkey service reports them when it registers.
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
  machineRules(raw) {
    // Whole or not at all: a half-read rule set could turn a rule on that the user did not.
    const problems = declared(FIELDS.machineRules)(raw, 'machineRules');
    return problems.length ? { value: null, problems } : { value: structuredClone(raw) as Settings['machineRules'], problems };
  },
  presets(raw) {
    const problems = declared(FIELDS.presetList)(raw, 'presets');
    return problems.length ? { value: null, problems } : { value: structuredClone(raw) as Settings['presets'], problems };
  },
};

/** The default of one section, as a fresh copy. */
export function sectionDefault<K extends SectionName>(name: K): Settings[K] {
  return structuredClone(DEFAULT_SETTINGS[name]) as Settings[K];
}
