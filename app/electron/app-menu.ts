/**
 * The application menu. Electron's default menu carries Reload and Toggle Developer Tools accelerators,
 * which a settings window has no use for, so there is none on Windows and Linux. macOS keeps only the Edit
 * menu, because Cmd+C/Cmd+V in the window's text fields work through its roles (the menu bar itself stays
 * hidden: the app is LSUIElement).
 */
import type { MenuItemConstructorOptions } from 'electron';

/** The template to pass to `Menu.buildFromTemplate`, or null for no application menu. */
export function applicationMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  return platform === 'darwin' ? [{ role: 'editMenu' }] : null;
}
