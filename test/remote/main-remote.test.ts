/**
 * The real app/main.ts (Electron replaced by the typed stand-in, demo mode against an emulator in this
 * process) serves the control endpoint and takes links: presencectl as a child process and a link through
 * `open-url` both reach the emulator; a malformed link becomes a notification and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_URL_ENV, E2E_ENV } from '../../app/shell/demo.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { electron, world } from '../electron/fake-electron.ts';
import { fakeEvent } from '../electron/stand-in.ts';
import { runCliProcess } from './support.ts';

vi.mock('electron', () => import('../electron/support/main-mocks.ts').then((m) => m.electronModule()));
vi.mock('electron-store', () => import('../electron/support/main-mocks.ts').then((m) => m.electronStoreModule()));

type TestHook = { state(): { auth: { status: string }; intent: { presence: string | null; source: string } | null } };
const hook = () => (globalThis as unknown as { __presenceTrayTest?: TestHook }).__presenceTrayTest;

let emulator: RunningEmulator;
let control: EmulatorControl;
const socketPath = (): string => process.env.PRESENCE_TRAY_SOCKET as string;

beforeAll(async () => {
  emulator = await startEmulator();
  control = new EmulatorControl(emulator.url);
  process.env[DEMO_URL_ENV] = emulator.url;
  process.env[E2E_ENV] = '1';
  await import('../../app/main.ts');
  await vi.waitFor(() => expect(hook()?.state().auth.status).toBe('signed-in'), { timeout: 15_000 });
}, 30_000);
afterAll(async () => {
  delete process.env[DEMO_URL_ENV];
  delete process.env[E2E_ENV];
  await emulator.close();
});

describe('main.ts serves the command line and links', () => {
  it('presencectl reaches Graph through the running app, set from the command line', async () => {
    expect(socketPath()).toContain(world.profile);
    await control.clearRequests();
    const run = await runCliProcess(['dnd', '--for', '30m'], socketPath());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const writes = (await control.requests()).filter((r) => r.method === 'POST');
    expect(writes.map((w) => (w.body as { availability?: string; expirationDuration?: string }))).toContainEqual(expect.objectContaining({ availability: 'DoNotDisturb', expirationDuration: 'PT30M' }));
    expect(hook()?.state().intent).toMatchObject({ presence: 'DoNotDisturb', source: 'cli' });
  });

  it('registers presence-tray:// and runs a link from open-url, set from a link', async () => {
    expect(world.protocolClients).toEqual(['presence-tray']);
    await control.clearRequests();
    electron.app.emit('open-url', fakeEvent(), 'presence-tray://set?presence=away&for=PT1H');
    await vi.waitFor(() => expect(hook()?.state().intent).toMatchObject({ presence: 'Away', source: 'link' }), { timeout: 5000 });
    const writes = (await control.requests()).filter((r) => r.method === 'POST');
    expect(writes.map((w) => (w.body as { availability?: string }).availability)).toContain('Away');
  });

  it('a malformed link from a second launch shows what was wrong, changes nothing and leaves settings closed', async () => {
    const windows = world.windows.length;
    const notes = world.notifications.length;
    electron.app.emit('second-instance', fakeEvent(), ['presence-tray', 'presence-tray://set?presence=away&token=abc'], '/', {});
    await vi.waitFor(() => expect(world.notifications.length).toBe(notes + 1), { timeout: 5000 });
    expect(world.notifications.at(-1)).toMatchObject({ title: 'Presence Tray ignored a link', body: expect.stringContaining('take no parameter "token"') });
    expect(hook()?.state().intent).toMatchObject({ presence: 'Away', source: 'link' });
    expect(world.windows.length).toBe(windows);
    // The same launch without a link opens the settings window: the check above could have seen one open.
    electron.app.emit('second-instance', fakeEvent(), ['presence-tray'], '/', {});
    expect(world.windows.length).toBe(windows + 1);
  });
});
