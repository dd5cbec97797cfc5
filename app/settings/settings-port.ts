/**
 * How the IPC handlers read and save settings, whatever holds them: the electron-store instance in the app
 * (app/electron/settings-store.ts), a plain object in tests and in the renderer's Playwright bridge.
 * Saving a section notifies the listeners synchronously, so hotkeys and schedules are re-wired before the
 * handler that saved answers the window.
 */
import type { Settings } from './types.ts';

/** A section the window can save (everything but the version stamp). */
export type SettingsSection = Exclude<keyof Settings, 'schemaVersion'>;

/** Told after a section was saved. */
export type SettingsListener = <K extends SettingsSection>(section: K, value: Settings[K]) => void;

/** Read and save settings by section. */
export interface SettingsPort {
  /** The whole settings object (a copy: changing it changes nothing). */
  get(): Settings;
  /** Replace one section and tell the listeners. The value has been validated by the caller. */
  save<K extends SettingsSection>(section: K, value: Settings[K]): void;
  /** Listen to saves; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
}

/** A {@link SettingsPort} over an object in memory (tests, the Playwright bridge, the demo's throwaway profile). */
export function createMemorySettings(initial: Settings): SettingsPort {
  let current = structuredClone(initial);
  const listeners = new Set<SettingsListener>();
  return {
    get: () => structuredClone(current),
    save(section, value) {
      current = { ...current, [section]: structuredClone(value) };
      for (const listener of [...listeners]) listener(section, structuredClone(value));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
