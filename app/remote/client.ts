/**
 * The client side of the control protocol, for `presencectl` and tests: connect to the endpoint, send one
 * request, read its answer (and, for `watch`, every event line after it).
 */
import { connect, type Socket } from 'node:net';
import type { AppError } from '../errors.ts';
import { PROTOCOL_VERSION, type Response, type StateEvent } from './protocol.ts';

/** Why the client could not talk to the app at all. */
export class NotRunningError extends Error {
  override name = 'NotRunningError';
}

/** A connection to the endpoint. */
export interface RemoteConnection {
  /** Send one request (`v` is added) and resolve with its answer line. */
  request(fields: Record<string, unknown>): Promise<Response>;
  /** Called with each `watch` event line. */
  onEvent(listener: (event: StateEvent) => void): void;
  /** Resolves when the app closes the connection. */
  closed: Promise<void>;
  close(): void;
}

/**
 * Connect to the endpoint at `path`.
 * @throws NotRunningError when nothing serves there (no socket, refused, or no answer in `timeoutMs`).
 */
export function connectRemote(path: string, timeoutMs = 3000): Promise<RemoteConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new NotRunningError(`no answer at ${path} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new NotRunningError(`${error.code ?? 'error'} at ${path}`));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(wrap(socket));
    });
  });
}

function wrap(socket: Socket): RemoteConnection {
  socket.setNoDelay(true);
  let nextId = 1;
  let rest = '';
  const pending = new Map<string | number, (r: Response) => void>();
  const listeners: Array<(event: StateEvent) => void> = [];
  let closedResolve: () => void = () => {};
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));
  const lost: AppError = { code: 'connection-lost', message: 'Presence Tray closed the connection before answering.' };
  socket.on('error', () => {});
  socket.on('close', () => {
    for (const [id, settle] of pending) settle({ v: PROTOCOL_VERSION, id, ok: false, error: lost });
    pending.clear();
    closedResolve();
  });
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line) continue;
      let message: Response | StateEvent;
      try {
        message = JSON.parse(line) as Response | StateEvent;
      } catch {
        continue;
      }
      if ('event' in message) {
        for (const listener of listeners) listener(message);
        continue;
      }
      // An answer to a line the app could not read carries id null: it belongs to the oldest request.
      const id = message.id ?? null;
      const key = id !== null && pending.has(id) ? id : pending.keys().next().value;
      if (key === undefined) continue;
      const settle = pending.get(key);
      pending.delete(key);
      settle?.(message);
    }
  });
  return {
    request(fields) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.write(`${JSON.stringify({ v: PROTOCOL_VERSION, id, ...fields })}\n`);
      });
    },
    onEvent: (listener) => void listeners.push(listener),
    closed,
    close: () => socket.end(),
  };
}
