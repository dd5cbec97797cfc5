/**
 * The tray icon, tooltip and menu, re-rendered from state (modelled on Signal's tray service): the tray is
 * made by an injected factory, the menu is the pure `trayMenu()` turned into Electron's template with a
 * click per action, and nothing is redrawn when nothing changed (menus flicker when rebuilt needlessly).
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { flattenMenu, trayMenu, type TrayAction, type TrayMenuInput, type TrayMenuItem } from '../tray/tray-menu.ts';
import { trayIcon, trayTooltip, type TrayIconName } from '../tray/tray-status.ts';
import type { Clock } from '../clock.ts';

/** The part of a Tray the service uses. */
export type TrayLike = Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'on' | 'destroy'>;

/** Dependencies of {@link createTrayService}. */
export interface TrayServiceDeps {
  /** `(image) => new Tray(image)` in the app. */
  createTray(image: NativeImage | string): TrayLike;
  /** `Menu.buildFromTemplate` in the app. */
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  /** The icon file for a state on this platform (see {@link trayIconFile}). */
  iconFile(name: TrayIconName, demo: boolean): string;
  /** Everything the menu is a function of, read at each render. */
  input(): TrayMenuInput;
  /** Time, for redrawing a preset's countdown (absent: it is redrawn on state changes only). */
  clock?: Pick<Clock, 'setTimer'>;
  onAction(action: TrayAction): void;
  /** A click on the icon that is not the menu's (wired only where {@link trayClickOpensWindow} says so). */
  onClick?(): void;
  /** The menu is opening: the user is looking (the controller reads presence at once; Menu's `menu-will-show`). */
  onMenuOpen?(): void;
  /** The system the tray runs on: decides whether a click on the icon is the user's own gesture. */
  platform: NodeJS.Platform;
}

/**
 * Whether a click on the icon may open the window. Not on macOS: with a context menu set, Electron emits
 * `click` on mouse-down AND opens the menu (https://github.com/electron/electron/issues/24200), so the
 * window would open behind every menu; "Open settings…" in the menu is the way there. Windows opens the menu
 * on right click, so a left click is free. Linux delivers `click` only where the desktop's StatusNotifierItem
 * host activates on it (https://www.electronjs.org/docs/latest/api/tray, "Platform Considerations").
 */
export function trayClickOpensWindow(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}

/** The running tray. */
export interface TrayService {
  /** Redraw from the current input (call on every state or settings change). */
  render(): void;
  /** Run the action of the enabled item with this id, as its click would; false when there is none. */
  clickItem(id: string): boolean;
  dispose(): void;
}

/** Icon file per platform: `.ico` on Windows, monochrome `Template` images on macOS, coloured PNG elsewhere. */
export function trayIconFile(folder: string, platform: NodeJS.Platform, name: TrayIconName, demo: boolean): string {
  const base = `${folder}/${name}${demo ? '-demo' : ''}`;
  if (platform === 'win32') return `${base}.ico`;
  if (platform === 'darwin') return `${base}Template.png`;
  return `${base}.png`;
}

/** Turn the pure menu into Electron's template, with a click that reports the item's action. */
export function toElectronTemplate(items: readonly TrayMenuItem[], onAction: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item) => {
    const out: MenuItemConstructorOptions = {};
    if (item.id !== undefined) out.id = item.id;
    if (item.type !== undefined) out.type = item.type;
    if (item.label !== undefined) out.label = item.label;
    if (item.enabled !== undefined) out.enabled = item.enabled;
    if (item.checked !== undefined) out.checked = item.checked;
    if (item.submenu) out.submenu = toElectronTemplate(item.submenu, onAction);
    const action = item.action;
    if (action) out.click = () => onAction(action);
    return out;
  });
}

/** Create the tray and draw the first state. */
export function createTrayService(deps: TrayServiceDeps): TrayService {
  const first = deps.input();
  const icon = trayIcon(first.state, first.configured);
  let iconFile = deps.iconFile(icon.name, icon.demo);
  const tray = deps.createTray(iconFile);
  const onClick = deps.onClick;
  if (onClick && trayClickOpensWindow(deps.platform)) tray.on('click', () => onClick());
  let lastMenu = '';
  let lastItems: TrayMenuItem[] = [];
  let lastTooltip = '';

  let countdown: (() => void) | null = null;
  const render = (): void => {
    const input = deps.input();
    // A running preset's countdown in the tooltip is redrawn every half minute while it runs.
    countdown?.();
    countdown = input.state.intent?.preset && input.state.intent.endsAt && deps.clock ? deps.clock.setTimer(render, 30_000) : null;
    const next = trayIcon(input.state, input.configured);
    const file = deps.iconFile(next.name, next.demo);
    if (file !== iconFile) {
      iconFile = file;
      tray.setImage(file);
    }
    const tooltip = trayTooltip(input.state, input.configured, input);
    if (tooltip !== lastTooltip) {
      lastTooltip = tooltip;
      tray.setToolTip(tooltip);
    }
    const items = trayMenu(input);
    lastItems = items;
    const key = JSON.stringify(items);
    if (key !== lastMenu) {
      lastMenu = key;
      const menu = deps.buildMenu(toElectronTemplate(items, deps.onAction));
      const onMenuOpen = deps.onMenuOpen;
      if (onMenuOpen) menu.on('menu-will-show', () => onMenuOpen());
      tray.setContextMenu(menu);
    }
  };
  render();
  return {
    render,
    clickItem(id) {
      const item = flattenMenu(lastItems).find((i) => i.id === id);
      if (!item?.action || item.enabled === false) return false;
      deps.onAction(item.action);
      return true;
    },
    dispose: () => {
      countdown?.();
      tray.destroy();
    },
  };
}
