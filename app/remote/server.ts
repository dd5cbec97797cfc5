/**
 * The local control endpoint (issue 12, docs/protocol.md): newline-delimited JSON over a per-user socket,
 * every command one call to the controller with `source: 'cli'`. Built to survive any client: a line over
 * {@link MAX_LINE_BYTES} is discarded up to its newline and refused, a silent client is closed after
 * `idleTimeoutMs`, a client's requests run one at a time in order (its socket pauses while many wait), and
 * past `maxClients` a new connection gets `too-many-clients` and is closed. Nothing a client sends can throw
 * out of here.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Clock } from '../clock.ts';
import type { ControlLog, Source } from '../control/types.ts';
import type { AppError } from '../errors.ts';
import { systemTimeZone } from '../time/zoned-time.ts';
import { runCommand, type CommandContext, type RemoteController } from './commands.ts';
import { listenPrivately, removeOwnSocket } from './listen.ts';
import { encodeLine, MAX_LINE_BYTES, parseRequest, PROTOCOL_VERSION, type Request, type RequestId } from './protocol.ts';
import { statusView } from './status-view.ts';

/** Options of {@link startRemoteEndpoint}. */
export interface RemoteEndpointOptions {
  controller: RemoteController;
  /** The socket path or pipe name (endpointPath()). */
  path: string;
  clock: Pick<Clock, 'now'>;
  /** The zone of clock times (`until 15:00`); default the system zone. */
  timeZone?: () => string;
  /** Who the commands are from (default `cli`). */
  source?: Source;
  /** The app's version, answered by `hello`. */
  version?: string;
  /** Apply a preset by name (`preset`). */
  applyPreset?: CommandContext['applyPreset'];
  log?: ControlLog | null;
  /** Close a connection that has sent no complete line for this long, unless it watches (default 30 s). */
  idleTimeoutMs?: number;
  /** Most connections at once (default 256). */
  maxClients?: number;
  /** Longest request line in bytes (default {@link MAX_LINE_BYTES}). */
  maxLineBytes?: number;
}

/** A running endpoint. */
export interface RemoteEndpoint {
  path: string;
  /** Connections open now. */
  connections(): number;
  /** Stop accepting, close every connection and remove the socket file. */
  close(): Promise<void>;
}

/** A client waiting on a socket's buffer is sent only the newest state when it catches up. */
const WATCH_BACKLOG_BYTES = 256 * 1024;
/** A client with this many requests waiting is paused until they are answered. */
const PAUSE_AT = 16;

const silent: ControlLog = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Start the endpoint: take the path (refusing a live one, replacing a stale one), then serve.
 * @throws AppFailure `endpoint-in-use` or `endpoint-unsafe`.
 */
export async function startRemoteEndpoint(options: RemoteEndpointOptions): Promise<RemoteEndpoint> {
  const log = options.log ?? silent;
  const maxClients = options.maxClients ?? 256;
  let latest = options.controller.state();
  const stopLatest = options.controller.onState((state) => (latest = state));
  const ctx: CommandContext = {
    controller: options.controller,
    source: options.source ?? 'cli',
    clock: options.clock,
    timeZone: options.timeZone ?? systemTimeZone,
    version: options.version ?? '0.0.0',
    latestState: () => latest,
    ...(options.applyPreset ? { applyPreset: options.applyPreset } : {}),
  };
  const sockets = new Set<Socket>();
  // Half-open: a client may send its request and close its side at once (`echo … | nc -U`); it still gets
  // its answers, and the endpoint closes once they are written (a watcher keeps its stream).
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    if (sockets.size >= maxClients) {
      log.warn('remote: refused a connection over the limit', { maxClients });
      socket.on('error', () => {});
      socket.end(encodeLine({ v: PROTOCOL_VERSION, id: null, ok: false, error: { code: 'too-many-clients', message: `More than ${maxClients} clients are connected; try again in a moment.` } }));
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, ctx, log, options);
  });
  server.maxConnections = maxClients * 2;
  let inode: number | null;
  try {
    inode = await listenPrivately(server, options.path);
  } catch (error) {
    stopLatest();
    throw error;
  }
  log.info('remote: serving the command line', { path: options.path });
  return {
    path: options.path,
    connections: () => sockets.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      stopLatest();
      removeOwnSocket(options.path, inode);
    },
  };
}

function serveConnection(socket: Socket, ctx: CommandContext, log: ControlLog, options: RemoteEndpointOptions): void {
  const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
  let chunks: Buffer[] = [];
  let buffered = 0;
  let discarding = false;
  let waiting = 0;
  let chain: Promise<void> = Promise.resolve();
  let unwatch: (() => void) | null = null;

  const send = (line: string): void => {
    if (!socket.destroyed && socket.writable) socket.write(line);
  };
  const refuse = (id: RequestId, error: AppError): void => send(encodeLine({ v: PROTOCOL_VERSION, id, ok: false, error }));

  socket.setNoDelay(true);
  socket.setTimeout(options.idleTimeoutMs ?? 30_000);
  socket.on('timeout', () => {
    if (unwatch || waiting > 0) return;
    socket.end();
  });
  socket.on('error', (error) => log.debug('remote: connection error', { error: error.message }));
  socket.on('end', () => {
    void chain.then(() => {
      if (!unwatch && !socket.destroyed) socket.end();
    });
  });
  socket.on('close', () => {
    unwatch?.();
    unwatch = null;
  });

  const handleLine = (line: string): void => {
    if (line.trim() === '') return;
    const parsed = parseRequest(line);
    if (!parsed.ok) {
      refuse(parsed.id, parsed.error);
      return;
    }
    waiting++;
    if (waiting >= PAUSE_AT) socket.pause();
    chain = chain
      .then(() => handleRequest(parsed.request))
      .finally(() => {
        waiting--;
        if (waiting < PAUSE_AT && socket.isPaused() && !socket.destroyed) socket.resume();
      });
  };

  const handleRequest = async (request: Request): Promise<void> => {
    if (request.cmd !== 'status' && request.cmd !== 'hello') log.info('remote: command', { cmd: request.cmd, source: ctx.source });
    const answer = await runCommand(request, ctx);
    if (!answer.ok) {
      refuse(request.id, answer.error);
      return;
    }
    send(encodeLine({ v: PROTOCOL_VERSION, id: request.id, ok: true, result: answer.result }));
    if (request.cmd === 'watch' && !unwatch) unwatch = watch(socket, request.id, ctx);
  };

  socket.on('data', (data: Buffer) => {
    let start = 0;
    for (;;) {
      const nl = data.indexOf(0x0a, start);
      if (nl === -1) break;
      const piece = data.subarray(start, nl);
      start = nl + 1;
      if (discarding) {
        discarding = false;
        continue;
      }
      const line = chunks.length ? Buffer.concat([...chunks, piece]) : piece;
      chunks = [];
      buffered = 0;
      if (line.length > maxLine) {
        refuse(null, { code: 'line-too-long', message: `A request line may be at most ${maxLine} bytes; this one was longer and was ignored.` });
        continue;
      }
      handleLine(line.toString('utf8').replace(/\r$/, ''));
    }
    if (start >= data.length || discarding) return;
    const rest = data.subarray(start);
    buffered += rest.length;
    if (buffered > maxLine) {
      // Stop keeping a line that is already too long: drop it up to its newline and say so once.
      chunks = [];
      buffered = 0;
      discarding = true;
      refuse(null, { code: 'line-too-long', message: `A request line may be at most ${maxLine} bytes; this one was longer and was ignored.` });
      return;
    }
    chunks.push(Buffer.from(rest));
  });
}

/** Stream one event line per state change (identical consecutive views are sent once). */
function watch(socket: Socket, id: RequestId, ctx: CommandContext): () => void {
  let last = JSON.stringify(statusView(ctx.controller.state()));
  let held: string | null = null;
  const flush = (): void => {
    if (held === null || socket.destroyed) return;
    const line = held;
    held = null;
    socket.write(line);
  };
  socket.on('drain', flush);
  return ctx.controller.onState((state) => {
    const view = statusView(state);
    const text = JSON.stringify(view);
    if (text === last) return;
    last = text;
    const line = encodeLine({ v: PROTOCOL_VERSION, id, event: 'state', state: view });
    // A reader that falls behind gets the newest state when it catches up, never an unbounded queue.
    if (socket.writableLength > WATCH_BACKLOG_BYTES) held = line;
    else if (!socket.destroyed) socket.write(line);
  });
}
