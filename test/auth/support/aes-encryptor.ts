/**
 * A real encryptor for tests, standing in for Electron's safeStorage: AES-256-GCM with a random key from
 * node:crypto, so a file written with one key cannot be read (or quietly altered) with another.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Encryptor } from '../../../app/auth/ports.ts';

/** An AES-GCM {@link Encryptor}; `backend` mimics Linux's `getSelectedStorageBackend()`. */
export function aesEncryptor(options: { key?: Buffer; backend?: string; available?: boolean } = {}): Encryptor & { key: Buffer } {
  const key = options.key ?? randomBytes(32);
  const encryptor: Encryptor & { key: Buffer } = {
    key,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(encrypted) {
      const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(0, 12));
      decipher.setAuthTag(encrypted.subarray(12, 28));
      return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
  if (options.backend !== undefined) {
    const backend = options.backend;
    encryptor.backend = () => backend;
  }
  return encryptor;
}
