// One verdict per declared value (issue 11, "One source of truth per setting"): every good and bad example in
// app/settings/fields.ts goes through the settings loader, conf's own schema validation (a real conf store),
// the IPC check and the window's inline check, and each path must agree. `badBeyondSchema` examples break a
// rule JSON Schema cannot say: conf accepts them (so the store can never stop the app) and every other path refuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUEST_CHECKS } from '../../app/ipc/payloads.ts';
import { FIELDS, type FieldSpec } from '../../app/settings/fields.ts';
import { SETTINGS_STORE_SCHEMA, defaultSettings, loadSettings, type Settings } from '../../app/settings/index.ts';
import { connectionProblems, idleMinutesProblem, machineRulesProblem, presetsProblem, readIntervalProblem, statusTextProblem } from '../../renderer/checks.ts';

const folder = mkdtempSync(join(tmpdir(), 'fields-table-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const store = new Conf<Settings>({ cwd: folder, configName: 'table', schema: SETTINGS_STORE_SCHEMA as never, defaults: defaultSettings() });
const NOW = Date.parse('2026-11-23T10:00:00Z');

/** Where each declared value sits in the settings, how the window sends it, and the window's own check. */
interface Paths {
  /** Settings with the example in place (for the loader and for conf). */
  place(settings: Settings, value: unknown): void;
  /** The section the example lives in, and the value to read back after loading. */
  section: keyof Settings;
  read(settings: Settings): unknown;
  ipc(value: unknown): unknown[];
  window?(value: unknown): boolean;
}

const hotkeyUntil = (s: Settings, until: unknown): void => {
  s.hotkeys = [{ id: 'h', accelerator: 'CommandOrControl+Alt+Shift+1', enabled: false, command: { action: 'set', presence: 'Busy', until } as never }];
};
const connection = (key: 'cloud' | 'tenant' | 'clientId'): Paths => ({
  section: 'connection',
  place: (s, v) => void ((s.connection as unknown as Record<string, unknown>)[key] = v),
  read: (s) => s.connection[key],
  ipc: (v) => REQUEST_CHECKS.saveConnection({ connection: { ...defaultSettings().connection, clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', [key]: v } }),
  window: (v) => typeof v === 'string' && !connectionProblems({ ...defaultSettings().connection, clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e', [key]: v })[key],
});
const rule = (days: unknown) => ({ id: 'r', name: 'R', days, start: '09:00', end: '10:00', presence: 'Busy' });

const PATHS: Record<keyof typeof FIELDS, Paths> = {
  cloud: connection('cloud'),
  tenant: connection('tenant'),
  clientId: connection('clientId'),
  readIntervalSeconds: {
    section: 'options',
    place: (s, v) => void ((s.options as unknown as Record<string, unknown>).readIntervalSeconds = v),
    read: (s) => s.options.readIntervalSeconds,
    ipc: (v) => REQUEST_CHECKS.saveOptions({ options: { ...defaultSettings().options, readIntervalSeconds: v } }),
    // The window reads whole seconds from a number field: a value that is not a number never reaches it as one.
    window: (v) => typeof v === 'number' && readIntervalProblem(String(v)) === null,
  },
  flag: {
    section: 'options',
    place: (s, v) => void ((s.options as unknown as Record<string, unknown>).notifications = v),
    read: (s) => s.options.notifications,
    ipc: (v) => REQUEST_CHECKS.saveOptions({ options: { ...defaultSettings().options, notifications: v } }),
  },
  statusText: {
    section: 'statusPresets',
    place: (s, v) => void (s.statusPresets = [v as string]),
    read: (s) => s.statusPresets[0],
    ipc: (v) => [...REQUEST_CHECKS.setStatusMessage({ text: v }), ...REQUEST_CHECKS.saveStatusPresets({ presets: [v] })],
    window: (v) => typeof v === 'string' && statusTextProblem(v) === null,
  },
  presets: {
    section: 'statusPresets',
    place: (s, v) => void (s.statusPresets = v as string[]),
    read: (s) => s.statusPresets,
    ipc: (v) => REQUEST_CHECKS.saveStatusPresets({ presets: v }),
  },
  duration: {
    section: 'hotkeys',
    place: (s, v) => hotkeyUntil(s, { kind: 'duration', iso: v }),
    read: (s) => (s.hotkeys[0]?.command as { until?: { iso?: unknown } }).until?.iso,
    ipc: (v) => REQUEST_CHECKS.setPresence({ presence: 'Busy', until: { kind: 'duration', iso: v } }, NOW),
  },
  instant: {
    section: 'hotkeys',
    place: (s, v) => hotkeyUntil(s, { kind: 'at', instant: v }),
    read: (s) => (s.hotkeys[0]?.command as { until?: { instant?: unknown } }).until?.instant,
    // Without `now`: the IPC check of an instant's form (its distance from now is the door's extra rule).
    ipc: (v) => REQUEST_CHECKS.setPresence({ presence: 'Busy', until: { kind: 'at', instant: v } }),
  },
  until: {
    section: 'hotkeys',
    place: (s, v) => hotkeyUntil(s, v),
    read: (s) => (s.hotkeys[0]?.command as { until?: unknown }).until,
    ipc: (v) => REQUEST_CHECKS.setPresence({ presence: 'Busy', until: v }),
  },
  timeZone: {
    section: 'schedule',
    place: (s, v) => void ((s.schedule as unknown as Record<string, unknown>).timeZone = v),
    read: (s) => s.schedule.timeZone,
    ipc: (v) => REQUEST_CHECKS.saveSchedule({ schedule: { ...defaultSettings().schedule, timeZone: v } }),
  },
  idleMinutes: {
    section: 'machineRules',
    place: (s, v) => void ((s.machineRules.idle as unknown as Record<string, unknown>).minutes = v),
    read: (s) => s.machineRules.idle.minutes,
    ipc: (v) => REQUEST_CHECKS.saveMachineRules({ rules: { ...defaultSettings().machineRules, idle: { enabled: true, minutes: v, presence: 'Away' } } }),
    // The window reads whole minutes from a number field.
    window: (v) => typeof v === 'number' && idleMinutesProblem(String(v)) === null,
  },
  machineRules: {
    section: 'machineRules',
    place: (s, v) => void (s.machineRules = v as Settings['machineRules']),
    read: (s) => s.machineRules,
    ipc: (v) => REQUEST_CHECKS.saveMachineRules({ rules: v }),
    window: (v) => machineRulesProblem(v) === null,
  },
  presetName: {
    section: 'presets',
    place: (s, v) => void (s.presets = [{ name: v as string, presence: 'Away' }]),
    read: (s) => s.presets[0]?.name,
    ipc: (v) => REQUEST_CHECKS.savePresets({ presets: [{ name: v, presence: 'Away' }] }),
    window: (v) => presetsProblem([{ name: v, presence: 'Away' }]) === null,
  },
  presetList: {
    section: 'presets',
    place: (s, v) => void (s.presets = v as Settings['presets']),
    read: (s) => s.presets,
    ipc: (v) => REQUEST_CHECKS.savePresets({ presets: v }),
    window: (v) => presetsProblem(v) === null,
  },
  days: {
    section: 'schedule',
    place: (s, v) => void (s.schedule.rules = [rule(v) as never]),
    read: (s) => s.schedule.rules[0]?.days,
    ipc: (v) => REQUEST_CHECKS.saveSchedule({ schedule: { ...defaultSettings().schedule, rules: [rule(v)] } }),
  },
};

/** The loader kept the example as it is (normalized). */
function loaderAccepts(spec: FieldSpec, paths: Paths, value: unknown): boolean {
  const file = defaultSettings();
  paths.place(file, value);
  const { settings, problems } = loadSettings(file);
  const expected = spec.trim && typeof value === 'string' ? value.trim() : value;
  return problems.length === 0 && JSON.stringify(paths.read(settings)) === JSON.stringify(expected);
}

/** conf's ajv accepts the section holding the example. */
function confAccepts(paths: Paths, value: unknown): boolean {
  const file = defaultSettings();
  paths.place(file, value);
  try {
    store.set(paths.section, file[paths.section] as never);
    return true;
  } catch {
    return false;
  } finally {
    store.store = defaultSettings();
  }
}

/** The schedule's deep checks run in the handler; the IPC verdict includes them (the reply's problems). */
async function ipcAccepts(paths: Paths, value: unknown): Promise<boolean> {
  if (paths.ipc(value).length) return false;
  if (paths.section !== 'schedule') return true;
  const { validateSchedule } = await import('../../app/schedule/validate.ts');
  const file = defaultSettings();
  paths.place(file, value);
  return validateSchedule(file.schedule).problems.length === 0;
}

describe.each(Object.entries(FIELDS) as Array<[keyof typeof FIELDS, FieldSpec]>)('%s', (name, spec) => {
  const paths = PATHS[name];
  const show = (v: unknown) => JSON.stringify(v)?.slice(0, 50);
  it('every good example passes the loader, conf, IPC and the window', async () => {
    for (const value of spec.good) {
      const verdicts = { loader: loaderAccepts(spec, paths, value), conf: confAccepts(paths, spec.trim && typeof value === 'string' ? value.trim() : value), ipc: await ipcAccepts(paths, value), window: paths.window?.(value) ?? true };
      expect(verdicts, show(value)).toEqual({ loader: true, conf: true, ipc: true, window: true });
    }
  });
  it('every bad example is refused by the loader, conf, IPC and the window', async () => {
    for (const value of spec.bad) {
      const verdicts = { loader: loaderAccepts(spec, paths, value), conf: confAccepts(paths, value), ipc: await ipcAccepts(paths, value), window: paths.window?.(value) ?? false };
      expect(verdicts, show(value)).toEqual({ loader: false, conf: false, ipc: false, window: false });
    }
  });
  it('every example beyond the schema is refused by the loader, IPC and the window, and storable by conf', async () => {
    for (const value of spec.badBeyondSchema ?? []) {
      const verdicts = { loader: loaderAccepts(spec, paths, value), conf: confAccepts(paths, value), ipc: await ipcAccepts(paths, value), window: paths.window?.(value) ?? false };
      expect(verdicts, show(value)).toEqual({ loader: false, conf: true, ipc: false, window: false });
    }
  });
});
