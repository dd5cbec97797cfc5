/**
 * The settings file: electron-store (conf underneath) over app/settings' schema, defaults and migrations.
 * Before the store opens the file, it is read and checked section by section; a file that does not parse
 * or validate is copied aside with a timestamp, the good sections are kept, the bad ones start on their
 * defaults, and the problems are returned so the app can tell the user. Nothing else is lost.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock.ts';
import type { AppError } from '../errors.ts';
import type { SettingsListener, SettingsPort } from '../ipc/settings-port.ts';
import { backupCorruptFile, loadSettings, parseSettingsFile, SETTINGS_STORE_SCHEMA } from '../settings/index.ts';
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
}

/** The opened settings. */
export interface OpenedSettings {
  port: SettingsPort;
  /** What was wrong with the file (empty for a clean one); the app shows these once. */
  problems: AppError[];
  /** Where the bad file was copied, or null. */
  backup: string | null;
  path: string;
}

const FILE = 'config';

/** Open (and if needed repair) the settings file. */
export function openSettingsStore(deps: SettingsStoreDeps): OpenedSettings {
  const path = join(deps.folder, `${FILE}.json`);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  const loaded = text === undefined ? loadSettings(undefined) : parseSettingsFile(text);
  let backup: string | null = null;
  // A file that differs from the settings (migrated, repaired, or missing a section) is rewritten; a new
  // install has no file yet and gets its defaults through the store below.
  if (text !== undefined && (loaded.needsWrite || loaded.needsBackup || loaded.migrations.length > 0)) {
    // A file that failed to parse or validate is copied aside first: it is never overwritten before that.
    if (loaded.needsBackup) backup = backupCorruptFile(path, deps.clock);
    // Write the completed settings before the store reads the file, so the store never sees (or clears) a bad one.
    const temp = `${path}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(loaded.settings, null, '\t')}\n`);
    renameSync(temp, path);
  }
  const store = deps.createStore({ cwd: deps.folder, name: FILE, schema: SETTINGS_STORE_SCHEMA, clearInvalidConfig: false });
  if (text === undefined) for (const [key, value] of Object.entries(loaded.settings)) store.set(key as keyof Settings, value as never);
  const listeners = new Set<SettingsListener>();
  const port: SettingsPort = {
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
  return { port, problems: loaded.problems, backup, path };
}
