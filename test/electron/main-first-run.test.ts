// The real app/main.ts on a fresh profile with no client id (Electron stand-in, no demo): the tray offers
// set-up, the settings window opens on the Account section, and nothing is sent anywhere.
import type { MenuItemConstructorOptions } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { E2E_ENV } from '../../app/desktop/demo.ts';
import { world } from './fake-electron.ts';

vi.mock('electron', () => import('./support/main-mocks.ts').then((m) => m.electronModule()));
vi.mock('electron-store', () => import('./support/main-mocks.ts').then((m) => m.electronStoreModule()));

beforeAll(async () => {
  process.env[E2E_ENV] = '1';
  await import('../../app/main.ts');
  await vi.waitFor(() => expect(world.windows).toHaveLength(1), { timeout: 15_000 });
  delete process.env[E2E_ENV];
}, 30_000);

describe('first run', () => {
  it('opens the settings window on Account and offers set-up in the tray', () => {
    expect(world.windows[0]?.loaded).toEqual(['app://presence-tray/index.html#account']);
    const menu = world.trays[0]?.menus.at(-1) as MenuItemConstructorOptions[];
    const setUp = menu.find((i) => i.id === 'sign-in');
    expect(setUp?.label).toBe('Set up and sign in…');
    expect(menu.find((i) => i.id === 'presence-Busy')?.enabled).toBe(false);
    expect(String(world.trays[0]?.images.at(-1))).toMatch(/assets\/tray\/signed-out\.png$/);
    expect(world.trays[0]?.tooltips.at(-1)).toMatch(/not set up/);
    expect(world.notifications).toEqual([]); // a fresh profile has nothing to repair
  });
});
