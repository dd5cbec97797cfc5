// Issue 10, defect 2: on Linux without a keyring (`basic_text`) Electron reports no encryption until
// `setUsePlainTextEncryption(true)`, so "Store sign-in without a keyring" must call it, and only then.
import { describe, expect, it } from 'vitest';
import { storagePolicy } from '../../app/auth/storage-policy.ts';
import { safeStorageEncryptor } from '../../app/electron/ports.ts';
import { fakeReadiness, fakeSafeStorage } from './stand-in.ts';

describe('the safeStorage encryptor', () => {
  it('without a keyring and with the opt-in: plain-text encryption is turned on and the sign-in is saved', async () => {
    const storage = fakeSafeStorage('basic_text');
    const encryptor = safeStorageEncryptor(storage, 'linux', () => true);
    const policy = storagePolicy(encryptor, true);
    expect(policy).toMatchObject({ persistent: true, notice: { code: 'tokens-stored-without-keyring' } });
    expect(await encryptor.decryptString(await encryptor.encryptString('secret'))).toBe('secret');
    expect(storage.plainTextAllowed).toBe(true);
  });

  it('without a keyring and without the opt-in: memory only, the window offers the opt-in, plain text stays off', async () => {
    const storage = fakeSafeStorage('basic_text');
    const encryptor = safeStorageEncryptor(storage, 'linux', () => false);
    expect(storagePolicy(encryptor, false)).toMatchObject({ persistent: false, notice: { code: 'no-keyring' } });
    await expect(Promise.resolve().then(() => encryptor.encryptString('secret'))).rejects.toThrow(/keyring/);
    expect(storage.plainTextAllowed).toBe(false);
  });

  it('with a keyring the asynchronous calls are used; Windows and macOS report no backend', async () => {
    const storage = fakeSafeStorage('gnome_libsecret');
    const calls: string[] = [];
    const watched = { ...storage, encryptString: () => (calls.push('sync'), Buffer.alloc(0)), encryptStringAsync: (t: string) => (calls.push('async'), storage.encryptStringAsync(t)) };
    const linux = safeStorageEncryptor(watched, 'linux', () => false);
    expect(linux.backend?.()).toBe('gnome_libsecret');
    expect(await linux.decryptString(await linux.encryptString('secret'))).toBe('secret');
    expect(calls).toEqual(['async']);
    expect(storage.plainTextAllowed).toBe(false);
    expect(safeStorageEncryptor(fakeSafeStorage('unknown', { platform: 'win32' }), 'win32', () => false).backend).toBeUndefined();
  });

  it('the stand-in refuses safeStorage on Linux before ready, as Electron does', () => {
    const readiness = fakeReadiness(false);
    const storage = fakeSafeStorage('gnome_libsecret', { readiness });
    expect(storage.isEncryptionAvailable()).toBe(false);
    expect(storage.getSelectedStorageBackend()).toBe('unknown');
    expect(() => storage.encryptString('x')).toThrow(/not available/);
    readiness.ready = true;
    expect(storage.isEncryptionAvailable()).toBe(true);
  });
});
