/**
 * Turning whatever is in the settings file into {@link Settings}: parse, migrate, then validate section by
 * section so one bad section falls back to its default (reported with the field that was wrong) while every
 * other section is kept. Nothing is dropped silently: every reset, unknown key and failed step is a problem,
 * and `needsBackup` tells the caller to copy the file aside before writing over it; `needsWrite` says the
 * loaded settings differ from the file and should be written back. Pure; no file access.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AppError } from '../errors.ts';
import { MOVED_SAVED_KEY, migrate, type RawSettings } from './migrations.ts';
import { INVALID_SETTING, SECTION_VALIDATORS, SECTIONS, UNKNOWN_SETTING, sectionDefault, validateSaved, type SectionName, type SectionValidator } from './sections.ts';
import { DEFAULT_SAVED as DEFAULT_SAVED_INTENT, defaultSettings } from './defaults.ts';
import { SETTINGS_STORE_SCHEMA } from './schema.ts';
import { schemaMiss } from './schema-check.ts';
import type { SavedIntent, Settings } from './types.ts';
import { CURRENT_SCHEMA_VERSION } from './version.ts';

/** What {@link loadSettings} and {@link parseSettingsFile} return. */
export interface LoadedSettings {
  /** Always complete and valid: the file's good sections plus defaults for the rest. */
  settings: Settings;
  /** Everything that was wrong, each with a `field` (empty for the whole file). Empty for a clean file. */
  problems: AppError[];
  /** True when something in the file was not carried over (unreadable, reset, set aside): copy it aside before saving. */
  needsBackup: boolean;
  /** Names of the migrations that ran, in order. */
  migrations: string[];
  /**
   * True when `settings` differ from what the file holds (a migration ran, a section or field was filled in
   * with its default, something was repaired or set aside): write `settings` back before a store reads the file.
   */
  needsWrite: boolean;
  /**
   * The saved intent an older file kept inside the settings (`settings.saved`, before version 3), checked:
   * the caller writes it to the saved-intent file before it writes the settings back. Absent otherwise.
   */
  savedIntent?: SavedIntent;
}

/** Largest settings file read, in bytes: a real one is a few kilobytes; anything bigger is not settings. */
export const SETTINGS_FILE_MAX_BYTES = 1024 * 1024;

/** Options for {@link loadSettings}; tests use them to swap a validator. */
export interface LoadOptions {
  validators?: Partial<{ [K in SectionName]: SectionValidator<K> }>;
}

/** Code of the problem that says a section was replaced by its default. */
export const SECTION_RESET = 'settings-section-reset';
/** Code of the problem that says the file could not be read as settings at all. */
export const SETTINGS_UNREADABLE = 'settings-unreadable';

// Keys conf/electron-store keep for their own bookkeeping; not settings, not reported.
const STORE_KEYS = new Set(['__internal__']);

const LABELS: Record<SectionName, string> = {
  connection: 'Connection settings',
  schedule: 'The schedule',
  hotkeys: 'The hotkey table',
  options: 'Options',
  statusPresets: 'Status message presets',
  machineRules: 'The rules that follow the computer',
  presets: 'Presets',
};

function unreadable(message: string): LoadedSettings {
  return { settings: defaultSettings(), problems: [{ code: SETTINGS_UNREADABLE, field: '', message }], needsBackup: true, migrations: [], needsWrite: true };
}

/** The file's settings without the store's own bookkeeping, for comparing with what was loaded. */
function withoutStoreKeys(raw: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !STORE_KEYS.has(key)));
}

/**
 * Load settings from a parsed file. `undefined` (no file yet) gives the defaults with no problem; anything
 * that is not an object gives the defaults, a problem and `needsBackup`.
 */
export function loadSettings(raw: unknown, options: LoadOptions = {}): LoadedSettings {
  try {
    return loadChecked(raw, options);
  } catch (error) {
    // Anything thrown while reading the file's values (a shape no check foresaw) is a repair case, not a crash.
    const why = error instanceof Error ? error.message : String(error);
    return unreadable(`The settings file could not be read (${why}); Presence Tray started with its defaults and kept the old file as a backup.`);
  }
}

function loadChecked(raw: unknown, options: LoadOptions): LoadedSettings {
  if (raw === undefined) return { settings: defaultSettings(), problems: [], needsBackup: false, migrations: [], needsWrite: true };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const what = raw === null ? 'null' : Array.isArray(raw) ? 'a list' : typeof raw;
    return unreadable(`The settings file holds ${what} instead of settings; Presence Tray started with its defaults and kept the old file as a backup.`);
  }
  const isFresh = Object.keys(raw).every((k) => STORE_KEYS.has(k));
  const start: RawSettings = isFresh ? { ...raw, schemaVersion: CURRENT_SCHEMA_VERSION } : (raw as RawSettings);
  const migrated = migrate(start);
  const problems: AppError[] = [...migrated.problems];
  let needsBackup = migrated.problems.length > 0;
  const value = migrated.value;
  const settings = defaultSettings();
  const validators = { ...SECTION_VALIDATORS, ...options.validators } as Record<SectionName, (raw: unknown) => { value: unknown; problems: AppError[] }>;

  for (const section of SECTIONS) {
    if (value[section] === undefined) continue;
    let result: { value: unknown; problems: AppError[] };
    try {
      result = validators[section](value[section]);
    } catch (error) {
      result = { value: null, problems: [{ code: 'invalid-setting', field: section, message: `${LABELS[section]} could not be checked: ${error instanceof Error ? error.message : String(error)}.` }] };
    }
    // The store's own schema last: whatever a section validator lets through, conf must be able to open.
    const miss = result.value === null || result.value === undefined ? null : schemaMiss(SETTINGS_STORE_SCHEMA[section], result.value);
    if (miss) {
      result = { value: null, problems: [...result.problems, { code: INVALID_SETTING, field: [section, ...miss.path.split('/').filter(Boolean)].join('.'), message: `${LABELS[section]} holds a value the settings file cannot store (${miss.keyword} at ${miss.path || section}).` }] };
    }
    problems.push(...result.problems);
    if (result.problems.length) needsBackup = true;
    if (result.value === null || result.value === undefined) {
      (settings as unknown as Record<string, unknown>)[section] = sectionDefault(section);
      problems.push({
        code: SECTION_RESET,
        field: section,
        message: `${LABELS[section]} could not be used and was reset to the default; the old settings file was kept as a backup.`,
      });
      needsBackup = true;
    } else {
      (settings as unknown as Record<string, unknown>)[section] = result.value;
    }
  }

  let savedIntent: SavedIntent | undefined;
  if (value[MOVED_SAVED_KEY] !== undefined) {
    const saved = validateSaved(value[MOVED_SAVED_KEY]);
    savedIntent = saved.value ?? structuredClone(DEFAULT_SAVED_INTENT);
    problems.push(...saved.problems);
    if (saved.problems.length) needsBackup = true;
  }

  for (const key of Object.keys(value)) {
    if (key === MOVED_SAVED_KEY || key === 'schemaVersion' || STORE_KEYS.has(key) || (SECTIONS as readonly string[]).includes(key)) continue;
    problems.push({ code: UNKNOWN_SETTING, field: key, message: `"${key}" is not a setting this version knows; it was set aside.` });
    needsBackup = true;
  }

  settings.schemaVersion = CURRENT_SCHEMA_VERSION;
  let needsWrite = true;
  try {
    needsWrite = !isDeepStrictEqual(withoutStoreKeys(settings), withoutStoreKeys(raw));
  } catch {
    // Too deep to compare: certainly not what was loaded; write it back.
  }
  return { settings, problems, needsBackup, migrations: migrated.applied, needsWrite, ...(savedIntent ? { savedIntent } : {}) };
}

/**
 * Load settings from the text of the settings file. Text that is empty or not JSON gives the defaults, one
 * `settings-unreadable` problem and `needsBackup`; JSON goes on to {@link loadSettings}.
 */
export function parseSettingsFile(text: string, options: LoadOptions = {}): LoadedSettings {
  if (text.length > SETTINGS_FILE_MAX_BYTES) {
    return unreadable(`The settings file is larger than ${SETTINGS_FILE_MAX_BYTES / 1024} KiB, far more than settings take; Presence Tray started with its defaults and kept the old file as a backup.`);
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return unreadable('The settings file is empty; Presence Tray started with its defaults and kept the old file as a backup.');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return unreadable(`The settings file is not valid JSON (${why}); Presence Tray started with its defaults and kept the old file as a backup.`);
  }
  return loadSettings(raw, options);
}
