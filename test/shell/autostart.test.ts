// Issue 10, defect 6: launch at login on Linux writes and removes an XDG autostart entry (on a temp folder).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, setLaunchAtLogin } from '../../app/electron/lifecycle.ts';
import { autostartEntry, autostartPath, execArgument, launchCommand, setAutostart } from '../../app/shell/autostart.ts';
import { fakeApp } from '../electron/stand-in.ts';

const home = () => mkdtempSync(join(tmpdir(), 'presence-tray-autostart-'));

describe('XDG autostart', () => {
  it('the General checkbox on Linux writes ~/.config/autostart/<desktop id>.desktop and removes it again', () => {
    const dir = home();
    const app = fakeApp();
    const linux = { env: {}, home: dir, command: ['/opt/Presence Tray/presence-tray'] };
    setLaunchAtLogin(app, 'linux', true, linux);
    const file = join(dir, '.config', 'autostart', `${APP_ID}.desktop`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('[Desktop Entry]');
    expect(text).toContain('Exec="/opt/Presence Tray/presence-tray"');
    expect(text).toContain(`StartupWMClass=${APP_ID}`);
    expect(app.loginItems).toEqual([]); // Electron has no login items on Linux
    setLaunchAtLogin(app, 'linux', false, linux);
    expect(existsSync(file)).toBe(false);
    setLaunchAtLogin(app, 'linux', false, linux); // removing twice is fine
  });

  it('honours an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    const dir = home();
    expect(autostartPath({ desktopId: 'x.y', env: { XDG_CONFIG_HOME: join(dir, 'cfg') }, home: dir })).toBe(join(dir, 'cfg', 'autostart', 'x.y.desktop'));
    expect(autostartPath({ desktopId: 'x.y', env: { XDG_CONFIG_HOME: 'cfg' }, home: dir })).toBe(join(dir, '.config', 'autostart', 'x.y.desktop'));
    setAutostart(true, { desktopId: 'x.y', name: 'X', command: ['/bin/x'], env: { XDG_CONFIG_HOME: join(dir, 'cfg') }, home: dir });
    expect(existsSync(join(dir, 'cfg', 'autostart', 'x.y.desktop'))).toBe(true);
  });

  it('starts the AppImage when run from one; quotes what the Exec key needs quoted', () => {
    expect(launchCommand({ env: { APPIMAGE: '/home/a/Apps/Presence Tray.AppImage' }, execPath: '/tmp/.mount_x/presence-tray', appPath: '/x', packaged: true })).toEqual(['/home/a/Apps/Presence Tray.AppImage']);
    expect(launchCommand({ env: {}, execPath: '/opt/p/presence-tray', appPath: '/x', packaged: true })).toEqual(['/opt/p/presence-tray']);
    expect(launchCommand({ env: {}, execPath: '/n/electron', appPath: '/src/app', packaged: false })).toEqual(['/n/electron', '/src/app']);
    expect(execArgument('/a b/$HOME`x`"q"\\')).toBe('"/a b/\\$HOME\\`x\\`\\"q\\"\\\\"');
    expect(execArgument('/opt/100%')).toBe('/opt/100%%');
    expect(autostartEntry({ desktopId: 'x.y', name: 'Bad\nName=1', command: ['/bin/x'] })).not.toMatch(/^Name=1$/m);
  });
});
