/**
 * The app binary as the command line (`"Presence Tray" --presencectl …`, what the installed launchers run
 * without Node): the real app/main.ts with the Electron stand-in prints the answer and exits with the CLI's
 * code, and starts nothing of the app — no lock, no tray, no endpoint of its own.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electron, world } from '../electron/fake-electron.ts';
import { startRemoteRig, type RemoteRig } from './support.ts';

vi.mock('electron', () => import('../electron/support/main-mocks.ts').then((m) => m.electronModule()));
vi.mock('electron-store', () => import('../electron/support/main-mocks.ts').then((m) => m.electronStoreModule()));

let rig: RemoteRig;
const argv = process.argv;
const printed: string[] = [];

beforeAll(async () => {
  rig = await startRemoteRig();
  process.env.PRESENCE_TRAY_SOCKET = rig.path;
  process.argv = ['/opt/Presence Tray/presence-tray', '--presencectl', 'busy', '--for', '2h', '--json'];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    printed.push(String(chunk));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  });
  await import('../../app/main.ts');
  await vi.waitFor(() => expect(world.exitCode).not.toBeNull(), { timeout: 10_000 });
}, 30_000);
afterAll(async () => {
  vi.restoreAllMocks();
  process.argv = argv;
  await rig.close();
});

describe('main.ts --presencectl', () => {
  it('sends the command, prints the JSON answer and exits 0, starting nothing else', async () => {
    expect(world.exitCode).toBe(0);
    const out = JSON.parse(printed.join('')) as { ok: boolean; result: { outcome: string; status: { holds: string; setBy: string } } };
    expect(out).toMatchObject({ ok: true, result: { outcome: 'applied', status: { holds: 'busy', setBy: 'cli' } } });
    expect((await rig.harness.writes()).map((w) => [w.body.availability, w.body.expirationDuration])).toEqual([['Busy', 'PT2H']]);
    expect(world.trays).toHaveLength(0);
    expect(electron.app.count('second-instance')).toBe(0);
    expect(world.protocolClients).toEqual([]);
  });
});
