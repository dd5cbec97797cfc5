// Settings files the app must survive (issue 15, defects 1 and 2): values the loader used to accept but conf's
// schema refuses, and files nested deeper than structuredClone can copy. Whatever the file says, opening the
// store does not throw, the good sections are kept, the file is copied aside and the report names what was reset.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempSettingsStore } from './support/temp-settings-store.ts';
import { defaultSettings } from '../../app/settings/index.ts';

const rig = tempSettingsStore('settings-hostile-');
const { open, file } = rig;
const KEPT_PRESETS = ['Kept one', 'Kept two'];

/** A file with good presets and one hostile value set at `path`. */
function writeWith(path: string, value: unknown): void {
  const settings = defaultSettings() as unknown as Record<string, unknown>;
  settings.statusPresets = KEPT_PRESETS;
  const keys = path.split('.');
  let at = settings;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  writeFileSync(file(), JSON.stringify(settings));
}

const rule = (extra: Record<string, unknown>) => ({ id: 'r', name: 'R', days: ['mon'], start: '09:00', end: '10:00', presence: 'Busy', ...extra });
const hotkey = (until: unknown) => [{ id: 'h', accelerator: 'CommandOrControl+Alt+Shift+1', enabled: true, command: { action: 'set', presence: 'Busy', until } }];

// The probe's findings: values the old loader said "fine" to and conf then refused inside openSettingsStore.
const LOADER_LOOSER_THAN_SCHEMA: Array<[string, string, unknown]> = [
  ['a rule with the same day twice (8 days)', 'schedule.rules', [rule({ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'mon'] })]],
  ['a rule id over the schema length', 'schedule.rules', [rule({ id: 'x'.repeat(101) })]],
  ['a lower-case duration', 'hotkeys', hotkey({ kind: 'duration', iso: 'pt1h' })],
  ['a padded duration', 'hotkeys', hotkey({ kind: 'duration', iso: ' PT1H ' })],
  ['an over-long duration', 'hotkeys', hotkey({ kind: 'duration', iso: `PT${'0'.repeat(60)}1H` })],
];

describe('a settings file the loader accepts never stops the app (defect 1)', () => {
  it.each(LOADER_LOOSER_THAN_SCHEMA)('%s: the store opens, keeps the good sections, copies the file aside and names the reset', (_, path, value) => {
    writeWith(path, value);
    const original = readFileSync(file(), 'utf8');
    const opened = open();
    const section = path.split('.')[0]!;
    expect(opened.problems.some((p) => (p.field ?? '').startsWith(section))).toBe(true);
    expect(opened.backup).not.toBeNull();
    expect(readFileSync(opened.backup!, 'utf8')).toBe(original);
    expect(opened.port.get().statusPresets).toEqual(KEPT_PRESETS);
    // The next start is clean: nothing left to repair.
    expect(open().problems).toEqual([]);
  });
});

describe('a settings file nested 2,000 levels deep (defect 2)', () => {
  it.each([
    ['options', '{"a":', '}', 2000],
    ['connection', '{"a":', '}', 2000],
    ['unknownKey', '[', ']', 5000],
  ])('under %s (%s…): the app starts, keeps the good sections and copies the file aside', (key, open1, close1, depth) => {
    const settings = defaultSettings() as unknown as Record<string, unknown>;
    settings.statusPresets = KEPT_PRESETS;
    delete settings[key];
    const deep = `${open1.repeat(depth)}1${close1.repeat(depth)}`;
    writeFileSync(file(), JSON.stringify(settings).replace(/}$/, `,"${key}":${deep}}`));
    const opened = open();
    expect(opened.backup).not.toBeNull();
    expect(existsSync(opened.backup!)).toBe(true);
    expect(opened.problems.length).toBeGreaterThan(0);
    expect(opened.port.get().statusPresets).toEqual(KEPT_PRESETS);
  });
});
