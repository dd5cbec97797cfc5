import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formPostOpener, signInDemoUser } from '../../app/auth/demo-sign-in.ts';
import { createCore } from '../../app/core.ts';
import { EmulatorControl } from '../emulator/client.ts';
import { startEmulator } from '../emulator/server.ts';
import type { RunningEmulator } from '../emulator/server.ts';
import { aesEncryptor } from './support/aes-encryptor.ts';
import { CLIENT_ID, loopbackFetch } from './support/auth-harness.ts';

let emulator: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'auth-core-'));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

describe('createCore with the sign-in ports', () => {
  it('builds the AuthService as the token source: signed out queues, a demo sign-in lets the command through', async () => {
    const control = new EmulatorControl(emulator.url);
    const user = await control.createUser({ displayName: 'Demo User', userPrincipalName: 'demo@contoso.com' });
    await control.addSession({ userId: user.id, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
    const guarded = loopbackFetch();
    const core = createCore({
      auth: { cacheFile: join(dir, 'token-cache.bin'), encryptor: aesEncryptor(), openBrowser: formPostOpener(guarded), endpointOverride: emulator.url },
      fetch: guarded as typeof fetch,
      options: { clientId: CLIENT_ID, graphBaseUrl: emulator.url },
    });
    expect(core.auth).not.toBeNull();
    await core.start();
    expect(core.controller.state().auth.status).toBe('signed-out');
    const early = await core.controller.set('Busy', { source: 'tray' });
    expect(early.outcome).toBe('queued');

    await signInDemoUser(core.auth!, emulator.url, user.id, guarded);
    expect(core.controller.state().auth).toMatchObject({ status: 'signed-in', account: { username: 'demo@contoso.com' } });
    const outcome = await core.controller.set('DoNotDisturb', { source: 'tray', until: { kind: 'duration', iso: 'PT1H' } });
    expect(outcome.outcome).toBe('applied');
    expect((await control.presence(user.id)).availability).toBe('DoNotDisturb');
    await core.dispose();
  });
});
