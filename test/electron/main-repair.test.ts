// The real app/main.ts over a settings file that does not parse (Electron stand-in): the file is copied
// aside, the app starts on defaults and tells the user with a notification.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { world } from './fake-electron.ts';

vi.mock('electron', async () => {
  const { electron } = await import('./fake-electron.ts');
  return { ...electron, default: electron };
});
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class Store extends Conf {
    constructor({ name, ...options }: { name?: string } & Record<string, unknown>) {
      super({ ...options, configName: name ?? 'config', projectVersion: '0.1.0' });
    }
  }
  return { default: Store };
});

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
