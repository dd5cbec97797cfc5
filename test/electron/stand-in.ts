/**
 * A small stand-in for the Electron APIs the shell uses, typed against Electron's own declarations: each
 * fake `satisfies` the `Pick<>` of the real type the module under test asks for, so a change in Electron's
 * API (or in what a module uses) fails the typecheck here. Fakes record what was done to them.
 *
 * The stand-in is as strict as Electron 45: it refuses what Electron refuses (each rule cites the page of
 * Electron's documentation it copies), so code that only works in a kind stand-in fails a test here.
 * APIs that need the app to be `ready` take a {@link Readiness}; the default is an app that is ready.
 */
import type {
  App,
  Clipboard,
  GlobalShortcut,
  IpcMain,
  IpcMainInvokeEvent,
  Net,
  PowerMonitor,
  Protocol,
  SafeStorage,
  Session,
  Shell,
  Tray,
  WebContents,
} from 'electron';

type Listener = (...args: never[]) => unknown;

/** Whether the fake app has emitted `ready`; gated fakes throw before it, as Electron does. */
export interface Readiness {
  ready: boolean;
  /** Throw Electron's kind of error when the app is not ready yet. */
  assert(api: string, doc: string): void;
}

/** A readiness gate; `ready` starts false for the whole-app stand-in, true for unit tests. */
export function fakeReadiness(ready = false): Readiness {
  const gate: Readiness = {
    ready,
    assert(api, doc) {
      if (!gate.ready) throw new Error(`${api} cannot be used before the app is ready (${doc}).`);
    },
  };
  return gate;
}

/** An app that is already ready: the default of every gated fake. */
export const READY: Readiness = fakeReadiness(true);
type AnyListener = (...args: unknown[]) => unknown;

/** A minimal event emitter with Electron's `on`/`once`/`removeListener` shape. */
export class Emitter {
  private readonly listeners = new Map<string, AnyListener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as AnyListener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: AnyListener = (...args) => {
      this.removeListener(event, wrapped as Listener);
      return (listener as AnyListener)(...args);
    };
    return this.on(event, wrapped as Listener);
  }
  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event whose default can be prevented. */
export function fakeEvent<T extends object = object>(extra?: T): { preventDefault(): void; defaultPrevented: boolean } & T {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...(extra ?? {}),
  };
  return event as { preventDefault(): void; defaultPrevented: boolean } & T;
}

/** A webContents: id, messages sent to it, its window-open handler and its listeners. */
export function fakeWebContents(id: number) {
  const emitter = new Emitter();
  const contents = {
    id,
    sent: [] as Array<{ channel: string; args: unknown[] }>,
    destroyed: false,
    openHandler: null as Parameters<WebContents['setWindowOpenHandler']>[0] | null,
    // Electron's `on` returns the whole object for chaining; nobody chains here, so `never` keeps it assignable.
    on(event: string, listener: Listener): never {
      emitter.on(event, listener);
      return this as never;
    },
    emit: emitter.emit.bind(emitter),
    send(channel: string, ...args: unknown[]) {
      contents.sent.push({ channel, args });
    },
    isDestroyed: () => contents.destroyed,
    setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]) {
      contents.openHandler = handler;
    },
  };
  return contents satisfies Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'on' | 'setWindowOpenHandler'>;
}

/**
 * `app`: listeners, the single-instance lock, login items, dock, focus, command-line switches and quit
 * calls. `whenReady()` makes the app ready (after a tick, then emits `ready`), which opens the gated fakes
 * sharing its {@link Readiness}. `setDesktopName` and command-line switches count only before `ready`
 * (https://www.electronjs.org/docs/latest/api/app#appsetdesktopnamename-linux and
 * https://www.electronjs.org/docs/latest/api/command-line-switches), so the fake refuses them after it.
 */
export function fakeApp(options: { lock?: boolean; readiness?: Readiness } = {}) {
  const emitter = new Emitter();
  const readiness = options.readiness ?? fakeReadiness(true);
  const app = {
    readiness,
    quits: 0,
    loginItems: [] as Array<Parameters<App['setLoginItemSettings']>[0]>,
    dockHidden: false,
    focused: [] as Array<Parameters<App['focus']>[0]>,
    desktopName: null as string | null,
    switches: [] as Array<[string, string | undefined]>,
    commandLine: {
      appendSwitch(name: string, value?: string) {
        if (readiness.ready) throw new Error(`command-line switch ${name} appended after ready has no effect`);
        app.switches.push([name, value]);
      },
    } as unknown as App['commandLine'],
    isReady: () => readiness.ready,
    async whenReady() {
      if (!readiness.ready) {
        await Promise.resolve();
        readiness.ready = true;
        emitter.emit('ready');
      }
    },
    setDesktopName(name: string) {
      if (readiness.ready) throw new Error('app.setDesktopName must be called before the ready event');
      app.desktopName = name;
    },
    focus(focusOptions?: Parameters<App['focus']>[0]) {
      app.focused.push(focusOptions);
    },
    // Electron's `on` returns the whole object for chaining; nobody chains here, so `never` keeps it assignable.
    on(event: string, listener: Listener): never {
      emitter.on(event, listener);
      return this as never;
    },
    emit: emitter.emit.bind(emitter),
    count: emitter.count.bind(emitter),
    requestSingleInstanceLock: () => options.lock ?? true,
    quit() {
      app.quits += 1;
    },
    setLoginItemSettings(settings: Parameters<App['setLoginItemSettings']>[0]) {
      app.loginItems.push(settings);
    },
    dock: {
      hide() {
        app.dockHidden = true;
      },
    } as unknown as App['dock'],
  };
  return app satisfies Pick<App, 'on' | 'quit' | 'requestSingleInstanceLock' | 'setLoginItemSettings' | 'dock' | 'focus' | 'whenReady' | 'isReady' | 'setDesktopName' | 'commandLine'>;
}

/** `ipcMain`: registered invoke handlers, callable as the renderer would. */
export function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipc = {
    handlers,
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    /** Call a channel as a renderer would, with the sender facts given. */
    invoke(channel: string, sender: { id: number; url: string | null; topFrame?: boolean }, payload?: unknown): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      const top = { url: sender.url, parent: null };
      const frame = sender.url === null ? null : sender.topFrame === false ? { url: sender.url, parent: top } : top;
      const event = { sender: { id: sender.id }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
      return Promise.resolve(handler(event, payload));
    },
  };
  return ipc satisfies Pick<IpcMain, 'handle' | 'removeHandler'>;
}

/** Electron's global-shortcut page: "This module cannot be used before the ready event of the app module is emitted." */
const GLOBAL_SHORTCUT_DOC = 'https://www.electronjs.org/docs/latest/api/global-shortcut';

/** `globalShortcut`: chords registered; `held` chords belong to "another program". */
export function fakeGlobalShortcut(held: string[] = [], readiness: Readiness = READY) {
  const shortcut = {
    registered: new Map<string, () => void>(),
    held: new Set(held),
    register(accelerator: string, callback: () => void) {
      readiness.assert('globalShortcut', GLOBAL_SHORTCUT_DOC);
      if (shortcut.held.has(accelerator) || shortcut.registered.has(accelerator)) return false;
      shortcut.registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator: string) {
      readiness.assert('globalShortcut', GLOBAL_SHORTCUT_DOC);
      shortcut.registered.delete(accelerator);
    },
    unregisterAll() {
      readiness.assert('globalShortcut', GLOBAL_SHORTCUT_DOC);
      shortcut.registered.clear();
    },
  };
  return shortcut satisfies Pick<GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;
}

/**
 * A Tray that records what was drawn, and plays the user's primary click as each system delivers it.
 * Rules (https://www.electronjs.org/docs/latest/api/tray, "Platform Considerations", and
 * https://github.com/electron/electron/issues/24200):
 * - a Tray cannot be made before the app is ready (every example there creates it in `whenReady`);
 * - macOS: with a context menu set, mouse-down emits `click` AND opens the menu;
 * - Windows: a left click emits `click` only; the menu opens on a right click;
 * - Linux (StatusNotifierItem): what activates is up to the desktop; most open the menu and emit no `click`.
 */
export function fakeTray(image: string, options: { platform?: NodeJS.Platform; readiness?: Readiness } = {}) {
  (options.readiness ?? READY).assert('Tray', 'https://www.electronjs.org/docs/latest/api/tray');
  const platform = options.platform ?? 'win32';
  const emitter = new Emitter();
  const tray = {
    images: [image] as unknown[],
    tooltips: [] as string[],
    menus: [] as unknown[],
    /** How many times the context menu was shown. */
    menuOpens: 0,
    destroyed: false,
    /** The user's primary (left) click on the icon, as this platform delivers it. */
    pressPrimary() {
      if (platform === 'linux') {
        if (tray.menus.length) tray.menuOpens += 1;
        return;
      }
      emitter.emit('click', fakeEvent(), { x: 0, y: 0, width: 16, height: 16 });
      if (platform === 'darwin' && tray.menus.length) tray.menuOpens += 1;
    },
    /** The user's secondary (right) click: the context menu. */
    pressSecondary() {
      if (tray.menus.length) tray.menuOpens += 1;
    },
    // Electron's `on` returns the whole object for chaining; nobody chains here, so `never` keeps it assignable.
    on(event: string, listener: Listener): never {
      emitter.on(event, listener);
      return this as never;
    },
    emit: emitter.emit.bind(emitter),
    setImage(next: unknown) {
      tray.images.push(next);
    },
    setToolTip(text: string) {
      tray.tooltips.push(text);
    },
    setContextMenu(menu: unknown) {
      tray.menus.push(menu);
    },
    destroy() {
      tray.destroyed = true;
    },
  };
  return tray satisfies Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;
}

/**
 * A session whose permission handlers can be called. `navigator.clipboard.writeText` in a page asks the
 * session for `clipboard-sanitized-write` (https://www.electronjs.org/docs/latest/api/session, the
 * permission list of `setPermissionRequestHandler`): {@link pageClipboardWrite} plays that request.
 */
export function fakeSession() {
  const s = {
    request: null as Parameters<Session['setPermissionRequestHandler']>[0],
    check: null as Parameters<Session['setPermissionCheckHandler']>[0],
    device: null as Parameters<Session['setDevicePermissionHandler']>[0],
    setPermissionRequestHandler(handler: Parameters<Session['setPermissionRequestHandler']>[0]) {
      s.request = handler;
    },
    setPermissionCheckHandler(handler: Parameters<Session['setPermissionCheckHandler']>[0]) {
      s.check = handler;
    },
    setDevicePermissionHandler(handler: Parameters<Session['setDevicePermissionHandler']>[0]) {
      s.device = handler;
    },
  };
  return s satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>;
}

/**
 * A page's `navigator.clipboard.writeText(text)`: it resolves only when the session's permission handler
 * grants `clipboard-sanitized-write` (with no handler Electron grants it; the app installs one that denies).
 */
export function pageClipboardWrite(session: ReturnType<typeof fakeSession>, contents: { id: number }, text: string, clipboard: ReturnType<typeof fakeClipboard>): Promise<void> {
  return new Promise((resolve, reject) => {
    const handler = session.request;
    const decide = (granted: boolean): void => {
      if (!granted) return reject(new Error('NotAllowedError: Write permission denied.'));
      clipboard.writeText(text).then(resolve, reject);
    };
    if (!handler) return decide(true);
    handler(contents as never, 'clipboard-sanitized-write', decide, { requestingUrl: 'app://presence-tray/index.html', isMainFrame: true } as never);
  });
}

/** `clipboard` in main (asynchronous in Electron 45, https://www.electronjs.org/docs/latest/api/clipboard): what was written. */
export function fakeClipboard() {
  const clipboard = {
    text: '',
    writes: [] as string[],
    async writeText(text: string) {
      clipboard.text = text;
      clipboard.writes.push(text);
    },
  };
  return clipboard satisfies Pick<Clipboard, 'writeText'>;
}

/** The session module: `defaultSession` exists only once the app is ready (https://www.electronjs.org/docs/latest/api/session). */
export function fakeSessionModule(readiness: Readiness = READY) {
  const defaultSession = fakeSession();
  return {
    get defaultSession() {
      readiness.assert('session.defaultSession', 'https://www.electronjs.org/docs/latest/api/session');
      return defaultSession;
    },
  };
}

/**
 * `powerMonitor` and `net` whose state a test drives. Rules (https://www.electronjs.org/docs/latest/api/power-monitor):
 * - the module cannot be used before the app is ready;
 * - `lock-screen`/`unlock-screen` are emitted on macOS and Windows only: on Linux locking shows only in
 *   `getSystemIdleState()`, which answers `locked` ("available on supported systems only");
 * - `shutdown` is emitted on Linux and macOS only (Windows tells windows with `session-end`).
 */
export function fakePower(options: { platform?: NodeJS.Platform; readiness?: Readiness } = {}) {
  const platform = options.platform ?? 'darwin';
  const readiness = options.readiness ?? READY;
  const doc = 'https://www.electronjs.org/docs/latest/api/power-monitor';
  const emitter = new Emitter();
  let locked = false;
  const power = {
    // Electron's `on` returns the whole object for chaining; nobody chains here, so `never` keeps it assignable.
    on(event: string, listener: Listener): never {
      readiness.assert('powerMonitor', doc);
      emitter.on(event, listener);
      return this as never;
    },
    getSystemIdleState(_idleThreshold: number): 'active' | 'idle' | 'locked' | 'unknown' {
      readiness.assert('powerMonitor', doc);
      return locked ? 'locked' : 'active';
    },
    /** Seconds since the last input (a test sets it). */
    idleSeconds: 0,
    getSystemIdleTime(): number {
      readiness.assert('powerMonitor', doc);
      return power.idleSeconds;
    },
    /** The user locks the screen. */
    lockScreen() {
      locked = true;
      if (platform !== 'linux') emitter.emit('lock-screen');
    },
    /** The user unlocks the screen. */
    unlockScreen() {
      locked = false;
      if (platform !== 'linux') emitter.emit('unlock-screen');
    },
    /** The system is about to shut down (or the user logs off). */
    shutDown() {
      if (platform !== 'win32') emitter.emit('shutdown', fakeEvent());
    },
    removeListener(event: string, listener: Listener): never {
      emitter.removeListener(event, listener);
      return this as never;
    },
    emit: emitter.emit.bind(emitter),
    count: emitter.count.bind(emitter),
  };
  const net = { online: true, isOnline: () => net.online };
  return { powerMonitor: power satisfies Pick<PowerMonitor, 'on' | 'removeListener' | 'getSystemIdleState' | 'getSystemIdleTime'>, net: net satisfies Pick<Net, 'isOnline'> };
}

/**
 * `safeStorage` with a reversible "encryption" and a chosen backend. Rules (https://www.electronjs.org/docs/latest/api/safe-storage):
 * - on Linux nothing is available before `ready` (the backend reads `unknown`);
 * - on `basic_text` (no keyring) encryption is unavailable until `setUsePlainTextEncryption(true)`;
 * - encrypting or decrypting while unavailable throws, as Electron's does;
 * - `decryptStringAsync` resolves `{ result, shouldReEncrypt }`.
 */
export function fakeSafeStorage(backend: ReturnType<SafeStorage['getSelectedStorageBackend']> = 'gnome_libsecret', options: { platform?: NodeJS.Platform; readiness?: Readiness } = {}) {
  const platform = options.platform ?? 'linux';
  const readiness = options.readiness ?? READY;
  const available = (): boolean => (platform !== 'linux' || readiness.ready) && (platform !== 'linux' || backend !== 'basic_text' || storage.plainTextAllowed);
  const check = (what: string): void => {
    if (!available()) throw new Error(`Error while ${what} the text provided to safeStorage. Encryption is not available.`);
  };
  const encrypt = (text: string): Buffer => (check('encrypting'), Buffer.from(text, 'utf8').reverse());
  const decrypt = (data: Buffer): string => (check('decrypting'), Buffer.from(data).reverse().toString('utf8'));
  const storage = {
    plainTextAllowed: false,
    isEncryptionAvailable: () => available(),
    isAsyncEncryptionAvailable: async () => available(),
    encryptString: encrypt,
    decryptString: decrypt,
    encryptStringAsync: async (text: string) => encrypt(text),
    decryptStringAsync: async (data: Buffer) => ({ result: decrypt(data), shouldReEncrypt: false }),
    getSelectedStorageBackend: () => (platform === 'linux' && !readiness.ready ? 'unknown' : backend),
    setUsePlainTextEncryption(usePlainText: boolean) {
      storage.plainTextAllowed = usePlainText;
    },
  };
  return storage satisfies Pick<
    SafeStorage,
    | 'isEncryptionAvailable'
    | 'isAsyncEncryptionAvailable'
    | 'encryptString'
    | 'decryptString'
    | 'encryptStringAsync'
    | 'decryptStringAsync'
    | 'getSelectedStorageBackend'
    | 'setUsePlainTextEncryption'
  >;
}

/** `shell.openExternal` that records URLs. */
export function fakeShell() {
  const shell = {
    opened: [] as string[],
    async openExternal(url: string) {
      shell.opened.push(url);
    },
  };
  return shell satisfies Pick<Shell, 'openExternal'>;
}

/** `protocol.handle` that keeps the handler so a test can request URLs. */
export function fakeProtocol() {
  const p = {
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>) {
      p.handlers.set(scheme, handler);
    },
  };
  return p satisfies Pick<Protocol, 'handle'>;
}
