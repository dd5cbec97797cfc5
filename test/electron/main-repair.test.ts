// The real app/main.ts over a settings file that does not parse (Electron stand-in): the file is copied
// aside, the app starts on defaults and tells the user with a notification.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { world } from './fake-electron.ts';

vi.mock('electron', () => import('./support/main-mocks.ts').then((m) => m.electronModule()));
vi.mock('electron-store', () => import('./support/main-mocks.ts').then((m) => m.electronStoreModule()));

const userData = join(world.profile, 'user-data');
const BROKEN = '{ "statusPresets": ["Lunch", ';

beforeAll(async () => {
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(userData, 'config.json'), BROKEN);
  await import('../../app/main.ts');
  await vi.waitFor(() => expect(world.trays).toHaveLength(1), { timeout: 15_000 });
}, 30_000);

describe('a settings file that does not parse', () => {
  it('is copied aside with a timestamp, replaced by defaults, and the user is told', () => {
    const backups = readdirSync(userData).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(userData, backups[0]!), 'utf8')).toBe(BROKEN);
    expect(JSON.parse(readFileSync(join(userData, 'config.json'), 'utf8'))).toMatchObject({ connection: { clientId: '' } });
    expect(world.notifications.map((n) => n.title)).toEqual(['Presence Tray settings were repaired']);
  });
});
