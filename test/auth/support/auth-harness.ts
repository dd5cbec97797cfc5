/**
 * One emulator, one user and a fresh cache folder per test file, plus a factory for AuthServices pointed at
 * the emulator. Every request the services make goes through a fetch that refuses anything but loopback, so
 * no test can reach a real Microsoft host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthService } from '../../../app/auth/auth-service.ts';
import type { AuthService, AuthServiceOptions } from '../../../app/auth/auth-service.ts';
import { formPostOpener, parseFormPost } from '../../../app/auth/demo-sign-in.ts';
import type { BrowserOpener, FetchPort } from '../../../app/auth/ports.ts';
import type { AppFailure } from '../../../app/errors.ts';
import { EmulatorControl } from '../../emulator/client.ts';
import type { EmulatorUser } from '../../emulator/client.ts';
import { startEmulator } from '../../emulator/server.ts';
import type { RunningEmulator } from '../../emulator/server.ts';
import { aesEncryptor } from './aes-encryptor.ts';
import { captureLogger } from './capture-logger.ts';

/** The app registration's client id used throughout the tests. */
export const CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

/** A `fetch` that only talks to loopback and remembers every URL it was asked for. */
export function loopbackFetch(): FetchPort & { urls: string[] } {
  const urls: string[] = [];
  const guarded = (async (input: string, init?: RequestInit) => {
    urls.push(input);
    const host = new URL(input).hostname;
    if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`test fetch refused a non-loopback host: ${host}`);
    return fetch(input, init);
  }) as FetchPort & { urls: string[] };
  guarded.urls = urls;
  return guarded;
}

/** Everything a sign-in test needs. */
export interface AuthHarness {
  emulator: RunningEmulator;
  control: EmulatorControl;
  user: EmulatorUser;
  dir: string;
  cacheFile: string;
  encryptor: ReturnType<typeof aesEncryptor>;
  logger: ReturnType<typeof captureLogger>;
  fetch: ReturnType<typeof loopbackFetch>;
  /** Every service made by {@link AuthHarness.service}, to dispose at the end. */
  services: AuthService[];
  /** A service over the emulator with the harness's cache file, key, logger and fetch; `overrides` win. */
  service(overrides?: Partial<AuthServiceOptions>): AuthService;
  close(): Promise<void>;
}

/** Start an emulator with one user ("Ada Lovelace") and a temporary cache folder. */
export async function authHarness(): Promise<AuthHarness> {
  const emulator = await startEmulator({ port: 0 });
  const control = new EmulatorControl(emulator.url);
  const user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' });
  const dir = await mkdtemp(join(tmpdir(), 'auth-test-'));
  const harness: AuthHarness = {
    emulator,
    control,
    user,
    dir,
    cacheFile: join(dir, 'token-cache.bin'),
    encryptor: aesEncryptor(),
    logger: captureLogger(),
    fetch: loopbackFetch(),
    services: [],
    service(overrides = {}) {
      const service = createAuthService({
        connection: { cloud: 'Global', tenant: 'organizations', clientId: CLIENT_ID },
        cacheFile: harness.cacheFile,
        encryptor: harness.encryptor,
        openBrowser: formPostOpener(harness.fetch),
        fetch: harness.fetch,
        logger: harness.logger,
        endpointOverride: emulator.url,
        ...overrides,
      });
      harness.services.push(service);
      return service;
    },
    async close() {
      for (const service of harness.services) await service.dispose();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Wait until `check()` is truthy (polling every 10 ms), or fail after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The error a promise rejects with; throws when it resolves instead. */
export async function rejection(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise;
  } catch (error) {
    return error as AppFailure;
  }
  throw new Error('expected a rejection');
}

/** A headless browser: load the authorize page, submit its form_post to MSAL's loopback, keep the page it shows. */
export function recordingOpener(h: Pick<AuthHarness, 'fetch'>, pages: string[]): BrowserOpener {
  return async (url) => {
    const form = parseFormPost(await (await h.fetch(url)).text());
    if (!form) throw new Error('no form on the authorize page');
    const reply = await h.fetch(form.action.replace('//localhost:', '//127.0.0.1:'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    pages.push(await reply.text());
  };
}
