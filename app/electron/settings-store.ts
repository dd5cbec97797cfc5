/**
 * The settings file: electron-store (conf underneath) over app/settings' schema, defaults and migrations.
 * Before the store opens the file, it is read and checked section by section; a file that does not parse
 * or validate is copied aside with a timestamp, the good sections are kept, the bad ones start on their
 * defaults, and the problems are returned so the app can tell the user. Should conf still refuse the file
 * (a rule the loader does not know), the file is copied aside and the app starts on the defaults; should even
 * that fail (a folder that cannot be written), it runs on settings in memory. Whatever the file says, the app
 * starts. The saved intent lives beside it in its own file (`saved-intent.json`).
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import type { IntentStore } from '../control/types.ts';
import type { AppError } from '../errors.ts';
import { createMemorySettings, type SettingsListener, type SettingsPort } from '../ipc/settings-port.ts';
import {
  SETTINGS_FILE_MAX_BYTES,
  SETTINGS_STORE_SCHEMA,
  backupCorruptFile,
  defaultSettings,
  loadSettings,
  parseSettingsFile,
  type LoadedSettings,
} from '../settings/index.ts';
import { SAVED_INTENT_FILE, savedIntentFileStore, writeSavedIntent, type ReadSavedIntent } from '../settings/saved-intent-file.ts';
import type { Settings } from '../settings/types.ts';

/** What the store is made with (electron-store's and conf's options, as far as used here). */
export interface StoreOptions {
  cwd: string;
  name: string;
  schema: typeof SETTINGS_STORE_SCHEMA;
  clearInvalidConfig: false;
}

/** The part of an electron-store (or conf) instance used here. */
export interface StoreLike {
  readonly store: Settings;
  set<K extends keyof Settings>(key: K, value: Settings[K]): void;
  readonly path: string;
}

/** Dependencies of {@link openSettingsStore}. */
export interface SettingsStoreDeps {
  /** `(options) => new Store(options)`; tests pass conf. */
  createStore(options: StoreOptions): StoreLike;
  /** The folder of the file (Electron: `app.getPath('userData')`). */
  folder: string;
  clock: Pick<Clock, 'now'>;
  /** Told when the saved-intent file had to be repaired (its problems and backup). */
  onSavedIntentProblems?(read: ReadSavedIntent): void;
}

/** The opened settings. */
export interface OpenedSettings {
  port: SettingsPort;
  /** Where the controller's intent survives restarts (`saved-intent.json`). */
  intentStore: IntentStore;
  /** What was wrong with the file (empty for a clean one); the app shows these once. */
  problems: AppError[];
  /** Where the bad file was copied, or null. */
  backup: string | null;
  path: string;
}

const FILE = 'config';

function read(path: string): LoadedSettings & { exists: boolean } {
  if (!existsSync(path)) return { ...loadSettings(undefined), exists: false };
  try {
    // Checked before reading, so a runaway file is never read into memory whole.
    if (statSync(path).size > SETTINGS_FILE_MAX_BYTES) return { ...parseSettingsFile('x'.repeat(SETTINGS_FILE_MAX_BYTES + 1)), exists: true };
    return { ...parseSettingsFile(readFileSync(path, 'utf8')), exists: true };
  } catch (error) {
    const message = `The settings file could not be read (${error instanceof Error ? error.message : String(error)}); Presence Tray started with its defaults.`;
    return { settings: defaultSettings(), problems: [{ code: 'settings-unreadable', field: '', message }], needsBackup: true, migrations: [], needsWrite: true, exists: true };
  }
}

function writeSettings(path: string, settings: Settings): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, `${JSON.stringify(settings, null, '\t')}\n`);
  renameSync(temp, path);
}

function portOver(store: StoreLike): SettingsPort {
  const listeners = new Set<SettingsListener>();
  return {
    get: () => structuredClone(store.store),
    save(section, value) {
      store.set(section, value);
      for (const listener of [...listeners]) listener(section, structuredClone(value));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Open (and if needed repair) the settings file. Never throws for what the file holds. */
export function openSettingsStore(deps: SettingsStoreDeps): OpenedSettings {
  const path = join(deps.folder, `${FILE}.json`);
  const intentPath = join(deps.folder, SAVED_INTENT_FILE);
  const intentStore = savedIntentFileStore(intentPath, deps.clock, deps.onSavedIntentProblems);
  const loaded = read(path);
  const problems = [...loaded.problems];
  let backup: string | null = null;
  const copyAside = (): void => {
    backup ??= backupCorruptFile(path, deps.clock);
  };
  try {
    // An older file's saved intent goes to its own file first, then the settings are rewritten without it:
    // a crash between the two leaves both files holding it, never neither. An existing intent file is newer.
    if (loaded.savedIntent && !existsSync(intentPath)) writeSavedIntent(intentPath, loaded.savedIntent);
    // A file that differs from the settings (migrated, repaired, or missing a section) is rewritten; a new
    // install has no file yet and gets its defaults through the store below.
    if (loaded.exists && (loaded.needsWrite || loaded.needsBackup || loaded.migrations.length > 0)) {
      // A file that failed to parse or validate is copied aside first: it is never overwritten before that.
      if (loaded.needsBackup) copyAside();
      writeSettings(path, loaded.settings);
    }
  } catch (error) {
    problems.push({ code: 'settings-not-saved', field: '', message: `The repaired settings could not be written (${String(error)}); they are used for this session only.` });
    return { port: createMemorySettings(loaded.settings), intentStore, problems, backup, path };
  }
  const options: StoreOptions = { cwd: deps.folder, name: FILE, schema: SETTINGS_STORE_SCHEMA, clearInvalidConfig: false };
  let store: StoreLike;
  try {
    store = deps.createStore(options);
  } catch (error) {
    // The loader checks every section against this schema, so this is a rule it does not know: keep the file
    // aside, say so, and start on the defaults rather than not at all.
    try {
      copyAside();
      writeSettings(path, defaultSettings());
      store = deps.createStore(options);
    } catch {
      return { port: createMemorySettings(loaded.settings), intentStore, problems: [...problems, refused(error, true)], backup, path };
    }
    problems.push(refused(error, false));
  }
  if (!loaded.exists) for (const [key, value] of Object.entries(loaded.settings)) store.set(key as keyof Settings, value as never);
  return { port: portOver(store), intentStore, problems, backup, path };
}

function refused(error: unknown, memoryOnly: boolean): AppError {
  const why = (error instanceof Error ? error.message : String(error)).slice(0, 200);
  return {
    code: 'settings-section-reset',
    field: '',
    message: memoryOnly
      ? `The settings file was refused (${why}) and could not be replaced; Presence Tray runs on its defaults for this session.`
      : `The settings file was refused (${why}); every section was reset to its default and the old file was kept as a backup.`,
  };
}
