/**
 * The IPC handlers over a real core: an in-process emulator, the emulator-backed token source, createCore,
 * settings in memory, and the hotkey service over a registrar that records chords (and can refuse one, as
 * when another program holds it). Sign-in is a small recorder: the AuthService has its own tests.
 */
import { createCore, type Core } from '../../app/core.ts';
import { DEFAULT_HOTKEYS } from '../../app/hotkeys/defaults.ts';
import { createHotkeyService, type HotkeyService } from '../../app/hotkeys/hotkey-service.ts';
import type { HotkeyCommand } from '../../app/hotkeys/types.ts';
import { createIpcHandlers, type IpcHandlers } from '../../app/ipc/handlers.ts';
import { createMemorySettings, type SettingsPort } from '../../app/settings/settings-port.ts';
import { WORK_WEEK_SCHEDULE } from '../support/work-week-schedule.ts';
import { DEFAULT_MACHINE_RULES } from '../../app/control/machine.ts';
import { DEFAULT_PRESETS } from '../../app/control/presets.ts';
import type { Settings } from '../../app/settings/types.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { EmulatorTokenSource } from '../support/emulator-token-source.ts';
import { systemClock } from '../../app/clock.ts';

export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';

/** Settings of a user who set up a client id and kept the older shipped work-week schedule (four rules). */
export function baseSettings(): Settings {
  return {
    schemaVersion: 3,
    connection: { cloud: 'Global', tenant: 'organizations', clientId: CLIENT_ID },
    schedule: structuredClone(WORK_WEEK_SCHEDULE),
    hotkeys: structuredClone([...DEFAULT_HOTKEYS]),
    options: { appSession: false, readIntervalSeconds: 60, notifications: true, launchAtLogin: false, storeTokensWithoutKeyring: false },
    statusPresets: ['In a meeting', 'Focusing'],
    machineRules: structuredClone(DEFAULT_MACHINE_RULES) as Settings['machineRules'],
    presets: structuredClone(DEFAULT_PRESETS) as Settings['presets'],
  };
}

/** Everything a handler test needs, and a way to stop it. */
export interface Harness {
  emulator: RunningEmulator;
  control: EmulatorControl;
  userId: string;
  tokens: EmulatorTokenSource;
  core: Core;
  settings: SettingsPort;
  hotkeys: HotkeyService;
  handlers: IpcHandlers;
  /** Chords currently registered with the fake registrar. */
  registered: Map<string, () => void>;
  /** Chords the registrar refuses (held by "another program"). */
  heldElsewhere: Set<string>;
  commands: Array<{ id: string; command: HotkeyCommand }>;
  opened: string[];
  authCalls: string[];
  close(): Promise<void>;
}

/** Start the emulator, a user and a core; build the handlers over them. */
export async function startHarness(): Promise<Harness> {
  const emulator = await startEmulator();
  const control = new EmulatorControl(emulator.url);
  const user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.example' });
  await control.addSession({ userId: user.id, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
  const tokens = new EmulatorTokenSource({ baseUrl: emulator.url, userId: user.id, clientId: CLIENT_ID, account: { name: 'Ada Lovelace', username: 'ada@contoso.example' } });
  const core = createCore({ tokens, options: { clientId: CLIENT_ID, graphBaseUrl: emulator.url, timeZone: 'UTC' } });
  await core.start();
  const settings = createMemorySettings(baseSettings());
  const registered = new Map<string, () => void>();
  const heldElsewhere = new Set<string>();
  const commands: Harness['commands'] = [];
  const hotkeys = createHotkeyService({
    registrar: {
      register(accelerator, callback) {
        if (heldElsewhere.has(accelerator) || registered.has(accelerator)) return false;
        registered.set(accelerator, callback);
        return true;
      },
      unregister: (accelerator) => void registered.delete(accelerator),
    },
    onCommand: (command, id) => void commands.push({ id, command }),
    clock: systemClock,
  });
  // What main does: settings saves re-wire the hotkeys.
  settings.onChange((section, value) => {
    if (section === 'hotkeys') hotkeys.apply(value as Settings['hotkeys']);
  });
  hotkeys.apply(settings.get().hotkeys);
  const opened: string[] = [];
  const authCalls: string[] = [];
  const handlers = createIpcHandlers({
    controller: core.controller,
    settings,
    hotkeys,
    auth: {
      signIn: async () => void authCalls.push('signIn'),
      signInWithDeviceCode: async () => {
        authCalls.push('signInWithDeviceCode');
        throw Object.assign(new Error('Device code sign-in is turned off for this app.'), { code: 'public-client-disabled' });
      },
      cancelSignIn: () => void authCalls.push('cancelSignIn'),
      signOut: async () => void authCalls.push('signOut'),
    },
    openInBrowser: async (url) => void opened.push(url),
    appInfo: () => ({ version: '0.1.0', logFolder: '/tmp/logs', demo: false, platform: 'linux' }),
    clock: core.clock,
  });
  return {
    emulator,
    control,
    userId: user.id,
    tokens,
    core,
    settings,
    hotkeys,
    handlers,
    registered,
    heldElsewhere,
    commands,
    opened,
    authCalls,
    async close() {
      hotkeys.dispose();
      await core.dispose();
      await emulator.close();
    },
  };
}
