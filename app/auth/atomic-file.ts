/**
 * Small file helpers for secrets: write through a temporary file and a rename, so a crash never leaves a
 * half-written file, with owner-only permissions from the first byte.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Owner read/write only. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Replace `path` with `data` atomically: write `path.<random>.tmp` (mode 0600, flushed), then rename it over
 * `path`. The folder is created (mode 0700) when missing. The temporary file is removed if anything fails.
 */
export async function writeFileAtomic(path: string, data: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The mode given to open() is reduced by the umask; make it exact.
    await chmod(temp, PRIVATE_FILE_MODE);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Delete `path`; a missing file is fine. */
export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
