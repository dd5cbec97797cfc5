/**
 * Electron entry: wiring only (docs/architecture.md#layers). Each `setupX()` connects one module to Electron; the logic
 * lives in app/electron/ (thin adapters) and the plain-Node services built by createCore.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { app, BaseWindow, BrowserWindow, clipboard, globalShortcut, ipcMain, Menu, net, Notification, powerMonitor, protocol, safeStorage, session, shell, Tray } from 'electron';
import Store from 'electron-store';
import { formPostOpener, signInDemoUser } from './auth/demo-sign-in.ts';
import { systemClock } from './clock.ts';
import type { PresenceState } from './control/types.ts';
import { createCore, type Core } from './core.ts';
import { runHotkeyCommand } from './hotkeys/commands.ts';
import { createHotkeyService, type HotkeyService } from './hotkeys/hotkey-service.ts';
import { createIpcHandlers } from './ipc/handlers.ts';
import type { SettingsPort } from './ipc/settings-port.ts';
import { createLogger, fileSink, streamSink, type Logger, type LogSink } from './log/index.ts';
import type { Settings } from './settings/types.ts';
import { launchCommand } from './desktop/autostart.ts';
import { loadInstallId } from './desktop/install-id.ts';
import { loadPolicy } from './desktop/policy-wiring.ts';
import { managedSettings, managedView } from './policy/apply.ts';
import { systemPolicyPorts } from './policy/read.ts';
import type { Policy } from './policy/types.ts';
import { DEMO_CLIENT_ID, DEMO_ENV, DEMO_PROFILE_ENV, DEMO_URL_ENV, startDemoWorld } from './desktop/demo.ts';
import { exposeTestHook } from './desktop/test-hook.ts';
import { createDemoProfile, removeStaleDemoProfiles } from './desktop/demo-profile.ts';
import { quitSteps, shutdownSteps, type QuitParts } from './desktop/quit-plan.ts';
import { restartOnConnectionChange, wireSettings } from './desktop/settings-wiring.ts';
import { notificationFor } from './tray/notifications.ts';
import { runTrayAction } from './tray/tray-actions.ts';
import { applyPreset, applyPresetNamed } from './control/preset-commands.ts';
import type { Source } from './vocabulary.ts';
import { isFirstRun } from './tray/tray-menu.ts';
import { applicationMenu } from './electron/app-menu.ts';
import { registerIpcHandlers, sendState } from './electron/ipc-bridge.ts';
import { appToFront, hideDock, quitCleanly, setLaunchAtLogin, setLinuxIdentity, setWindowsIdentity, showNotification, takeSingleInstance, waylandRefusal } from './electron/lifecycle.ts';
import { globalShortcutRegistrar, guardedOpenExternal, isSignInTarget, safeStorageEncryptor, shellBrowserOpener } from './electron/ports.ts';
import { idleSecondsFrom, watchPower } from './electron/power.ts';
import { APP_SCHEME_PRIVILEGES, serveRenderer } from './electron/protocol.ts';
import { APP_ORIGIN, SETTINGS_URL } from './electron/renderer-files.ts';
import { denyAllPermissions, installGlobalGuard } from './electron/security.ts';
import { openSettingsStore, type OpenedSettings, type StoreLike } from './electron/settings-store.ts';
import { repairNotice } from './settings/repair-notice.ts';
import type { IntentStore } from './control/types.ts';
import { createSettingsWindow, type SettingsWindow } from './electron/settings-window.ts';
import { SESSION_WINDOW_OPTIONS, watchShutdown } from './electron/shutdown.ts';
import { createTrayService, trayIconFile, type TrayService } from './electron/tray-service.ts';
import { runAsCommandLine, wireLinks, type LinkWiring } from './electron/links.ts';
import { presencectlArgs, startRemote, type RemoteControl } from './remote/index.ts';

const platform = process.platform;
const root = app.getAppPath();
const clock = systemClock;

// Demo mode never touches the user's real profile: a fresh one per run. Chromium holds it until the process
// has exited, so it is removed by the next demo start (the profiles of exited demos), not at quit.
const demoMode = Boolean(process.env[DEMO_ENV] || process.env[DEMO_URL_ENV]);
if (demoMode) removeStaleDemoProfiles(app.getPath('temp'));
// The whole-app test names the profile (DEMO_PROFILE_ENV) so a second launch shares the first one's lock.
const demoProfile = demoMode ? (process.env[DEMO_PROFILE_ENV] ?? createDemoProfile(app.getPath('temp'), process.pid)) : null;
if (demoProfile) app.setPath('userData', demoProfile);
// Linux: the desktop id and, on Wayland, the global-shortcuts portal; both must be set before ready.
const wayland = setLinuxIdentity(app, platform, process.env);

let settingsWindow: SettingsWindow | null = null;
// What a pressed chord runs; the whole-app test presses one through the test hook (no key reaches xvfb).
let onHotkey: Parameters<typeof createHotkeyService>[0]['onCommand'] = () => {};
// Set once start() has made the logger; the guard installed before that logs through it when it exists.
let appLog: Logger | null = null;
// presence-tray:// links, registered in main() and handled once the core runs (issue 12).
let links: LinkWiring | null = null;

function setupLog(): Logger {
  const sinks: LogSink[] = [fileSink({ dir: app.getPath('logs'), fileName: 'main.log', maxBytes: 1_000_000, maxFiles: 3 })];
  if (!app.isPackaged) sinks.push(streamSink());
  return createLogger({ sinks, level: 'info' });
}

function setupSettings(log: Logger): OpenedSettings {
  const opened = openSettingsStore({
    createStore: (options) => new Store<Settings>(options) as unknown as StoreLike,
    folder: app.getPath('userData'),
    clock,
    onSavedIntentProblems: (read) => log.warn('settings: the remembered presence was reset', { backup: read.backup, fields: read.problems.map((p) => p.field) }),
  });
  for (const problem of opened.problems) log.warn('settings: repaired', { field: problem.field, code: problem.code });
  if (opened.backup) {
    log.warn('settings: the old file was copied aside', { backup: opened.backup });
    showNotification(Notification, { title: 'Presence Tray settings were repaired', body: repairNotice(opened.problems, opened.backup) });
  }
  return opened;
}

function setupCore(port: SettingsPort, intentStore: IntentStore, log: Logger, demo: { url: string } | null, policy: Policy): Core {
  const settings = port.get();
  return createCore({
    auth: {
      cacheFile: join(app.getPath('userData'), 'token-cache.bin'),
      encryptor: safeStorageEncryptor(safeStorage, platform, () => port.get().options.storeTokensWithoutKeyring),
      openBrowser: demo ? formPostOpener() : shellBrowserOpener(shell),
      storeTokensWithoutKeyring: settings.options.storeTokensWithoutKeyring,
      ...(demo ? { endpointOverride: demo.url } : {}),
    },
    options: {
      clientId: demo ? DEMO_CLIENT_ID : settings.connection.clientId,
      cloud: settings.connection.cloud,
      tenant: settings.connection.tenant,
      appSession: settings.options.appSession,
      readIntervalSeconds: settings.options.readIntervalSeconds,
      scheduleSpreadSeconds: policy.ScheduleSpreadSeconds?.value ?? 0,
      installId: loadInstallId(app.getPath('userData'), (error) => log.warn('could not save the install id', { error: String(error) })),
      demo: demo !== null,
      machineRules: settings.machineRules,
      ...(demo ? { graphBaseUrl: demo.url } : {}),
    },
    idleSeconds: idleSecondsFrom(powerMonitor),
    scheduleSettings: settings.schedule,
    intentStore,
    log,
  });
}

function setupHotkeys(core: Core, port: SettingsPort, log: Logger): HotkeyService {
  return createHotkeyService({
    registrar: globalShortcutRegistrar(globalShortcut),
    onCommand: (onHotkey = (command, id) => {
      const applyPreset = (name: string) => applyPresetNamed(core.controller, port.get().presets, name, 'hotkey');
      runHotkeyCommand(command, { controller: core.controller, openSettings: () => settingsWindow?.open(), applyPreset }).catch((error: unknown) =>
        log.error('hotkey command failed', { id, error: String(error) }),
      );
    }),
    clock,
    log: log.child('hotkeys'),
    ...(wayland ? { refusal: waylandRefusal } : {}),
  });
}

function setupWindow(core: Core, hotkeys: HotkeyService, log: Logger, demo: boolean): SettingsWindow {
  return createSettingsWindow({
    // The hardened options again as literals at the constructor (sandbox last), where a reviewer and the
    // security scanner look for them; hardenedWebPreferences has already set the same values.
    create: (options) =>
      new BrowserWindow({
        ...options,
        webPreferences: { ...options.webPreferences, contextIsolation: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick', sandbox: true },
      }),
    preload: join(root, 'dist', 'preload.cjs'),
    url: SETTINGS_URL,
    demo,
    devTools: !app.isPackaged,
    onOpened: (win) => (core.controller.lookingAt('window'), win.once('ready-to-show', () => sendState(win.webContents, core.controller.state()))),
    // A window closed mid-capture must not leave the user without hotkeys.
    onClosed: () => hotkeys.endCapture(),
    onLoadFailed: (error) => log.error('the settings page failed to load', { error: String(error) }),
    bringAppToFront: appToFront(app, platform),
  });
}

function setupIpc(core: Core, port: SettingsPort, hotkeys: HotkeyService, log: Logger, demo: boolean, policy: Policy): () => void {
  const auth = core.auth;
  if (!auth) throw new Error('the app builds its sign-in service in createCore');
  const handlers = createIpcHandlers({
    controller: core.controller,
    settings: port,
    hotkeys,
    auth,
    // The handler checked the link allowlist; the guard re-checks the scheme at the door to the OS.
    openInBrowser: guardedOpenExternal(shell, isSignInTarget),
    // Copying happens here, not through navigator.clipboard: every web permission stays denied.
    writeClipboard: (text) => clipboard.writeText(text),
    appInfo: () => ({ version: app.getVersion(), logFolder: app.getPath('logs'), demo, platform }),
    clock,
    log: log.child('ipc'),
    managed: () => managedView(policy),
  });
  const trusted = () => ({ webContentsId: settingsWindow?.current()?.webContents.id ?? null, origin: APP_ORIGIN });
  return registerIpcHandlers(ipcMain, handlers, trusted, (channel, facts) => log.warn('ipc: refused a sender', { channel, url: facts.url }));
}

function setupTray(core: Core, port: SettingsPort, log: Logger): TrayService {
  const configured = (): boolean => core.controller.state().demo || port.get().connection.clientId !== '';
  return createTrayService({
    createTray: (image) => new Tray(image),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconFile: (name, demo) => trayIconFile(join(root, 'assets', 'tray'), platform, name, demo), clock,
    input: () => ({ state: core.controller.state(), presets: port.get().statusPresets, presetList: port.get().presets, configured: configured(), now: new Date(clock.now()) }),
    onAction: (action) => {
      runTrayAction(action, {
        controller: core.controller,
        openSettings: () => settingsWindow?.open(),
        applyPreset: (preset) => applyPreset(core.controller, preset, { source: 'tray' }),
        signIn: () => void core.auth?.signIn().catch((error: unknown) => log.warn('sign-in from the tray failed', { error: String(error) })),
        signOut: () => void core.auth?.signOut(),
        quit: () => app.quit(),
      }).catch((error: unknown) => log.error('tray action failed', { action: action.kind, error: String(error) }));
    },
    onClick: () => settingsWindow?.open(),
    onMenuOpen: () => core.controller.lookingAt('menu'),
    platform,
  });
}

function setupStateStream(core: Core, port: SettingsPort, tray: TrayService): () => void {
  let previous: PresenceState | null = core.controller.state();
  return core.controller.onState((state) => {
    tray.render();
    sendState(settingsWindow?.current()?.webContents ?? null, state);
    const text = port.get().options.notifications ? notificationFor(previous, state, { now: new Date(clock.now()) }) : null;
    if (text) showNotification(Notification, text);
    previous = state;
  });
}

async function start(): Promise<void> {
  const log = setupLog();
  appLog = log;
  hideDock(app, platform);
  setWindowsIdentity(app, platform);
  const menu = applicationMenu(platform);
  Menu.setApplicationMenu(menu ? Menu.buildFromTemplate(menu) : null);
  denyAllPermissions(session.defaultSession, (what, detail) => log.warn(`blocked ${what}`, { detail }));
  serveRenderer(protocol, join(root, 'dist', 'renderer'));
  const opened = setupSettings(log);
  const policy = await loadPolicy(systemPolicyPorts(platform, app.getPath('home'), userInfo().username), log.child('policy'), (n) => showNotification(Notification, n));
  const port = managedSettings(opened.port, policy);
  const demo = await startDemoWorld(process.env);
  const core = setupCore(port, opened.intentStore, log, demo, policy);
  const hotkeys = setupHotkeys(core, port, log);
  settingsWindow = setupWindow(core, hotkeys, log, demo !== null);
  const unregisterIpc = setupIpc(core, port, hotkeys, log, demo !== null, policy);
  const unwire = wireSettings(port, {
    hotkeys,
    scheduler: core.scheduler,
    controller: core.controller,
    machine: core,
    auth: core.auth,
    setLaunchAtLogin: (on) => setLaunchAtLogin(app, platform, on, { env: process.env, home: app.getPath('home'), command: launchCommand({ env: process.env, execPath: process.execPath, appPath: root, packaged: app.isPackaged }) }),
    onError: (section, error) => log.warn('settings: applying a change failed', { section, error: String(error) }),
  });
  if (!demo) restartOnConnectionChange(port, log, () => (app.relaunch(), app.quit()));
  const tray = setupTray(core, port, log);
  const stopState = setupStateStream(core, port, tray);
  const stopPower = watchPower({ powerMonitor, net, clock, platform, notify: (event) => core.notify(event) });
  let remote: RemoteControl | null = null;
  const parts: QuitParts = {
    stopRemote: () => remote?.close(),
    releaseHotkeys: () => (hotkeys.dispose(), globalShortcut.unregisterAll()),
    goingDown: () => core.notify({ type: 'suspend' }),
    idle: () => core.controller.idle(),
    stopCore: () => core.dispose(),
    stopWatching: () => (stopPower(), stopShutdown(), stopState(), unwire(), unregisterIpc()),
    removeTray: () => tray.dispose(),
    ...(demo ? { stopDemo: () => demo.close() } : {}),
  };
  const quit = quitCleanly(app, () => quitSteps(parts), clock, log, () => shutdownSteps(parts));
  const stopShutdown = watchShutdown({ platform, powerMonitor, createSessionWindow: () => new BaseWindow(SESSION_WINDOW_OPTIONS), onShutdown: () => void quit.shutdown() });
  await core.start();
  const applyNamed = (name: string, source: Source) => applyPresetNamed(core.controller, port.get().presets, name, source);
  remote = await startRemote({ controller: core.controller, clock: core.clock, schedule: core.schedule, applyPreset: applyNamed }, { version: app.getVersion(), log: log.child('remote') });
  links?.ready(remote.handleLink, (text) => showNotification(Notification, text));
  if (demo && core.auth) await signInDemoUser(core.auth, demo.url, demo.userId);
  tray.render();
  if (isFirstRun(core.controller.state(), demo !== null || port.get().connection.clientId !== '')) settingsWindow.open('account'); // where sign-in is; the first-run panel leads
  exposeTestHook(process.env, {
    clickTrayItem: (id) => tray.clickItem(id),
    hotkeys: () => port.get().hotkeys,
    runHotkey: (command, id) => onHotkey(command, id),
    state: () => core.controller.state(),
  });
  log.info('started', { version: app.getVersion(), demo: demo !== null });
}

function main(): void {
  const cli = presencectlArgs(process.argv);
  if (cli) return runAsCommandLine(app, cli, { out: process.stdout, err: process.stderr });
  protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);
  // Every webContents, from the first, gets the navigation/new-window guard.
  installGlobalGuard(app, (what, detail) => appLog?.warn(`blocked ${what}`, { detail }));
  // Before takeSingleInstance: a second launch that only carried a link leaves the settings window closed.
  links = wireLinks(app, { platform, argv: process.argv, defaultApp: process.defaultApp === true, execPath: process.execPath, appArg: process.argv[1] ? resolve(process.argv[1]) : null });
  if (!takeSingleInstance(app, () => links?.tookSecondLaunch() || settingsWindow?.open())) {
    app.quit();
    return;
  }
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => {});
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Presence Tray could not start:', error);
      app.exit(1);
    });
}

main();
