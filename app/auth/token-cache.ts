/**
 * MSAL's token cache in one encrypted file (DESIGN.md §7): encrypted with the injected {@link Encryptor},
 * written atomically with mode 0600, read back on the first access after a start. A file that cannot be
 * decrypted or parsed is treated as "no saved sign-in" and reported, never thrown: the user signs in again
 * and the next write replaces it.
 */
import { readFile } from 'node:fs/promises';
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { AppError } from '../errors.ts';
import { removeFile, writeFileAtomic } from './atomic-file.ts';
import type { AuthLogger, Encryptor } from './ports.ts';

/** Options of {@link EncryptedFileCachePlugin}. */
export interface EncryptedFileCacheOptions {
  /** The cache file, e.g. `<userData>/token-cache.bin`. */
  file: string;
  encryptor: Encryptor;
  logger: AuthLogger;
  /** Told when the saved cache could not be read or written; the service shows it. */
  onProblem?: (problem: AppError) => void;
}

/**
 * An `ICachePlugin` over one encrypted file. The app is a single instance and the only writer, so the file
 * is decrypted once (at the first cache access); after that the plugin hands MSAL the JSON it last saved.
 * (MSAL clears its in-memory cache before every silent lookup and rebuilds it from what the plugin
 * deserializes, so the plugin must deserialize on every access.) Writes are queued so they land in order.
 */
export class EncryptedFileCachePlugin implements ICachePlugin {
  private readonly options: EncryptedFileCacheOptions;
  private loaded = false;
  private closed = false;
  /** The cache as last read or saved; null when there is none. */
  private current: string | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(options: EncryptedFileCacheOptions) {
    this.options = options;
  }

  async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!this.loaded) {
      this.loaded = true;
      this.current = await this.read();
    }
    if (this.current === null) return;
    try {
      context.tokenCache.deserialize(this.current);
    } catch {
      this.current = null;
      this.unreadable('the saved data has an unexpected shape');
    }
  }

  async afterCacheAccess(context: TokenCacheContext): Promise<void> {
    if (!context.cacheHasChanged || this.closed) return;
    const json = context.tokenCache.serialize();
    this.current = json;
    const write = this.writes.then(() => this.write(json));
    this.writes = write.catch(() => undefined);
    await write;
  }

  /**
   * Delete the file once pending writes have landed (sign-out, or tokens moving to memory only). The plugin
   * writes nothing after this, so a token call still in flight cannot bring the file back.
   */
  async clear(): Promise<void> {
    this.closed = true;
    this.current = null;
    await this.writes;
    await removeFile(this.options.file);
  }

  /** Take over an in-memory cache (serialized) and save it now; the file is not read afterwards. */
  async adopt(json: string): Promise<void> {
    this.loaded = true;
    this.current = json;
    const write = this.writes.then(() => this.write(json));
    this.writes = write.catch(() => undefined);
    await write;
  }

  /** Wait until every queued write has landed. */
  async flush(): Promise<void> {
    await this.writes;
  }

  /** The decrypted JSON, or null when there is no usable file. */
  private async read(): Promise<string | null> {
    let data: Buffer;
    try {
      data = await readFile(this.options.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      this.unreadable(`the file could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return null;
    }
    let json: string;
    try {
      json = await this.options.encryptor.decryptString(data);
      JSON.parse(json);
    } catch {
      this.unreadable('it was not encrypted with this computer\'s key, or it was changed');
      return null;
    }
    return json;
  }

  private async write(json: string): Promise<void> {
    if (this.closed) return;
    try {
      await writeFileAtomic(this.options.file, await this.options.encryptor.encryptString(json));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      this.options.logger.error('auth: could not save the token cache', { code });
      this.options.onProblem?.({
        code: 'token-cache-unwritable',
        message: `Your sign-in could not be saved (${code}); you stay signed in until the app quits.`,
      });
    }
  }

  private unreadable(reason: string): void {
    this.options.logger.warn('auth: saved sign-in unreadable, starting signed out', { reason });
    this.options.onProblem?.({
      code: 'token-cache-unreadable',
      message: 'Your saved sign-in could not be read, so you are signed out. Sign in again; the file will be replaced.',
    });
  }
}
