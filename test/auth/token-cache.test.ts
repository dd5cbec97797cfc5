import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicClientApplication, TokenCacheContext } from '@azure/msal-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storagePolicy } from '../../app/auth/storage-policy.ts';
import { EncryptedFileCachePlugin } from '../../app/auth/token-cache.ts';
import type { AppError } from '../../app/errors.ts';
import { aesEncryptor } from './support/aes-encryptor.ts';
import { captureLogger } from './support/capture-logger.ts';

const CLIENT = '11111111-1111-1111-1111-111111111111';
const HOME = 'uid-1.tid-1';
const SECRET = 'refresh-secret-c0ffee';

/** An MSAL cache (its own JSON schema) holding one account and one refresh token. */
const CACHE = JSON.stringify({
  Account: {
    [`${HOME}-login.microsoftonline.com-tid-1`]: {
      home_account_id: HOME, environment: 'login.microsoftonline.com', realm: 'tid-1', local_account_id: 'uid-1',
      username: 'ada@contoso.com', authority_type: 'MSSTS', name: 'Ada',
    },
  },
  IdToken: {}, AccessToken: {}, AppMetadata: {},
  RefreshToken: {
    [`${HOME}-login.microsoftonline.com-refreshtoken-${CLIENT}--`]: {
      home_account_id: HOME, environment: 'login.microsoftonline.com', credential_type: 'RefreshToken', client_id: CLIENT, secret: SECRET,
    },
  },
});

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-cache-'));
  file = join(dir, 'nested', 'token-cache.bin');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function app(plugin?: EncryptedFileCachePlugin): PublicClientApplication {
  return new PublicClientApplication({ auth: { clientId: CLIENT }, ...(plugin ? { cache: { cachePlugin: plugin } } : {}) });
}

/** Save CACHE through the plugin the way MSAL does after a sign-in. */
async function saveThrough(plugin: EncryptedFileCachePlugin): Promise<void> {
  const source = app();
  source.getTokenCache().deserialize(CACHE);
  await plugin.afterCacheAccess(new TokenCacheContext(source.getTokenCache(), true));
}

describe('EncryptedFileCachePlugin', () => {
  it('writes an encrypted, owner-only file atomically and reads it back after a restart', async () => {
    const encryptor = aesEncryptor();
    await saveThrough(new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger() }));

    const raw = await readFile(file);
    expect(raw.toString('latin1')).not.toContain(SECRET);
    expect(raw.toString('latin1')).not.toContain('ada@contoso.com');
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'nested'))).toEqual(['token-cache.bin']); // no temp file left behind

    // "Restart": a new MSAL client and plugin over the same file and key.
    const problems: AppError[] = [];
    const restarted = app(new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger(), onProblem: (p) => problems.push(p) }));
    const accounts = await restarted.getAllAccounts();
    expect(accounts.map((a) => a.homeAccountId)).toEqual([HOME]);
    expect(problems).toEqual([]);
  });

  it('treats a file made with another key as signed out, with a message and no crash', async () => {
    await saveThrough(new EncryptedFileCachePlugin({ file, encryptor: aesEncryptor(), logger: captureLogger() }));
    const problems: AppError[] = [];
    const other = app(new EncryptedFileCachePlugin({ file, encryptor: aesEncryptor(), logger: captureLogger(), onProblem: (p) => problems.push(p) }));
    expect(await other.getAllAccounts()).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(['token-cache-unreadable']);
    expect(problems[0]?.message).toMatch(/signed out/);
  });

  it('treats a tampered file as signed out', async () => {
    const encryptor = aesEncryptor();
    await saveThrough(new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger() }));
    const raw = await readFile(file);
    raw[raw.length - 5] = (raw[raw.length - 5] ?? 0) ^ 0xff;
    await writeFile(file, raw);
    const problems: AppError[] = [];
    const reader = app(new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger(), onProblem: (p) => problems.push(p) }));
    expect(await reader.getAllAccounts()).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(['token-cache-unreadable']);
  });

  it('treats well-encrypted garbage as signed out', async () => {
    const encryptor = aesEncryptor();
    await saveThrough(new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger() }));
    await writeFile(file, await encryptor.encryptString('{"Account": 42, "RefreshToken": "nope"'));
    const problems: AppError[] = [];
    const reader = app(new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger(), onProblem: (p) => problems.push(p) }));
    expect(await reader.getAllAccounts()).toEqual([]);
    expect(problems.map((p) => p.code)).toEqual(['token-cache-unreadable']);
  });

  it('starts empty without a file, and clear() deletes it and refuses later writes', async () => {
    const encryptor = aesEncryptor();
    const plugin = new EncryptedFileCachePlugin({ file, encryptor, logger: captureLogger() });
    expect(await app(plugin).getAllAccounts()).toEqual([]);
    await saveThrough(plugin);
    await plugin.clear();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await saveThrough(plugin);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('storagePolicy', () => {
  it('persists where a real key store exists', () => {
    expect(storagePolicy(aesEncryptor({ backend: 'gnome_libsecret' }), false)).toEqual({ persistent: true, notice: null });
    expect(storagePolicy(aesEncryptor(), false)).toEqual({ persistent: true, notice: null });
  });

  it('keeps tokens in memory on Linux basic_text unless the user opts in, and says so either way', () => {
    const memory = storagePolicy(aesEncryptor({ backend: 'basic_text' }), false);
    expect(memory.persistent).toBe(false);
    expect(memory.notice?.code).toBe('no-keyring');
    const optedIn = storagePolicy(aesEncryptor({ backend: 'basic_text' }), true);
    expect(optedIn.persistent).toBe(true);
    expect(optedIn.notice?.code).toBe('tokens-stored-without-keyring');
  });

  it('keeps tokens in memory when nothing can encrypt', () => {
    expect(storagePolicy(aesEncryptor({ available: false }), true)).toMatchObject({ persistent: false, notice: { code: 'tokens-in-memory' } });
  });
});
