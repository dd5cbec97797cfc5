/**
 * Launch at login on Linux: Electron's login items exist only on macOS and Windows, so the app writes (and
 * removes) an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<desktop id>.desktop` (default
 * `~/.config`), as the freedesktop Desktop Application Autostart specification describes. Plain Node.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the entry is made from. */
export interface AutostartOptions {
  /** The reverse-DNS desktop id, without `.desktop` (also the window class the entry names). */
  desktopId: string;
  /** The app's name as the desktop shows it. */
  name: string;
  /** The command: the AppImage when run from one, else the executable (and the app folder in development). */
  command: readonly string[];
  /** The environment (`XDG_CONFIG_HOME`, `HOME`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The home folder, used when `XDG_CONFIG_HOME` is unset or not absolute. */
  home: string;
}

/** The autostart file's path. */
export function autostartPath(options: Pick<AutostartOptions, 'desktopId' | 'env' | 'home'>): string {
  const configured = options.env.XDG_CONFIG_HOME;
  // The spec ignores a relative XDG_CONFIG_HOME.
  const config = configured && configured.startsWith('/') ? configured : join(options.home, '.config');
  return join(config, 'autostart', `${options.desktopId}.desktop`);
}

/** Quote one argument for an `Exec` key (Desktop Entry specification, "The Exec key"). */
export function execArgument(arg: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg.replace(/%/g, '%%');
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

/** The entry's text. */
export function autostartEntry(options: Pick<AutostartOptions, 'desktopId' | 'name' | 'command'>): string {
  const clean = (text: string): string => text.replace(/[\r\n]/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${clean(options.name)}`,
    'Comment=Set your Microsoft Teams presence from the tray',
    `Exec=${options.command.map((arg) => execArgument(clean(arg))).join(' ')}`,
    `Icon=${options.desktopId}`,
    `StartupWMClass=${options.desktopId}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Write the entry (on) or remove it (off). Writes through a temporary file so a crash leaves no half entry. */
export function setAutostart(on: boolean, options: AutostartOptions): void {
  const path = autostartPath(options);
  if (!on) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(join(path, '..'), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, autostartEntry(options), { mode: 0o644 });
  renameSync(temp, path);
}

/** The command that starts this app: the AppImage (`$APPIMAGE`) when run from one, else the executable (and the app folder when not packaged). */
export function launchCommand(facts: { env: Readonly<Record<string, string | undefined>>; execPath: string; appPath: string; packaged: boolean }): string[] {
  const appImage = facts.env.APPIMAGE;
  if (appImage) return [appImage];
  return facts.packaged ? [facts.execPath] : [facts.execPath, facts.appPath];
}
