// The tray service re-renders from state through an injected tray factory; the settings window is one
// instance, created on first open.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createSettingsWindow, type WindowLike } from '../../app/electron/settings-window.ts';
import { createTrayService, toElectronTemplate, trayIconFile } from '../../app/electron/tray-service.ts';
import type { PresenceState } from '../../app/control/types.ts';
import { runTrayAction } from '../../app/tray/tray-actions.ts';
import type { TrayAction } from '../../app/tray/tray-menu.ts';
import { makeState } from '../tray/state-fixture.ts';
import { Emitter, fakeTray, fakeWebContents } from './stand-in.ts';

describe('tray service', () => {
  const setup = (initial: PresenceState) => {
    let state = initial;
    const trays: Array<ReturnType<typeof fakeTray>> = [];
    const actions: TrayAction[] = [];
    const service = createTrayService({
      createTray: (image) => {
        const tray = fakeTray(String(image));
        trays.push(tray);
        return tray;
      },
      buildMenu: (template) => template as never,
      iconFile: (name, demo) => trayIconFile('/icons', 'linux', name, demo),
      input: () => ({ state, presets: ['Lunch'], configured: true, now: new Date('2026-11-23T10:00:00Z'), timeZone: 'UTC' }),
      onAction: (action) => actions.push(action),
      platform: 'linux',
    });
    return { service, tray: trays[0]!, actions, set: (next: PresenceState) => (state = next) };
  };

  it('opening the menu tells the app the user is looking (every menu it builds, not only the first)', () => {
    let state = makeState();
    const looked: string[] = [];
    const menus: Emitter[] = [];
    const service = createTrayService({
      createTray: (image) => fakeTray(String(image)),
      buildMenu: () => {
        const menu = new Emitter();
        menus.push(menu);
        return menu as never;
      },
      iconFile: (name, demo) => trayIconFile('/icons', 'linux', name, demo),
      input: () => ({ state, presets: [], configured: true, now: new Date('2026-11-23T10:00:00Z'), timeZone: 'UTC' }),
      onAction: () => {},
      onMenuOpen: () => looked.push('menu'),
      platform: 'linux',
    });
    menus[0]!.emit('menu-will-show');
    state = makeState({ network: 'offline' });
    service.render();
    menus[1]!.emit('menu-will-show');
    expect(looked).toEqual(['menu', 'menu']);
    service.dispose();
  });

  it('draws icon, tooltip and menu from state, and redraws only what changed', () => {
    const t = setup(makeState());
    expect(t.tray.images).toEqual(['/icons/available.png']);
    expect(t.tray.tooltips).toEqual(['Available — set in Teams']);
    expect(t.tray.menus).toHaveLength(1);
    t.service.render();
    expect(t.tray.menus).toHaveLength(1); // nothing changed, nothing redrawn
    t.set(makeState({ network: 'offline', demo: true }));
    t.service.render();
    expect(t.tray.images.at(-1)).toBe('/icons/offline-demo.png');
    expect(t.tray.tooltips.at(-1)).toMatch(/^\[DEMO\]/);
    expect(t.tray.menus).toHaveLength(2);
    t.service.dispose();
    expect(t.tray.destroyed).toBe(true);
  });

  it("the menu's clicks report the pure menu's actions", () => {
    const t = setup(makeState());
    const menu = t.tray.menus[0] as MenuItemConstructorOptions[];
    const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);
    const click = (id: string) => (flat(menu).find((i) => i.id === id)?.click as () => void)();
    click('presence-Busy');
    click('for-2h');
    click('quit');
    expect(t.service.clickItem('presence-Away')).toBe(true);
    expect(t.service.clickItem('status-clear')).toBe(false); // disabled: no message set
    expect(t.service.clickItem('nope')).toBe(false);
    expect(t.actions).toEqual([
      { kind: 'set', presence: 'Busy' },
      { kind: 'set', presence: 'Available', until: { kind: 'duration', iso: 'PT2H' } },
      { kind: 'quit' },
      { kind: 'set', presence: 'Away' },
    ]);
  });

  it('turns the pure menu into an Electron template (typed against MenuItemConstructorOptions)', () => {
    const template: MenuItemConstructorOptions[] = toElectronTemplate([{ id: 'a', type: 'radio', label: 'A', checked: true, action: { kind: 'clear' } }, { type: 'separator' }], () => {});
    expect(template[0]).toMatchObject({ id: 'a', type: 'radio', label: 'A', checked: true });
    expect(typeof template[0]?.click).toBe('function');
    expect(template[1]).toEqual({ type: 'separator' });
  });

  it('picks .ico on Windows, Template images on macOS, PNG on Linux', () => {
    expect(trayIconFile('/i', 'win32', 'busy', false)).toBe('/i/busy.ico');
    expect(trayIconFile('/i', 'darwin', 'busy', true)).toBe('/i/busy-demoTemplate.png');
    expect(trayIconFile('/i', 'linux', 'signed-out', false)).toBe('/i/signed-out.png');
  });
});

describe('tray actions', () => {
  it('commands go to the controller as source tray; app actions to the app', async () => {
    const calls: string[] = [];
    const outcome = { outcome: 'applied' as const };
    const target = {
      controller: {
        set: async (p: string, o: object) => (calls.push(`set ${p} ${JSON.stringify(o)}`), outcome),
        clear: async (o: object) => (calls.push(`clear ${JSON.stringify(o)}`), outcome),
        setStatusMessage: async (t: string, o: object) => (calls.push(`status ${t} ${JSON.stringify(o)}`), outcome),
        clearStatusMessage: async (o: object) => (calls.push(`clear-status ${JSON.stringify(o)}`), outcome),
        pauseSchedule: async (o: object) => (calls.push(`pause ${JSON.stringify(o)}`), outcome),
        resumeSchedule: async () => (calls.push('resume'), outcome),
      },
      openSettings: () => calls.push('open'),
      signIn: () => calls.push('sign-in'),
      signOut: () => calls.push('sign-out'),
      quit: () => calls.push('quit'),
    };
    const actions: TrayAction[] = [
      { kind: 'set', presence: 'Busy', until: { kind: 'end-of-day' } },
      { kind: 'clear' },
      { kind: 'status', text: 'Lunch' },
      { kind: 'clear-status' },
      { kind: 'pause', until: { kind: 'duration', iso: 'PT1H' } },
      { kind: 'resume' },
      { kind: 'open-settings' },
      { kind: 'sign-in' },
      { kind: 'sign-out' },
      { kind: 'quit' },
    ];
    for (const action of actions) await runTrayAction(action, target);
    expect(calls).toEqual([
      'set Busy {"until":{"kind":"end-of-day"},"source":"tray"}',
      'clear {"source":"tray"}',
      'status Lunch {"source":"tray"}',
      'clear-status {"source":"tray"}',
      'pause {"until":{"kind":"duration","iso":"PT1H"}}',
      'resume',
      'open',
      'sign-in',
      'sign-out',
      'quit',
    ]);
  });
});

describe('settings window', () => {
  function fakeWindowFactory() {
    const created: Array<{ options: unknown; loaded: string[]; shown: number; focused: number; emitter: Emitter; destroyed: boolean }> = [];
    let nextId = 1;
    const create = (options: unknown): WindowLike => {
      const emitter = new Emitter();
      const record = { options, loaded: [] as string[], shown: 0, focused: 0, emitter, destroyed: false };
      created.push(record);
      const win = {
        webContents: fakeWebContents(nextId++),
        loadURL: async (url: string) => void record.loaded.push(url),
        show: () => void (record.shown += 1),
        focus: () => void (record.focused += 1),
        isDestroyed: () => record.destroyed,
        isMinimized: () => false,
        restore: () => {},
        once: (event: string, listener: () => void) => (emitter.once(event, listener), win),
        on: (event: string, listener: () => void) => (emitter.on(event, listener), win),
      };
      return win as unknown as WindowLike;
    };
    return { created, create };
  }

  it('is created on first open, focused on the next, and re-created after it closed', () => {
    const factory = fakeWindowFactory();
    let closed = 0;
    const manager = createSettingsWindow({ create: factory.create, preload: '/p.cjs', url: 'app://presence-tray/index.html', demo: false, onClosed: () => (closed += 1), onLoadFailed: () => {} });
    expect(manager.current()).toBeNull();
    manager.open('account');
    expect(factory.created).toHaveLength(1);
    expect(factory.created[0]?.loaded).toEqual(['app://presence-tray/index.html#account']);
    expect(factory.created[0]?.shown).toBe(0); // shown when ready, not before
    factory.created[0]?.emitter.emit('ready-to-show');
    expect(factory.created[0]?.shown).toBe(1);
    manager.open();
    expect(factory.created).toHaveLength(1);
    expect(factory.created[0]?.focused).toBe(1);
    factory.created[0]!.destroyed = true;
    factory.created[0]?.emitter.emit('closed');
    expect(closed).toBe(1);
    expect(manager.current()).toBeNull();
    manager.open();
    expect(factory.created).toHaveLength(2);
    expect(factory.created[1]?.loaded).toEqual(['app://presence-tray/index.html']);
  });
});
