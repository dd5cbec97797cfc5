// The demo path of main.ts in plain Node: the emulator bundled the way `npm run demo` bundles it, loaded as
// a module, the demo world prepared, the core built with the same sign-in ports main uses in demo mode,
// the demo user signed in, and a tray action reaching the emulator.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { formPostOpener, signInDemoUser } from '../../app/auth/demo-sign-in.ts';
import { createCore } from '../../app/core.ts';
import { DEMO_CLIENT_ID, prepareDemoWorld } from '../../app/desktop/demo.ts';
import { runTrayAction } from '../../app/tray/tray-actions.ts';
import { trayIcon } from '../../app/tray/tray-status.ts';
import { aesEncryptor } from '../auth/support/aes-encryptor.ts';
import { EmulatorControl } from '../emulator/client.ts';

const dir = mkdtempSync(join(tmpdir(), 'demo-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo mode', () => {
  it('bundled emulator in-process, demo user signed in, DEMO badge, tray choice reaches Graph', async () => {
    const bundle = join(dir, 'emulator.mjs');
    await build({ entryPoints: ['test/emulator/server.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'silent' });
    const { startEmulator } = (await import(pathToFileURL(bundle).href)) as { startEmulator(): Promise<{ url: string; close(): Promise<void> }> };
    const emulator = await startEmulator();
    try {
      const { userId } = await prepareDemoWorld(emulator.url);
      const core = createCore({
        auth: { cacheFile: join(dir, 'token-cache.bin'), encryptor: aesEncryptor(), openBrowser: formPostOpener(), endpointOverride: emulator.url },
        options: { clientId: DEMO_CLIENT_ID, graphBaseUrl: emulator.url, demo: true },
      });
      await core.start();
      await signInDemoUser(core.auth!, emulator.url, userId);
      const state = core.controller.state();
      expect(state.auth).toMatchObject({ status: 'signed-in', account: { username: 'demo@contoso.example' } });
      expect(state.demo).toBe(true);
      expect(trayIcon(state, true).demo).toBe(true);
      const outcome = await runTrayAction(
        { kind: 'set', presence: 'DoNotDisturb', until: { kind: 'duration', iso: 'PT1H' } },
        { controller: core.controller, openSettings() {}, signIn() {}, signOut() {}, quit() {} },
      );
      expect(outcome).toEqual({ outcome: 'applied' });
      const control = new EmulatorControl(emulator.url);
      expect((await control.presence(userId)).availability).toBe('DoNotDisturb');
      await core.dispose();
    } finally {
      await emulator.close();
    }
  });
});
