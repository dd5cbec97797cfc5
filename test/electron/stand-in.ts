/**
 * A small stand-in for the Electron APIs the shell uses, typed against Electron's own declarations: each
 * fake `satisfies` the `Pick<>` of the real type the module under test asks for, so a change in Electron's
 * API (or in what a module uses) fails the typecheck here. Fakes record what was done to them.
 */
import type {
  App,
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

/** `app`: listeners, the single-instance lock, login items, dock and quit calls. */
export function fakeApp(options: { lock?: boolean } = {}) {
  const emitter = new Emitter();
  const app = {
    quits: 0,
    loginItems: [] as Array<Parameters<App['setLoginItemSettings']>[0]>,
    dockHidden: false,
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
  return app satisfies Pick<App, 'on' | 'quit' | 'requestSingleInstanceLock' | 'setLoginItemSettings' | 'dock'>;
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

/** `globalShortcut`: chords registered; `held` chords belong to "another program". */
export function fakeGlobalShortcut(held: string[] = []) {
  const shortcut = {
    registered: new Map<string, () => void>(),
    held: new Set(held),
    register(accelerator: string, callback: () => void) {
      if (shortcut.held.has(accelerator) || shortcut.registered.has(accelerator)) return false;
      shortcut.registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator: string) {
      shortcut.registered.delete(accelerator);
    },
    unregisterAll() {
      shortcut.registered.clear();
    },
  };
  return shortcut satisfies Pick<GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;
}

/** A Tray that records what was drawn. */
export function fakeTray(image: string) {
  const emitter = new Emitter();
  const tray = {
    images: [image] as unknown[],
    tooltips: [] as string[],
    menus: [] as unknown[],
    destroyed: false,
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

/** A session whose permission handlers can be called. */
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

/** `powerMonitor` and `net` whose state a test drives. */
export function fakePower() {
  const emitter = new Emitter();
  const power = {
    // Electron's `on` returns the whole object for chaining; nobody chains here, so `never` keeps it assignable.
    on(event: string, listener: Listener): never {
      emitter.on(event, listener);
      return this as never;
    },
    removeListener(event: string, listener: Listener): never {
      emitter.removeListener(event, listener);
      return this as never;
    },
    emit: emitter.emit.bind(emitter),
    count: emitter.count.bind(emitter),
  };
  const net = { online: true, isOnline: () => net.online };
  return { powerMonitor: power satisfies Pick<PowerMonitor, 'on' | 'removeListener'>, net: net satisfies Pick<Net, 'isOnline'> };
}

/** `safeStorage` with a reversible "encryption" and a chosen backend. */
export function fakeSafeStorage(backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
    decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
    getSelectedStorageBackend: () => backend as ReturnType<SafeStorage['getSelectedStorageBackend']>,
  } satisfies Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
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
