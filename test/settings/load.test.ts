import { describe, expect, it } from 'vitest';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_SETTINGS,
  SETTINGS_FILE_MAX_BYTES,
  SECTIONS,
  defaultSettings,
  loadSettings,
  parseSettingsFile,
  type SavedIntent,
  type Settings,
} from '../../app/settings/index.ts';
import { DEFAULT_SCHEDULE } from '../../app/schedule/types.ts';
import { WORK_WEEK_SCHEDULE } from '../support/work-week-schedule.ts';

/** A complete, valid settings object that differs from the defaults in every section. */
function custom(): Settings {
  const s = defaultSettings();
  s.connection = { cloud: 'USGovL5', tenant: '6f1c2e8a-1b2c-4d5e-8f90-1234567890ab', clientId: '0b2c2e8a-1b2c-4d5e-8f90-1234567890ab' };
  s.schedule = {
    ...s.schedule,
    enabled: true,
    timeZone: 'Europe/Berlin',
    rules: [
      { id: 'a', name: 'Early', days: ['mon'], start: '07:00', end: '08:00', presence: 'Busy' },
      { id: 'b', name: 'Mid', days: ['tue'], start: '10:00', end: '11:00', presence: 'Away', statusMessage: 'Walk' },
      { id: 'c', name: 'Late', days: ['wed'], start: '16:00', end: '24:00', presence: 'DoNotDisturb' },
    ],
  };
  s.hotkeys = [{ id: 'x', accelerator: 'CommandOrControl+Alt+B', command: { action: 'set', presence: 'Busy' }, enabled: true }];
  s.options = { appSession: true, readIntervalSeconds: 120, notifications: false, launchAtLogin: true, storeTokensWithoutKeyring: true };
  s.statusPresets = ['Heads down'];
  return s;
}

/** The remembered intent as version-2 files kept it inside the settings (`settings.saved`). */
function savedIntent(): SavedIntent {
  return {
    intent: { presence: 'DoNotDisturb', source: 'hotkey', since: '2026-11-23T10:00:00Z', until: { kind: 'duration', iso: 'PT1H' }, endsAt: '2026-11-23T11:00:00Z' },
    statusMessage: { text: 'Focus', until: null, source: 'tray' },
    pause: { until: '2026-11-23T12:00:00Z' },
  };
}

describe('defaults', () => {
  it('load as themselves with no problem', () => {
    const { settings, problems, needsBackup } = loadSettings(structuredClone(DEFAULT_SETTINGS));
    expect(problems).toEqual([]);
    expect(needsBackup).toBe(false);
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('are what the issue asks for', () => {
    const d = DEFAULT_SETTINGS;
    expect(d.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(d.connection).toEqual({ cloud: 'Global', tenant: 'organizations', clientId: '' });
    expect(d.schedule).toEqual(DEFAULT_SCHEDULE);
    expect(d.schedule.enabled).toBe(false);
    expect(d.options).toEqual({ appSession: false, readIntervalSeconds: 300, notifications: true, launchAtLogin: false, storeTokensWithoutKeyring: false });
    expect(d.statusPresets).toEqual(expect.arrayContaining(['In a meeting', 'Focusing', 'At lunch', 'Out for the day']));
    // The remembered intent is runtime state with its own file, not a setting (issue 11).
    expect('saved' in d).toBe(false);
    expect(d.hotkeys.length).toBeGreaterThanOrEqual(6);
    expect(d.hotkeys.every((h) => !h.enabled)).toBe(true);
    const presences = d.hotkeys.flatMap((h) => (h.command.action === 'set' ? [h.command.presence] : []));
    expect(new Set(presences)).toEqual(new Set(['Available', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offline']));
    const dnd = d.hotkeys.find((h) => h.command.action === 'set' && h.command.presence === 'DoNotDisturb');
    expect(dnd?.command).toMatchObject({ until: { kind: 'duration', iso: 'PT1H' } });
  });

  it('defaultSettings() is a copy that can be changed without touching the defaults', () => {
    const copy = defaultSettings();
    copy.schedule.rules.length = 0;
    copy.options.readIntervalSeconds = 999;
    expect(DEFAULT_SETTINGS.schedule.rules.length).toBe(3);
    expect(DEFAULT_SETTINGS.options.readIntervalSeconds).toBe(300);
  });
});

describe('loadSettings', () => {
  it('keeps a valid file exactly', () => {
    const file = custom();
    const { settings, problems, needsBackup } = loadSettings(structuredClone(file));
    expect(problems).toEqual([]);
    expect(needsBackup).toBe(false);
    expect(settings).toEqual(file);
  });

  it('no file gives the defaults, quietly; so does an empty object and one with only store bookkeeping', () => {
    for (const raw of [undefined, {}, { __internal__: { migrations: { version: '0.1.0' } } }]) {
      const { settings, problems, needsBackup, migrations } = loadSettings(raw);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(problems).toEqual([]);
      expect(needsBackup).toBe(false);
      expect(migrations).toEqual([]);
    }
  });

  it('a missing section takes its default without a problem', () => {
    const file = custom() as Partial<Settings>;
    delete file.statusPresets;
    const { settings, problems } = loadSettings(file);
    expect(problems).toEqual([]);
    expect(settings.statusPresets).toEqual(DEFAULT_SETTINGS.statusPresets);
    expect(settings.options.readIntervalSeconds).toBe(120);
  });

  it('keeps a saved schedule as it is, the old shipped "Work hours: Available" included (no migration rewrites it)', () => {
    const file = { ...custom(), schemaVersion: 2, schedule: structuredClone(WORK_WEEK_SCHEDULE) };
    const { settings, problems } = loadSettings(file);
    expect(problems).toEqual([]);
    expect(settings.schedule).toEqual(WORK_WEEK_SCHEDULE);
    expect(settings.schedule.rules.map((r) => r.id)).toContain('work');
    expect(DEFAULT_SCHEDULE.rules.map((r) => r.id)).not.toContain('work');
  });

  it('one bad rule resets the schedule only, naming the rule and field, and keeps every other section', () => {
    const file = custom();
    (file.schedule.rules[2] as { start: string }).start = '25:00';
    const { settings, problems, needsBackup } = loadSettings(file);
    expect(needsBackup).toBe(true);
    expect(problems.map((p) => p.field)).toEqual(['schedule.rules[2].start', 'schedule']);
    expect(problems[0]?.message).toMatch(/Late/);
    expect(problems[1]?.code).toBe('settings-section-reset');
    expect(settings.schedule).toEqual(DEFAULT_SCHEDULE);
    const expected = custom();
    for (const section of SECTIONS.filter((s) => s !== 'schedule')) expect(settings[section]).toEqual(expected[section]);
  });

  it('a malformed hotkey table falls back to the default table; an unregistrable chord is kept', () => {
    const bad = custom();
    (bad.hotkeys as unknown[]).push({ id: 'y', accelerator: 'Ctrl+Q', command: { action: 'dance' }, enabled: true });
    const first = loadSettings(bad);
    expect(first.settings.hotkeys).toEqual(DEFAULT_SETTINGS.hotkeys);
    expect(first.problems.some((p) => p.field?.startsWith('hotkeys[1].command'))).toBe(true);
    expect(first.settings.schedule).toEqual(custom().schedule);

    const odd = custom();
    odd.hotkeys.push({ id: 'z', accelerator: 'Q', command: { action: 'clear' }, enabled: true });
    const second = loadSettings(odd);
    expect(second.problems).toEqual([]);
    expect(second.settings.hotkeys).toHaveLength(2);
  });

  it('repairs options and connection field by field', () => {
    const file = custom() as unknown as Record<string, Record<string, unknown>>;
    (file.options as Record<string, unknown>).readIntervalSeconds = 2;
    (file.options as Record<string, unknown>).notifications = 'yes';
    (file.connection as Record<string, unknown>).cloud = 'Mars';
    const { settings, problems } = loadSettings(file);
    expect(problems.map((p) => p.field).sort()).toEqual(['connection.cloud', 'options.notifications', 'options.readIntervalSeconds']);
    expect(problems.every((p) => p.code === 'invalid-setting')).toBe(true);
    expect(settings.options).toEqual({ ...custom().options, readIntervalSeconds: 300, notifications: true });
    expect(settings.connection).toEqual({ ...custom().connection, cloud: 'Global' });
  });

  it("moves a version-2 file's remembered intent out of the settings, dropping only its broken part", () => {
    const saved = savedIntent();
    (saved.intent as { until: unknown }).until = { kind: 'duration', iso: 'P1M' };
    const { settings, problems, savedIntent: moved, migrations } = loadSettings({ ...custom(), schemaVersion: 2, saved });
    expect(migrations).toEqual(['saved-intent-own-file', 'presets-with-presence']);
    expect(problems[0]?.field).toBe('saved.intent.until.iso');
    expect('saved' in settings).toBe(false);
    expect(moved?.intent).toBeNull();
    expect(moved?.statusMessage).toEqual(savedIntent().statusMessage);
    expect(moved?.pause).toEqual(savedIntent().pause);
    expect(loadSettings({ ...custom(), schemaVersion: 2, saved: savedIntent() })).toMatchObject({ problems: [], savedIntent: savedIntent() });
  });

  it('reports unknown keys, top-level and inside sections, and keeps them out of Settings', () => {
    const file = { ...custom(), theme: 'dark', options: { ...custom().options, beta: true } };
    const { settings, problems, needsBackup } = loadSettings(file);
    expect(needsBackup).toBe(true);
    expect(problems.filter((p) => p.code === 'unknown-setting').map((p) => p.field).sort()).toEqual(['options.beta', 'theme']);
    expect('theme' in settings).toBe(false);
    expect('beta' in settings.options).toBe(false);
  });

  it('a section of the wrong type falls back with a problem at the section', () => {
    const file = { ...custom(), statusPresets: 'In a meeting', connection: [1] };
    const { settings, problems } = loadSettings(file);
    expect(settings.statusPresets).toEqual(DEFAULT_SETTINGS.statusPresets);
    expect(settings.connection).toEqual(DEFAULT_SETTINGS.connection);
    expect(problems.filter((p) => p.code === 'settings-section-reset').map((p) => p.field)).toEqual(['connection', 'statusPresets']);
  });

  it('a validator that throws costs only its own section', () => {
    const { settings, problems } = loadSettings(custom(), {
      validators: {
        options: () => {
          throw new Error('bug');
        },
      },
    });
    expect(settings.options).toEqual(DEFAULT_SETTINGS.options);
    expect(settings.schedule).toEqual(custom().schedule);
    expect(problems[0]).toMatchObject({ field: 'options', code: 'invalid-setting' });
  });

  it('anything but an object gives the defaults, a problem and a backup', () => {
    for (const raw of [null, [], 42, 'text', true]) {
      const { settings, problems, needsBackup } = loadSettings(raw);
      expect(settings).toEqual(DEFAULT_SETTINGS);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: 'settings-unreadable', field: '' });
      expect(needsBackup).toBe(true);
    }
  });

  it('needsWrite says whether the loaded settings differ from the file', () => {
    expect(loadSettings(custom()).needsWrite).toBe(false);
    expect(loadSettings({ ...custom(), __internal__: { migrations: { version: '0.1.0' } } }).needsWrite).toBe(false);
    expect(loadSettings(undefined).needsWrite).toBe(true);
    const partial = custom() as Partial<Settings>;
    delete partial.hotkeys;
    expect(loadSettings(partial).needsWrite).toBe(true);
    expect(loadSettings({ ...custom(), schemaVersion: 1 }).needsWrite).toBe(true);
    expect(loadSettings({ ...custom(), options: { ...custom().options, readIntervalSeconds: 1 } }).needsWrite).toBe(true);
    expect(parseSettingsFile('nope').needsWrite).toBe(true);
  });

  it('status presets follow the window\'s rule: distinct, non-blank, at most 20', () => {
    for (const presets of [['A', 'A'], ['  '], Array.from({ length: 21 }, (_, i) => `p${i}`), ['x'.repeat(281)]]) {
      const { settings, problems } = loadSettings({ ...custom(), statusPresets: presets });
      expect(settings.statusPresets).toEqual(DEFAULT_SETTINGS.statusPresets);
      expect(problems[0]?.field).toMatch(/^statusPresets/);
      expect(problems[0]?.code).toBe('invalid-setting');
    }
  });

  it('never changes its input', () => {
    const file = { ...custom(), readIntervalMs: 1000, schemaVersion: 1 };
    const before = structuredClone(file);
    loadSettings(file);
    expect(file).toEqual(before);
  });
});

describe('parseSettingsFile', () => {
  it('reads JSON text (with or without a BOM)', () => {
    const text = JSON.stringify(custom());
    expect(parseSettingsFile(text).settings).toEqual(custom());
    expect(parseSettingsFile(`\uFEFF${text}`).problems).toEqual([]);
  });

  it.each([['{"schemaVersion": 2, "options": {'], ['not json'], [''], ['   \n']])('%j gives defaults, a problem and needsBackup', (text) => {
    const { settings, problems, needsBackup } = parseSettingsFile(text);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(needsBackup).toBe(true);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('settings-unreadable');
    expect(problems[0]?.message).toMatch(/defaults/);
  });
});

/** A file whose `schemaVersion` is not one this build can read, with every section valid. */
const withVersion = (schemaVersion: unknown): Record<string, unknown> => ({ ...custom(), schemaVersion });

describe('what the loader reports, and that the old file is kept whenever something was not carried over', () => {
  it('a file that is not settings says what it holds instead', () => {
    for (const [raw, what] of [[null, 'null'], [[], 'a list'], [42, 'number'], ['text', 'string'], [true, 'boolean']] as const) {
      const loaded = loadSettings(raw);
      expect(loaded.problems[0]?.message).toContain(`holds ${what} instead of settings`);
      expect(loaded.migrations).toEqual([]);
    }
  });

  it.each([
    ['an unreadable schemaVersion', withVersion('two'), 'invalid-setting'],
    ['a file from a newer Presence Tray', withVersion(CURRENT_SCHEMA_VERSION + 1), 'settings-from-newer-version'],
  ])('a migration problem (%s) is reported and asks for a backup, while every section is kept', (_, raw, code) => {
    const { settings, problems, needsBackup } = loadSettings(raw);
    expect(problems).toEqual([expect.objectContaining({ code, field: 'schemaVersion' })]);
    expect(needsBackup).toBe(true);
    expect({ ...settings, schemaVersion: 0 }).toEqual({ ...custom(), schemaVersion: 0 });
  });

  it('a key too deep to copy is set aside, reported by its name, and asks for a backup', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const { settings, problems, needsBackup } = loadSettings({ ...custom(), statusPresets: deep });
    expect(problems).toEqual([expect.objectContaining({ code: 'settings-section-unreadable', field: 'statusPresets' })]);
    expect(needsBackup).toBe(true);
    expect(settings.statusPresets).toEqual(DEFAULT_SETTINGS.statusPresets);
  });

  it("a validator's crash names the section and the cause", () => {
    const { problems } = loadSettings(custom(), {
      validators: {
        hotkeys: () => {
          throw new Error('unexpected shape');
        },
      },
    });
    expect(problems[0]).toMatchObject({ field: 'hotkeys', code: 'invalid-setting' });
    expect(problems[0]?.message).toMatch(/hotkey/i);
    expect(problems[0]?.message).toContain('unexpected shape');
  });

  it('a value a section check lets through but the settings file cannot store resets that section, naming the field', () => {
    // The store's schema is the last word: whatever a section check would let through, conf must be able to open.
    const lax = { ...custom().options, readIntervalSeconds: 5 };
    const nested = loadSettings(custom(), { validators: { options: () => ({ value: lax, problems: [] }) } });
    expect(nested.settings.options).toEqual(DEFAULT_SETTINGS.options);
    expect(nested.settings.schedule).toEqual(custom().schedule);
    expect(nested.problems.map((p) => [p.code, p.field])).toEqual([
      ['invalid-setting', 'options.readIntervalSeconds'],
      ['settings-section-reset', 'options'],
    ]);
    expect(nested.problems[0]?.message).toContain('readIntervalSeconds');
    expect(nested.needsBackup).toBe(true);

    const rule = { ...custom().schedule.rules[0]!, start: '7 am' };
    const deep = loadSettings(custom(), { validators: { schedule: () => ({ value: { ...custom().schedule, rules: [rule] }, problems: [] }) } });
    expect(deep.problems[0]).toMatchObject({ code: 'invalid-setting', field: 'schedule.rules.0.start' });
    expect(deep.settings.schedule).toEqual(DEFAULT_SCHEDULE);

    const whole = loadSettings(custom(), { validators: { statusPresets: () => ({ value: 'Lunch' as never, problems: [] }) } });
    expect(whole.problems[0]).toMatchObject({ code: 'invalid-setting', field: 'statusPresets' });
    expect(whole.problems[0]?.message).toMatch(/at statusPresets\b/);
  });

  it('the reset of each section says which section it was', () => {
    const names: Record<(typeof SECTIONS)[number], RegExp> = {
      connection: /connection/i,
      schedule: /schedule/i,
      hotkeys: /hotkey/i,
      options: /options/i,
      statusPresets: /status message presets/i,
      machineRules: /rules that follow the computer/i,
      presets: /^Presets/,
    };
    for (const section of SECTIONS) {
      const { problems } = loadSettings({ ...custom(), [section]: 42 });
      const reset = problems.find((p) => p.code === 'settings-section-reset');
      expect(reset?.field).toBe(section);
      expect(reset?.message).toMatch(names[section]);
    }
  });

  it('an unknown key is named in its report', () => {
    const { problems } = loadSettings({ ...custom(), colourScheme: 'dark' });
    expect(problems).toEqual([expect.objectContaining({ code: 'unknown-setting', field: 'colourScheme' })]);
    expect(problems[0]?.message).toContain('"colourScheme"');
  });

  it("moving a version-2 file's remembered intent asks for a backup only when part of it was dropped", () => {
    const clean = loadSettings({ ...custom(), schemaVersion: 2, saved: savedIntent() });
    expect(clean.needsBackup).toBe(false);
    const saved = savedIntent();
    (saved.pause as { until: unknown }).until = 'tomorrow';
    const broken = loadSettings({ ...custom(), schemaVersion: 2, saved });
    expect(broken.problems.map((p) => p.field)).toEqual(['saved.pause.until']);
    expect(broken.needsBackup).toBe(true);
  });

  it('something thrown while reading the values gives the defaults and a report, not a crash', () => {
    const raw = { ...custom() } as Record<string, unknown>;
    Object.defineProperty(raw, 'options', { enumerable: true, get: () => { throw new Error('value unreadable'); } });
    const loaded = loadSettings(raw);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problems).toEqual([expect.objectContaining({ code: 'settings-unreadable', field: '' })]);
    expect(loaded.problems[0]?.message).toContain('value unreadable');
    expect(loaded.needsBackup).toBe(true);
  });
});

describe('parseSettingsFile limits', () => {
  it(`refuses a file over ${SETTINGS_FILE_MAX_BYTES / 1024} KiB even when it is valid JSON, and reads one of exactly that size`, () => {
    const text = JSON.stringify(custom());
    const atLimit = text + ' '.repeat(SETTINGS_FILE_MAX_BYTES - text.length);
    expect(parseSettingsFile(atLimit)).toMatchObject({ settings: custom(), problems: [] });
    const over = parseSettingsFile(`${atLimit} `);
    expect(over.settings).toEqual(DEFAULT_SETTINGS);
    expect(over.needsBackup).toBe(true);
    expect(over.problems).toEqual([expect.objectContaining({ code: 'settings-unreadable', field: '' })]);
    expect(over.problems[0]?.message).toContain(`${SETTINGS_FILE_MAX_BYTES / 1024} KiB`);
  });

  it('drops only a leading byte-order mark: the same character inside a value is read as written', () => {
    const file = custom();
    file.statusPresets = ['Back\uFEFFsoon'];
    expect(parseSettingsFile(JSON.stringify(file)).settings.statusPresets).toEqual(['Back\uFEFFsoon']);
  });

  it.each([[''], ['  \n\t'], ['\uFEFF']])('%j is reported as empty, not as broken JSON', (text) => {
    expect(parseSettingsFile(text).problems[0]?.message).toMatch(/empty/);
  });
});
