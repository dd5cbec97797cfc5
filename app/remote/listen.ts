/**
 * Taking the endpoint's path without ever taking over a live one: a socket file that answers belongs to a
 * running app (another instance, or the headless demo), so this one refuses; a file nobody answers on was
 * left by a crash and is replaced. On macOS and Linux the socket is made 0600 inside its 0700 folder.
 */
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, type Server } from 'node:net';
import { AppFailure } from '../errors.ts';
import { isPipe, preparePrivateFolder } from './endpoint-path.ts';

/** True when something accepts connections at `path` (a live endpoint). */
export function probe(path: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const done = (live: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(live);
    };
    const timer = setTimeout(() => done(true), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function inUse(path: string): AppFailure {
  return new AppFailure({
    code: 'endpoint-in-use',
    message: `Another Presence Tray (or the headless demo) already serves the command line at ${path}; this one leaves it alone.`,
    field: 'endpoint',
  });
}

function listenOnce(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ path, readableAll: false, writableAll: false }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Listen on `path`. Returns the socket file's inode (null for a pipe), so closing removes only our own file.
 * @throws AppFailure `endpoint-in-use` (a live endpoint answers there) or `endpoint-unsafe` (see preparePrivateFolder).
 */
export async function listenPrivately(server: Server, path: string): Promise<number | null> {
  if (isPipe(path)) {
    try {
      await listenOnce(server, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw inUse(path);
      throw error;
    }
    return null;
  }
  preparePrivateFolder(path);
  for (let attempt = 0; ; attempt++) {
    try {
      await listenOnce(server, path);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 0) throw error;
      if (await probe(path)) throw inUse(path);
      // Nobody answers: a socket left by a crash. Remove it only if it is a socket (never a file of the user's).
      const stale = lstatSync(path, { throwIfNoEntry: false });
      if (stale && !stale.isSocket()) {
        throw new AppFailure({ code: 'endpoint-unsafe', message: `${path} exists and is not a socket, so the command line is off. Remove it and restart Presence Tray.`, field: 'endpoint' });
      }
      if (stale) unlinkSync(path);
    }
  }
  chmodSync(path, 0o600);
  return lstatSync(path).ino;
}

/** Remove our socket file on close, unless another process has replaced it since (its inode differs). */
export function removeOwnSocket(path: string, inode: number | null): void {
  if (inode === null) return;
  const now = lstatSync(path, { throwIfNoEntry: false });
  if (now && now.ino === inode) unlinkSync(path);
}
