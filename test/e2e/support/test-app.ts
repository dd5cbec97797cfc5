/**
 * The app the window talks to in the Playwright suite: the real core (`createCore`: GraphClient and
 * PresenceController), the real Scheduler and schedule validation/preview, the real hotkey service and, for
 * sign-in, the real MSAL AuthService — all pointed at an in-process emulator over real HTTP. Settings live in
 * memory for the test's lifetime, so a page reload reads back what was saved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../app/clock.ts';
import { createCore } from '../../../app/core.ts';
import type { Core } from '../../../app/core.ts';
import type { AuthService } from '../../../app/auth/auth-service.ts';
import { createAuthService } from '../../../app/auth/auth-service.ts';
import type { PresenceState, TokenSource } from '../../../app/control/types.ts';
import { createHotkeyService } from '../../../app/hotkeys/hotkey-service.ts';
import type { HotkeyService } from '../../../app/hotkeys/hotkey-service.ts';
import type { Channel, IpcReply } from '../../../app/ipc/contract.ts';
import { defaultSettings } from '../../../app/settings/defaults.ts';
import type { Settings } from '../../../app/settings/types.ts';
import { startEmulator } from '../../emulator/server.ts';
import type { RunningEmulator } from '../../emulator/server.ts';
import { EmulatorTokenSource } from '../../support/emulator-token-source.ts';
import { aesEncryptor } from '../../auth/support/aes-encryptor.ts';
import type { BridgeBackend } from './bridge.ts';
import { createWindowHandlers } from './window-handlers.ts';

/** A client id for the tests' app registration. */
export const TEST_CLIENT_ID = '11111111-2222-4333-8444-555555555555';

/** How the test app starts. */
export interface TestAppOptions {
  /** Signed in through the emulator's token endpoint (default), or signed out with the real MSAL sign-in. */
  signedIn?: boolean;
  /** Settings to start from (default: the shipped defaults with the test client id). */
  settings?: (settings: Settings) => void;
  /** Chords another program "holds": the hotkey registrar refuses them. */
  heldElsewhere?: string[];
  /** Demo mode, as `npm run demo` starts it (the window shows a DEMO badge). */
  demo?: boolean;
}

/** A running test app. */
export interface TestApp {
  emulator: RunningEmulator;
  core: Core;
  settings: Settings;
  backend: BridgeBackend;
  /** Links the window asked main to open. */
  openedLinks: string[];
  /** Whether the hotkeys are suspended for a capture right now. */
  capturing(): boolean;
  /** Every Graph request the emulator received. */
  graphRequests(): Promise<Array<{ method: string; path: string; body: unknown }>>;
  /** Set the preference straight at Graph, as Teams itself would when the user changes it there. */
  setInTeams(availability: string, activity: string): Promise<void>;
  /** Approve the device-code sign-in shown to the user, as the user would on another device. */
  approveDeviceCode(userCode: string): Promise<void>;
  close(): Promise<void>;
}

async function control<T>(emulator: RunningEmulator, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}/_emulator/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`emulator ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Start the emulator and build the app on it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emulator = await startEmulator();
  const { id: userId } = await control<{ id: string }>(emulator, 'users', { displayName: 'Avery Example', userPrincipalName: 'avery@contoso.example' });
  // A Teams client is signed in, so a preference is visible (no session means Offline).
  await control(emulator, 'sessions', { userId, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
  await control(emulator, 'settings', { devicePollIntervalSeconds: 1 });

  const settings = defaultSettings();
  settings.connection.clientId = TEST_CLIENT_ID;
  options.settings?.(settings);

  const tmp = mkdtempSync(join(tmpdir(), 'presence-tray-e2e-'));
  let auth: AuthService | null = null;
  let tokens: TokenSource;
  if (options.signedIn === false) {
    auth = createAuthService({
      connection: settings.connection,
      cacheFile: join(tmp, 'token-cache.bin'),
      encryptor: aesEncryptor(),
      openBrowser: async () => undefined,
      endpointOverride: emulator.url,
    });
    await auth.start();
    tokens = auth;
  } else {
    tokens = new EmulatorTokenSource({ baseUrl: emulator.url, userId, clientId: settings.connection.clientId, account: { name: 'Avery Example', username: 'avery@contoso.example' } });
  }

  const core = createCore({
    tokens,
    scheduleSettings: settings.schedule,
    options: { clientId: settings.connection.clientId, graphBaseUrl: emulator.url, readIntervalSeconds: settings.options.readIntervalSeconds, retry: { maxAttempts: 1 }, demo: options.demo ?? false },
  });
  const held = new Set((options.heldElsewhere ?? []).map((a) => a.toLowerCase()));
  let capturing = false;
  const hotkeys: HotkeyService = createHotkeyService({
    registrar: { register: (accelerator) => !held.has(accelerator.toLowerCase()), unregister: () => undefined },
    onCommand: () => undefined,
    clock: systemClock,
  });
  hotkeys.apply(settings.hotkeys);
  const openedLinks: string[] = [];
  const scheduler = core.scheduler;
  if (!scheduler) throw new Error('createCore built no Scheduler from scheduleSettings');
  const handlers = createWindowHandlers({
    core,
    scheduler,
    settings,
    hotkeys: {
      status: () => hotkeys.status(),
      apply: (rows) => hotkeys.apply(rows),
      beginCapture: () => ((capturing = true), hotkeys.beginCapture()),
      endCapture: () => ((capturing = false), hotkeys.endCapture()),
    },
    auth,
    openLink: (url) => openedLinks.push(url),
    info: { version: '0.1.0', logFolder: join(tmp, 'logs'), demo: options.demo ?? false, platform: 'linux' },
  });
  await core.start();

  const listeners = new Set<(state: PresenceState) => void>();
  const publish = (): void => {
    for (const l of listeners) l(core.controller.state());
  };
  core.controller.onState(publish);
  auth?.onChange(publish);

  return {
    emulator,
    core,
    settings,
    openedLinks,
    capturing: () => capturing,
    backend: {
      invoke: (channel: Channel, request: unknown): Promise<IpcReply<unknown>> => handlers(channel, request),
      onState(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    async graphRequests() {
      const log = await control<Array<{ kind?: string; method: string; path: string; body?: unknown }>>(emulator, 'requests');
      return log.filter((r) => r.kind === undefined || r.kind === 'graph').map((r) => ({ method: r.method, path: r.path, body: r.body }));
    },
    async setInTeams(availability, activity) {
      const { access_token: token } = await control<{ access_token: string }>(emulator, 'tokens', { userId, scopes: ['Presence.ReadWrite'], clientId: 'teams' });
      const res = await fetch(`${emulator.url}/v1.0/me/presence/setUserPreferredPresence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ availability, activity }),
      });
      if (!res.ok) throw new Error(`Teams-side write failed: ${res.status} ${await res.text()}`);
    },
    async approveDeviceCode(userCode) {
      await control(emulator, 'devicecodes/approve', { user_code: userCode, userId });
    },
    async close() {
      hotkeys.dispose();
      await auth?.dispose();
      await core.dispose();
      await emulator.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
