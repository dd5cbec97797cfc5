/**
 * Whether the token cache may be written to disk (docs/architecture.md#settings-and-repair): only where the encryptor has a real key
 * store, or where the user opted in to storing it without one (Linux `basic_text`). Otherwise tokens live in
 * memory only and the user is told so.
 */
import type { AppError } from '../errors.ts';
import type { Encryptor } from './ports.ts';

/** The decision and what to tell the user about it. */
export interface StoragePolicy {
  /** True when the token cache is saved to the encrypted file. */
  persistent: boolean;
  /** A standing note for the Account section, or null when nothing needs saying. */
  notice: AppError | null;
}

/** Decide where tokens live for this encryptor and the user's `storeTokensWithoutKeyring` option. */
export function storagePolicy(encryptor: Encryptor, storeTokensWithoutKeyring: boolean): StoragePolicy {
  let available: boolean;
  let backend: string | undefined;
  try {
    available = encryptor.isEncryptionAvailable();
    backend = encryptor.backend?.();
  } catch {
    available = false;
  }
  if (!available) {
    return {
      persistent: false,
      notice: {
        code: 'tokens-in-memory',
        message: 'This computer offers no way to encrypt your saved sign-in, so it is kept in memory only: you will sign in again after each start.',
      },
    };
  }
  if (backend === 'basic_text') {
    if (storeTokensWithoutKeyring) {
      return {
        persistent: true,
        notice: {
          code: 'tokens-stored-without-keyring',
          message: 'No keyring is available, so your saved sign-in is protected only by a fixed key, as you chose.',
          field: 'options.storeTokensWithoutKeyring',
        },
      };
    }
    return {
      persistent: false,
      notice: {
        code: 'no-keyring',
        message:
          'No keyring (such as GNOME Keyring or KWallet) is available, so your sign-in is kept in memory only and you will sign in again after each start. To save it anyway, protected only by a fixed key, turn on "Store sign-in without a keyring".',
        field: 'options.storeTokensWithoutKeyring',
      },
    };
  }
  return { persistent: true, notice: null };
}
