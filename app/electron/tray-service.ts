/**
 * The tray icon, tooltip and menu, re-rendered from state (modelled on Signal's tray service): the tray is
 * made by an injected factory, the menu is the pure `trayMenu()` turned into Electron's template with a
 * click per action, and nothing is redrawn when nothing changed (menus flicker when rebuilt needlessly).
 */
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { flattenMenu, trayMenu, type TrayAction, type TrayMenuInput, type TrayMenuItem } from '../tray/tray-menu.ts';
import { trayIcon, trayTooltip, type TrayIconName } from '../tray/tray-status.ts';

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
  onAction(action: TrayAction): void;
  /** Left click on the icon (Windows/Linux open the menu on right click only). */
  onClick?(): void;
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
  if (deps.onClick) tray.on('click', deps.onClick);
  let lastMenu = '';
  let lastItems: TrayMenuItem[] = [];
  let lastTooltip = '';

  const render = (): void => {
    const input = deps.input();
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
      tray.setContextMenu(deps.buildMenu(toElectronTemplate(items, deps.onAction)));
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
    dispose: () => tray.destroy(),
  };
}
