/**
 * Versioned migrations of the settings file, in the style of caprine's store: each step has the version it
 * produces, a name for logs, and a pure `up` from the previous version's plain object to its own. Steps run in
 * order on a file whose `schemaVersion` is lower than theirs; a file without `schemaVersion` is version 1 (the
 * layout before versions were recorded). Validation happens after, section by section (`load.ts`).
 *
 * Adding a setting that has a default needs no migration (a missing field takes its default). Add a
 * migration when a stored value must be renamed, moved or reinterpreted, and raise CURRENT_SCHEMA_VERSION.
 */
import type { AppError } from '../errors.ts';
import { DEFAULT_PRESETS, presetFromMessage } from '../control/presets.ts';
import { CURRENT_SCHEMA_VERSION } from './version.ts';

/** A settings file as plain data, before validation. */
export type RawSettings = Record<string, unknown>;

/** One step from `version - 1` to `version`. `up` gets a private copy; it may change and return it. */
export interface Migration {
  version: number;
  /** Kebab-case, for logs and reports (`read-interval-in-seconds`). */
  name: string;
  up(old: RawSettings): RawSettings;
}

import { isRecord } from './schema-check.ts';

/**
 * Where the `saved-intent-own-file` step leaves the old `settings.saved` for the loader to hand to the
 * saved-intent file (never written back into the settings file).
 */
export const MOVED_SAVED_KEY = '$movedSavedIntent';

/**
 * Every migration, oldest first. Version 1 (0.0.x builds) kept the read interval in milliseconds, as
 * `readIntervalMs` at the top level or inside `options`; version 2 keeps `options.readIntervalSeconds`;
 * version 3 keeps the saved intent in its own file instead of `settings.saved`; version 4 adds `presets`
 * (name, presence, message, end), made from the shipped ones plus each saved message preset.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    name: 'read-interval-in-seconds',
    up(old) {
      const options = isRecord(old.options) ? old.options : {};
      const ms = options.readIntervalMs ?? old.readIntervalMs;
      delete options.readIntervalMs;
      delete old.readIntervalMs;
      // A value that is not a number is carried over as it is, so validation reports it rather than it vanishing.
      if (ms !== undefined && options.readIntervalSeconds === undefined) {
        options.readIntervalSeconds = typeof ms === 'number' && Number.isFinite(ms) ? Math.round(ms / 1000) : ms;
      }
      if (ms !== undefined || isRecord(old.options)) old.options = options;
      return old;
    },
  },
  {
    // settings.saved is runtime state (what the user asked for), not a setting: it moves to its own file,
    // saved-intent.json, which the settings store writes before it rewrites config.json, so nothing is lost.
    version: 3,
    name: 'saved-intent-own-file',
    up(old) {
      if (old.saved !== undefined) old[MOVED_SAVED_KEY] = old.saved;
      delete old.saved;
      return old;
    },
  },
  {
    // Every message preset the user kept becomes a preset of its own (name = message), after the shipped ones
    // whose names it does not take; `statusPresets` stays as the window's quick messages. Nothing is lost.
    version: 4,
    name: 'presets-with-presence',
    up(old) {
      if (old.presets !== undefined) return old;
      const messages = Array.isArray(old.statusPresets) ? old.statusPresets.filter((t): t is string => typeof t === 'string') : [];
      const taken = new Set(messages.map((t) => t.trim().toLowerCase()));
      // The user's own come first when the list is full (at most 20).
      const room = Math.max(0, 20 - messages.length);
      const shipped = DEFAULT_PRESETS.filter((p) => !taken.has(p.name.toLowerCase())).slice(0, room).map((p) => structuredClone(p));
      old.presets = [...shipped, ...messages.map(presetFromMessage)];
      return old;
    },
  },
];

/**
 * A copy of the file's top-level keys. A key whose value cannot be copied (nested thousands of levels deep:
 * structuredClone runs out of stack) is left out and reported, so the other sections are still read.
 */
function copyByKey(raw: RawSettings, problems: AppError[]): RawSettings {
  const out: RawSettings = {};
  for (const [key, part] of Object.entries(raw)) {
    try {
      out[key] = structuredClone(part);
    } catch (error) {
      problems.push({
        code: 'settings-section-unreadable',
        field: key,
        message: `"${key.slice(0, 40)}" in the settings file could not be read (${error instanceof Error ? error.message : String(error)}); it was set aside.`,
      });
    }
  }
  return out;
}

/** What {@link migrate} did. */
export interface MigrationResult {
  /** The migrated plain object, `schemaVersion` set to the version reached. */
  value: RawSettings;
  /** The version the input was at (1 when it carried none). */
  fromVersion: number;
  /** Names of the steps that ran, in order. */
  applied: string[];
  /** A step that threw, a version newer than this build, or an unreadable `schemaVersion`. */
  problems: AppError[];
}

/**
 * Run every migration newer than `raw.schemaVersion`, in order, on a copy of `raw` (never changed). A step that
 * throws stops the run at the version before it and is reported; a file from a newer build is left as it is
 * and reported. `migrations` is for tests; the app uses {@link MIGRATIONS}.
 */
export function migrate(raw: RawSettings, migrations: readonly Migration[] = MIGRATIONS, current = CURRENT_SCHEMA_VERSION): MigrationResult {
  const problems: AppError[] = [];
  let value = copyByKey(raw, problems);
  const applied: string[] = [];
  const stored = value.schemaVersion;
  let version: number;
  if (stored === undefined) version = 1;
  else if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 1) version = stored;
  else {
    problems.push({
      code: 'invalid-setting',
      field: 'schemaVersion',
      message: `The settings file's schemaVersion ${JSON.stringify(stored)} is not a version number; it was read as the current version ${current}.`,
    });
    version = current;
  }
  const fromVersion = version;
  if (version > current) {
    problems.push({
      code: 'settings-from-newer-version',
      field: 'schemaVersion',
      message: `These settings were written by a newer version of Presence Tray (settings version ${version}, this one knows ${current}). Settings this version does not know were set aside.`,
    });
    return { value, fromVersion, applied, problems };
  }
  for (const step of [...migrations].sort((a, b) => a.version - b.version)) {
    if (step.version <= version || step.version > current) continue;
    try {
      const next = step.up(structuredClone(value));
      if (!isRecord(next)) throw new TypeError('the step returned no settings object');
      value = next;
    } catch (error) {
      problems.push({
        code: 'settings-migration-failed',
        field: 'schemaVersion',
        message: `Updating the settings to version ${step.version} (${step.name}) failed: ${error instanceof Error ? error.message : String(error)}. Settings that could not be read were reset.`,
      });
      break;
    }
    version = step.version;
    value.schemaVersion = version;
    applied.push(step.name);
  }
  value.schemaVersion = version;
  return { value, fromVersion, applied, problems };
}
