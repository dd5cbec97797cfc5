/**
 * A rotating log file in plain node:fs. Writes are synchronous appends, so the last lines before a crash are
 * on disk. When the next line would pass `maxBytes`, `main.log` becomes `main.log.1`, `main.log.1` becomes
 * `main.log.2`, and so on; files beyond `maxFiles` are deleted. Files are mode 0600 (only the user reads
 * them) in a folder created with mode 0700.
 */
import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatJsonLine } from './format.ts';
import type { LogRecord, LogSink } from './types.ts';

/** Options for {@link fileSink}. */
export interface FileSinkOptions {
  /** Folder of the log files (the app's log folder); created if missing. */
  dir: string;
  /** Name of the current file, e.g. `main.log`; rotated copies get `.1`, `.2`, … appended. */
  fileName: string;
  /** Rotate before a line would make the current file larger than this. A single longer line gets a file of its own. */
  maxBytes: number;
  /** How many files to keep, the current one included (1 = start over on rotation). */
  maxFiles: number;
  /** How a record becomes text; default one JSON object per line. */
  format?: (record: LogRecord) => string;
}

/** A {@link LogSink} writing to a rotating file. */
export interface FileSink extends LogSink {
  /** Absolute or relative path of the current file. */
  readonly path: string;
  /** Close the file; later writes are ignored. */
  close(): void;
}

/**
 * Create a rotating file sink. Throws a TypeError for impossible options; write errors (disk full, folder
 * removed) throw from `write`, where the logger catches them, and the file is reopened on the next write.
 */
export function fileSink(options: FileSinkOptions): FileSink {
  const { dir, fileName, maxBytes, maxFiles } = options;
  if (!fileName || basename(fileName) !== fileName) throw new TypeError(`fileName must be a plain file name, got "${fileName}".`);
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new TypeError(`maxBytes must be a positive integer, got ${maxBytes}.`);
  if (!Number.isInteger(maxFiles) || maxFiles < 1) throw new TypeError(`maxFiles must be a positive integer, got ${maxFiles}.`);
  const format = options.format ?? formatJsonLine;
  const path = join(dir, fileName);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeBeyond(dir, fileName, maxFiles);

  let fd: number | null = null;
  let size = 0;
  let closed = false;

  const open = (): number => {
    const handle = openSync(path, 'a', 0o600);
    try {
      fchmodSync(handle, 0o600); // the mode passed to open applies only to a new file, and only through the umask
      size = fstatSync(handle).size;
    } catch (error) {
      closeSync(handle);
      throw error;
    }
    fd = handle;
    return handle;
  };

  const shut = (): void => {
    if (fd === null) return;
    const handle = fd;
    fd = null;
    closeSync(handle);
  };

  const rotate = (): void => {
    shut();
    if (maxFiles === 1) {
      rmSync(path, { force: true });
    } else {
      for (let i = maxFiles - 1; i >= 1; i--) {
        const from = i === 1 ? path : `${path}.${i - 1}`;
        try {
          renameSync(from, `${path}.${i}`); // replaces the oldest kept copy, which drops it
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    }
  };

  return {
    path,
    write(record) {
      if (closed) return;
      const bytes = Buffer.from(format(record), 'utf8');
      try {
        let handle = fd ?? open();
        if (size > 0 && size + bytes.length > maxBytes) {
          rotate();
          handle = open();
        }
        writeSync(handle, bytes);
        size += bytes.length;
      } catch (error) {
        try {
          shut();
        } catch {
          // Already broken; the next write reopens.
        }
        throw error;
      }
    },
    close() {
      closed = true;
      shut();
    },
  };
}

/** Delete rotated copies numbered `maxFiles` and above (left over when maxFiles was lowered). */
function removeBeyond(dir: string, fileName: string, maxFiles: number): void {
  const prefix = `${fileName}.`;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const n = Number(name.slice(prefix.length));
    if (Number.isInteger(n) && n >= maxFiles) rmSync(join(dir, name), { force: true });
  }
}
