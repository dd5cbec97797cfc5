/**
 * The settings store over conf (electron-store's base, with the same options and file handling) in a fresh temp
 * folder per test, removed afterwards. conf names the file with `configName`; electron-store maps its `name`
 * option onto it the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach } from 'vitest';
import { openSettingsStore, type StoreLike } from '../../../app/electron/settings-store.ts';
import type { Settings } from '../../../app/settings/types.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/** Register the per-test folder; `open()` opens the store in it, `file()` is its config.json. */
export function tempSettingsStore(prefix: string): { folder(): string; open(): ReturnType<typeof openSettingsStore>; file(): string; clock: ManualClock } {
  let folder = '';
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  const clock = new ManualClock('2026-11-23T10:36:00Z');
  return {
    folder: () => folder,
    clock,
    open: () =>
      openSettingsStore({
        createStore: ({ name, ...options }) => new Conf<Settings>({ ...options, configName: name, projectVersion: '0.1.0' }) as unknown as StoreLike,
        folder,
        clock,
      }),
    file: () => join(folder, 'config.json'),
  };
}
