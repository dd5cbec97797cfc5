/**
 * `npm run demo -- --headless`: the app's core in plain Node — no Electron, no window — against the embedded
 * emulator, with the demo user signed in through the real sign-in service (MSAL), serving the same control
 * endpoint as the app. It prints how to drive it; `npm run -s cli -- busy --for 1h` and
 * `npm run -s cli -- status --json` then work from another terminal. Ctrl+C stops it and removes its files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formPostOpener, signInDemoUser } from '../app/auth/demo-sign-in.ts';
import { createCore } from '../app/core.ts';
import { memoryIntentStore } from '../app/control/intent-store.ts';
import { startRemote, endpointPath, SOCKET_ENV } from '../app/remote/index.ts';
import { DEFAULT_SCHEDULE } from '../app/schedule/index.ts';
import { DEMO_CLIENT_ID, DEMO_USER, prepareDemoWorld } from '../app/shell/demo.ts';
import { startEmulator } from '../test/emulator/server.ts';

/** Options of {@link startHeadlessDemo}. */
export interface HeadlessDemoOptions {
  /** The endpoint (default: this user's, as the app uses). */
  path?: string;
  /** Where to print (default stdout). */
  say?: (line: string) => void;
}

/** A running headless demo. */
export interface HeadlessDemo {
  emulatorUrl: string;
  path: string;
  stop(): Promise<void>;
}

/** A token encryptor that has no key: the sign-in stays in memory, which is all a throwaway demo needs. */
const memoryOnly = {
  isEncryptionAvailable: () => false,
  encryptString: (): Buffer => {
    throw new Error('the headless demo keeps its sign-in in memory');
  },
  decryptString: (): string => {
    throw new Error('the headless demo keeps its sign-in in memory');
  },
};

/**
 * Start the emulator, the core (schedule on, in the system zone), sign the demo user in and serve the
 * endpoint. Throws when another app already serves the endpoint (it is never taken over).
 */
export async function startHeadlessDemo(options: HeadlessDemoOptions = {}): Promise<HeadlessDemo> {
  const say = options.say ?? ((line: string) => console.log(line));
  const folder = mkdtempSync(join(tmpdir(), 'presence-tray-headless-'));
  const emulator = await startEmulator();
  const { userId } = await prepareDemoWorld(emulator.url);
  const core = createCore({
    auth: { cacheFile: join(folder, 'token-cache.bin'), encryptor: memoryOnly, openBrowser: formPostOpener(), endpointOverride: emulator.url },
    options: { clientId: DEMO_CLIENT_ID, graphBaseUrl: emulator.url, demo: true },
    scheduleSettings: { ...DEFAULT_SCHEDULE, enabled: true },
    intentStore: memoryIntentStore(),
  });
  const stopAll = async (): Promise<void> => {
    await core.dispose();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  };
  await core.start();
  await signInDemoUser(core.auth!, emulator.url, userId);
  const path = options.path ?? endpointPath();
  const remote = await startRemote(core, { version: 'demo', path });
  if (!remote.endpoint) {
    await stopAll();
    throw new Error(`another Presence Tray already serves ${path}; stop it, or set ${SOCKET_ENV} to another path for both the demo and the CLI`);
  }
  let last = '';
  const stopState = core.controller.onState((state) => {
    const line = `${state.summary || 'Teams decides'}${state.actual ? ` | Teams shows ${state.actual.availability}/${state.actual.activity}` : ''}`;
    if (line !== last) say(`state: ${line}`);
    last = line;
  });
  say(`Presence Tray headless demo: the core against the emulator at ${emulator.url},`);
  say(`signed in as ${DEMO_USER.displayName} (${DEMO_USER.userPrincipalName}), default schedule on. No Electron, no window.`);
  say(`Control endpoint: ${path}`);
  say('From another terminal in this checkout:');
  say('  npm run -s cli -- busy --for 1h');
  say('  npm run -s cli -- status --json');
  say('  npm run -s cli -- message "At lunch" --for 30m');
  say('  npm run -s cli -- watch');
  if (options.path || process.env[SOCKET_ENV]) say(`  (export ${SOCKET_ENV}=${path} there first)`);
  say(`What Graph received: curl ${emulator.url}/_emulator/requests`);
  say('Ctrl+C stops the demo.');
  return {
    emulatorUrl: emulator.url,
    path,
    async stop() {
      stopState();
      await remote.close();
      await stopAll();
    },
  };
}

/** Run until Ctrl+C (or SIGTERM); resolves with the exit code. */
export async function main(): Promise<number> {
  let demo: HeadlessDemo;
  try {
    demo = await startHeadlessDemo();
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  return new Promise((resolve) => {
    const stop = (): void => {
      console.log('demo: stopping');
      void demo.stop().then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => process.exit(code), (error: unknown) => {
    console.error('demo failed:', error);
    process.exit(1);
  });
}
