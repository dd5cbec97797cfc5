/**
 * Where the control endpoint lives, per user, and the checks that keep it private (docs/protocol.md,
 * "Where and who"):
 *
 * - macOS and Linux: `control.sock` in a folder of the user's own, `$XDG_RUNTIME_DIR/presence-tray` when set,
 *   else `<tmpdir>/presence-tray-<uid>` (macOS's tmpdir is already per user). The folder is made 0700 and must
 *   belong to this user and not be a symlink, or the app refuses to serve there; the socket is chmod 0600.
 * - Windows: the named pipe `\\.\pipe\presence-tray-<hash of DOMAIN\user>`. Node cannot set a pipe's ACL; the
 *   pipe gets Windows' default security descriptor (full control for the creating user, SYSTEM and
 *   administrators, read-only for others — a client needs read and write, so another user cannot talk to
 *   it), and libuv creates the first instance with FILE_FLAG_FIRST_PIPE_INSTANCE, so the app never joins a
 *   pipe someone else made: it refuses to serve instead. docs/protocol.md says what this does not prevent.
 *
 * `PRESENCE_TRAY_SOCKET` overrides the path (tests, the headless demo, a second profile).
 */
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { AppFailure } from '../errors.ts';

/** The environment variable that overrides the endpoint's path (a socket path, or a pipe name on Windows). */
export const SOCKET_ENV = 'PRESENCE_TRAY_SOCKET';

/** What the path depends on (the process's by default; tests pass their own). */
export interface PathEnv {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  uid: number;
  username: string;
  tmpdir: string;
}

/** This process's {@link PathEnv}. */
export function processPathEnv(): PathEnv {
  let username: string;
  try {
    username = userInfo().username;
  } catch {
    username = process.env.USERNAME ?? process.env.USER ?? '';
  }
  return { platform: process.platform, env: process.env, uid: process.getuid?.() ?? -1, username, tmpdir: tmpdir() };
}

/** The endpoint's path for this user. */
export function endpointPath(pathEnv: PathEnv = processPathEnv()): string {
  const override = pathEnv.env[SOCKET_ENV];
  if (override) return override;
  if (pathEnv.platform === 'win32') {
    const who = `${pathEnv.env.USERDOMAIN ?? ''}\\${pathEnv.username}`.toLowerCase();
    return `\\\\.\\pipe\\presence-tray-${fnv64(who)}`;
  }
  const runtime = pathEnv.env.XDG_RUNTIME_DIR;
  const folder = runtime ? join(runtime, 'presence-tray') : join(pathEnv.tmpdir, `presence-tray-${pathEnv.uid}`);
  return join(folder, 'control.sock');
}

/**
 * FNV-1a, 64 bits, as 16 hex digits: enough to keep users' pipe names apart. Not a secret and not meant to
 * be (the pipe's security rests on its owner, see above); node:crypto is not loaded for it because every
 * presencectl start would pay for it.
 */
function fnv64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

/** True when the path is a Windows named pipe rather than a file. */
export function isPipe(path: string): boolean {
  return path.startsWith('\\\\.\\pipe\\') || path.startsWith('\\\\?\\pipe\\');
}

/**
 * Make the socket's folder private: create it 0700, then check it is a real folder owned by this user with
 * no access for others (tightening a folder of ours that is too open).
 * @throws AppFailure `endpoint-unsafe` when the folder is a symlink, not a folder, or another user's.
 */
export function preparePrivateFolder(socketPath: string, uid: number = process.getuid?.() ?? -1): string {
  const folder = dirname(socketPath);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const info = lstatSync(folder);
  const unsafe = (why: string): AppFailure =>
    new AppFailure({ code: 'endpoint-unsafe', message: `The control endpoint's folder ${folder} ${why}, so the command line is off. Remove the folder and restart Presence Tray.`, field: 'endpoint' });
  if (info.isSymbolicLink()) throw unsafe('is a symbolic link');
  if (!info.isDirectory()) throw unsafe('is not a folder');
  if (uid >= 0 && info.uid !== uid) throw unsafe('belongs to another user');
  if ((info.mode & 0o077) !== 0) chmodSync(folder, 0o700);
  return folder;
}
