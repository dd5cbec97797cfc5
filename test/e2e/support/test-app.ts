/**
 * The app the window talks to in the Playwright suite, wired as app/main.ts wires it minus Electron: the real
 * core (`createCore`: GraphClient, PresenceController, Scheduler and, when signed out, the MSAL AuthService),
 * the real hotkey service, main's own IPC handlers (`createIpcHandlers`, `dispatch`) and settings wiring
 * (`wireSettings`, an in-memory intent store) — all pointed at an in-process emulator over real HTTP. Settings
 * live in memory (`createMemorySettings`) for the test's lifetime, so a page reload reads back what was saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../app/clock.ts';
import { createCore } from '../../../app/core.ts';
import type { Core } from '../../../app/core.ts';
import type { PresenceState } from '../../../app/control/types.ts';
import { AppFailure } from '../../../app/errors.ts';
import { createHotkeyService } from '../../../app/hotkeys/hotkey-service.ts';
import type { IpcAuth } from '../../../app/ipc/handlers.ts';
import { createIpcHandlers, dispatch } from '../../../app/ipc/handlers.ts';
import { createMemorySettings } from '../../../app/settings/settings-port.ts';
import { defaultSettings } from '../../../app/settings/defaults.ts';
import { WORK_WEEK_SCHEDULE } from '../../support/work-week-schedule.ts';
import type { Settings } from '../../../app/settings/types.ts';
import type { ManagedView } from '../../../app/policy/types.ts';
import { memoryIntentStore } from '../../../app/control/intent-store.ts';
import { wireSettings } from '../../../app/desktop/settings-wiring.ts';
import { aesEncryptor } from '../../auth/support/aes-encryptor.ts';
import { EmulatorControl } from '../../emulator/client.ts';
import { startEmulator } from '../../emulator/server.ts';
import type { RunningEmulator } from '../../emulator/server.ts';
import { EmulatorTokenSource } from '../../support/emulator-token-source.ts';
import type { BridgeBackend } from './bridge.ts';

/** A client id for the tests' app registration. */
export const TEST_CLIENT_ID = '11111111-2222-4333-8444-555555555555';

/** How the test app starts. */
export interface TestAppOptions {
  /** Signed in with tokens from the emulator (default), or signed out with the real MSAL sign-in service. */
  signedIn?: boolean;
  /** Change the settings to start from (default: the shipped defaults with the test client id). */
  settings?: (settings: Settings) => void;
  /** Chords another program "holds": the hotkey registrar refuses them. */
  heldElsewhere?: string[];
  /** Demo mode, as `npm run demo` starts it (the window shows a DEMO badge). */
  demo?: boolean;
  /** What the organization manages by policy, as main tells the window (default: nothing). */
  managed?: ManagedView;
}

/** A running test app. */
export interface TestApp {
  emulator: RunningEmulator;
  /** The emulator's control API (test/emulator/client.ts). */
  control: EmulatorControl;
  core: Core;
  /** The saved settings right now (a copy). */
  readonly settings: Settings;
  backend: BridgeBackend;
  /** Links the window had main open. */
  openedLinks: string[];
  /** Text the window had main copy to the clipboard (copyText). */
  copied: string[];
  /** Whether the hotkeys are suspended for a capture right now. */
  capturing(): boolean;
  /** Every Graph request the emulator received, in order. */
  graphRequests(): Promise<Array<{ method: string; path: string; body: unknown }>>;
  /** Set the preference straight at Graph, as Teams itself would when the user changes it there. */
  setInTeams(availability: string, activity: string): Promise<void>;
  /** Approve the device-code sign-in shown to the user, as the user would on another device. */
  approveDeviceCode(userCode: string): Promise<void>;
  close(): Promise<void>;
}

/** Sign-in for an app whose tokens come straight from the emulator: there is nothing to sign in to. */
const emulatorTokensOnly: IpcAuth = {
  signIn: () => Promise.reject(refused()),
  signInWithDeviceCode: () => Promise.reject(refused()),
  cancelSignIn: () => undefined,
  signOut: () => Promise.reject(refused()),
};

function refused(): AppFailure {
  return new AppFailure({ code: 'not-in-this-test', message: 'This test app is signed in through the emulator; start it signed out to test sign-in.' });
}

/** Start the emulator and build the app on it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emulator = await startEmulator();
  const control = new EmulatorControl(emulator.url);
  const account = { name: 'Avery Example', username: 'avery@contoso.example' };
  const { id: userId } = await control.createUser({ displayName: account.name, userPrincipalName: account.username });
  // A Teams client is signed in, so a preference is visible (no session means Offline).
  await control.addSession({ userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
  // MSAL polls at the interval the devicecode answer gives; keep the device-code test short.
  await control.settings({ devicePollIntervalSeconds: 1 });

  const initial = defaultSettings();
  initial.connection.clientId = TEST_CLIENT_ID;
  // A user who kept the older four-rule work week (the schedule specs edit its "Work hours" rule).
  initial.schedule = structuredClone(WORK_WEEK_SCHEDULE);
  options.settings?.(initial);
  const port = createMemorySettings(initial);

  const tmp = mkdtempSync(join(tmpdir(), 'presence-tray-e2e-'));
  const core = createCore({
    ...(options.signedIn === false
      ? { auth: { cacheFile: join(tmp, 'token-cache.bin'), encryptor: aesEncryptor(), openBrowser: async () => undefined, endpointOverride: emulator.url } }
      : { tokens: new EmulatorTokenSource({ baseUrl: emulator.url, userId, clientId: initial.connection.clientId, account }) }),
    scheduleSettings: initial.schedule,
    intentStore: memoryIntentStore(),
    options: {
      clientId: initial.connection.clientId,
      tenant: initial.connection.tenant,
      graphBaseUrl: emulator.url,
      readIntervalSeconds: initial.options.readIntervalSeconds,
      retry: { maxAttempts: 1 },
      demo: options.demo ?? false,
    },
  });

  const held = new Set((options.heldElsewhere ?? []).map((a) => a.toLowerCase()));
  let capturing = false;
  const service = createHotkeyService({
    registrar: { register: (accelerator) => !held.has(accelerator.toLowerCase()), unregister: () => undefined },
    onCommand: () => undefined,
    clock: systemClock,
  });
  const hotkeys = {
    status: () => service.status(),
    beginCapture: () => ((capturing = true), service.beginCapture()),
    endCapture: () => ((capturing = false), service.endCapture()),
  };
  const openedLinks: string[] = [];
  const copied: string[] = [];
  const handlers = createIpcHandlers({
    controller: core.controller,
    settings: port,
    hotkeys,
    auth: core.auth ?? emulatorTokensOnly,
    openInBrowser: async (url) => void openedLinks.push(url),
    writeClipboard: async (text) => void copied.push(text),
    appInfo: () => ({ version: '0.1.0', logFolder: join(tmp, 'logs'), demo: options.demo ?? false, platform: 'linux' }),
    clock: systemClock,
    managed: () => options.managed ?? { fields: {} },
  });
  const unwire = wireSettings(port, { hotkeys: service, scheduler: core.scheduler, controller: core.controller, machine: core, auth: core.auth });
  await core.start();

  return {
    emulator,
    control,
    core,
    get settings() {
      return port.get();
    },
    openedLinks,
    copied,
    capturing: () => capturing,
    backend: {
      invoke: (channel, request) => dispatch(handlers, channel, request),
      onState: (listener: (state: PresenceState) => void) => core.controller.onState(listener),
    },
    async graphRequests() {
      return (await control.requests({ kind: 'graph' })).map((r) => ({ method: r.method, path: r.path, body: r.body }));
    },
    async setInTeams(availability, activity) {
      const { access_token: token } = await control.mintToken({ userId, scopes: ['Presence.ReadWrite'], clientId: 'teams' });
      const res = await fetch(`${emulator.url}/v1.0/me/presence/setUserPreferredPresence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ availability, activity }),
      });
      if (!res.ok) throw new Error(`Teams-side write failed: ${res.status} ${await res.text()}`);
    },
    async approveDeviceCode(userCode) {
      await control.approveDeviceCode(userCode, userId);
    },
    async close() {
      unwire();
      service.dispose();
      await core.dispose();
      await emulator.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
