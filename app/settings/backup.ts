/**
 * Copying a settings file aside before it is replaced (docs/architecture.md#settings-and-repair: a file that fails to parse or validate is
 * copied aside, never deleted). Plain node:fs, so it is tested without Electron; app/electron calls it.
 */
import { constants, copyFileSync } from 'node:fs';
import type { Clock } from '../clock.ts';

/**
 * Copy `path` to `<path>.corrupt-<UTC time>` (`config.json.corrupt-2026-11-23T10-36-00-000Z`), adding `-1`,
 * `-2`, … if that name is taken. Never overwrites another file and never changes or deletes the original.
 * Returns the backup's path, or null when `path` does not exist.
 * @throws the file system's error for anything else (no permission, disk full).
 */
export function backupCorruptFile(path: string, clock: Pick<Clock, 'now'>): string | null {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  for (let n = 0; n < 1000; n++) {
    const target = `${path}.corrupt-${stamp}${n ? `-${n}` : ''}`;
    try {
      copyFileSync(path, target, constants.COPYFILE_EXCL);
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      if (code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`Could not find a free backup name next to ${path}.`);
}
