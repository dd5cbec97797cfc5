/**
 * The settings pieces against conf itself (electron-store's base, same ajv validation): the schema accepts the
 * defaults and what the loader produces, rejects what it should, and the corrupt-file flow the Electron layer
 * follows (read text → parseSettingsFile → backupCorruptFile → write clean settings) ends with a working store
 * and the old file kept.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettingsStore, type StoreLike } from '../../app/electron/settings-store.ts';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_SETTINGS,
  SETTINGS_STORE_SCHEMA,
  backupCorruptFile,
  defaultSettings,
  loadSettings,
  parseSettingsFile,
  type Settings,
} from '../../app/settings/index.ts';
import { ManualClock } from '../support/manual-clock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'presence-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const open = (cwd: string): Conf<Settings> =>
  new Conf<Settings>({ cwd, configName: 'settings', schema: SETTINGS_STORE_SCHEMA as never, defaults: defaultSettings() });

describe('with conf', () => {
  it('the schema accepts the defaults and a fresh store holds them', () => {
    const store = open(tempDir());
    expect(store.store).toEqual(DEFAULT_SETTINGS);
  });

  it('the schema is not vacuous: conf refuses values the types forbid', () => {
    const store = open(tempDir());
    expect(() => store.set('options.readIntervalSeconds', 1 as never)).toThrow(/schema/i);
    expect(() => store.set('connection.cloud', 'Mars' as never)).toThrow(/schema/i);
    expect(() => store.set('schedule.rules', [{ id: 'r', name: 'R', days: ['mon'], start: '25:00', end: '10:00', presence: 'Busy' }] as never)).toThrow(/schema/i);
    expect(() => store.set('statusPresets', ['\u200B\u200B'] as never)).toThrow(/schema/i);
  });

  it('accepts everything the loader produces, including a filled-in saved intent and a custom schedule', () => {
    const cwd = tempDir();
    const loaded = loadSettings({
      readIntervalMs: 90_000,
      schedule: { ...DEFAULT_SETTINGS.schedule, enabled: true, timeZone: 'Europe/Berlin' },
      saved: {
        intent: { presence: null, source: 'window', since: '2026-11-23T10:00:00.000Z', until: { kind: 'forever' }, endsAt: null },
        statusMessage: { text: 'Back at 3', until: '2026-11-23T15:00:00+01:00', source: 'tray' },
        pause: { until: null },
      },
    });
    expect(loaded.problems).toEqual([]);
    expect(loaded.savedIntent?.statusMessage?.text).toBe('Back at 3');
    const store = open(cwd);
    store.store = loaded.settings;
    expect(open(cwd).store).toEqual(loaded.settings);
    expect(open(cwd).get('options.readIntervalSeconds')).toBe(90);
  });

  it('migrates a version-1 file found on disk and the store takes the result', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'settings.json'), JSON.stringify({ readIntervalMs: 30_000, statusPresets: ['Old preset'] }));
    const loaded = parseSettingsFile(readFileSync(join(cwd, 'settings.json'), 'utf8'));
    expect(loaded.migrations).toEqual(['read-interval-in-seconds', 'saved-intent-own-file', 'presets-with-presence']);
    const store = open(cwd);
    store.store = loaded.settings;
    const back = JSON.parse(readFileSync(join(cwd, 'settings.json'), 'utf8')) as Settings;
    expect(back.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(back.options.readIntervalSeconds).toBe(30);
    expect(back.statusPresets).toEqual(['Old preset']);
  });

  it('corrupt file: conf alone refuses it; the loader gives defaults, the file is copied aside, the store starts clean', () => {
    const cwd = tempDir();
    const path = join(cwd, 'settings.json');
    const garbage = '{"schemaVersion":2,"options":{"readIntervalSeconds":';
    writeFileSync(path, garbage);
    expect(() => open(cwd)).toThrow();

    const loaded = parseSettingsFile(readFileSync(path, 'utf8'));
    expect(loaded.needsBackup).toBe(true);
    expect(loaded.problems[0]?.code).toBe('settings-unreadable');
    const backup = backupCorruptFile(path, new ManualClock('2026-11-23T10:36:00.123Z'));
    expect(backup).toBe(`${path}.corrupt-2026-11-23T10-36-00-123Z`);
    writeFileSync(path, JSON.stringify(loaded.settings));
    const store = open(cwd);
    expect(store.store).toEqual(DEFAULT_SETTINGS);
    expect(readFileSync(backup as string, 'utf8')).toBe(garbage);
    expect(readdirSync(cwd).sort()).toEqual(['settings.json', 'settings.json.corrupt-2026-11-23T10-36-00-123Z']);
  });

  it('a file conf would reject for one bad rule keeps its other sections through the loader', () => {
    const cwd = tempDir();
    const path = join(cwd, 'settings.json');
    const file = defaultSettings();
    file.statusPresets = ['Mine'];
    (file.schedule.rules[0] as { days: string[] }).days = ['someday'];
    writeFileSync(path, JSON.stringify(file));
    expect(() => open(cwd)).toThrow(/schema/i);
    const loaded = parseSettingsFile(readFileSync(path, 'utf8'));
    expect(loaded.problems[0]?.field).toBe('schedule.rules[0].days[0]');
    writeFileSync(path, JSON.stringify(loaded.settings));
    expect(open(cwd).get('statusPresets')).toEqual(['Mine']);
  });
});

describe('opening a file that needs repair: the old file is kept aside and the report names what changed', () => {
  // openSettingsStore as main uses it, over conf instead of electron-store (same options, same file handling).
  const openStore = (folder: string) =>
    openSettingsStore({
      createStore: ({ name, ...options }) => new Conf<Settings>({ ...options, configName: name, projectVersion: '0.1.0' }) as unknown as StoreLike,
      folder,
      clock: new ManualClock('2026-11-23T10:36:00Z'),
    });
  const custom = (): Settings => ({ ...defaultSettings(), statusPresets: ['Mine'] });

  it.each([
    ['a field repair', { ...custom(), options: { ...custom().options, readIntervalSeconds: 2 } }, 'options.readIntervalSeconds'],
    ['an unreadable schemaVersion', { ...custom(), schemaVersion: 'three' }, 'schemaVersion'],
    ['a file from a newer version', { ...custom(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, 'schemaVersion'],
  ])('%s: the backup holds the file as it was and the problem is reported', (_, file, field) => {
    const folder = tempDir();
    const text = JSON.stringify(file);
    writeFileSync(join(folder, 'config.json'), text);
    const opened = openStore(folder);
    expect(opened.problems.map((p) => p.field)).toContain(field);
    expect(opened.backup).not.toBeNull();
    expect(existsSync(opened.backup!)).toBe(true);
    expect(readFileSync(opened.backup!, 'utf8')).toBe(text);
    expect(opened.port.get().statusPresets).toEqual(['Mine']);
    expect(JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8'))).toMatchObject({ schemaVersion: CURRENT_SCHEMA_VERSION });
  });
});
