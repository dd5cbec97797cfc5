/**
 * The Graph + identity emulator (GRAPH-PRESENCE.md §4): one plain `node:http` server on 127.0.0.1 that plays
 * Microsoft Graph presence (`/v1.0/...`), the Microsoft identity platform (`/<tenant>/oauth2/v2.0/...`) and
 * offers a control API (`/_emulator/...`). Every expiry is judged on a virtual clock (the real clock or an
 * injected {@link Clock}, plus an offset the control API moves); no internal timer drives any expiry.
 *
 * ```ts
 * const emulator = await startEmulator({ clock: manualClock });
 * const control = new EmulatorControl(emulator.url);
 * ...
 * await emulator.close();
 * ```
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../app/clock.ts';
import { handleControl } from './control-routes.ts';
import { handleGraph } from './graph-routes.ts';
import { BodyTooLargeError, RequestError, defaultGraphCode, graphHeaders, parseForm, readBody, sendGraphError, sendHtml, sendJson, toEmulatorRequest } from './http.ts';
import { handleIdentity, isIdentityPath, sendOAuthError } from './identity-routes.ts';
import type { LoggedRequest } from './state.ts';
import { EmulatorState, VirtualClock } from './state.ts';

/** What the `portal` fault answers: a guest Wi-Fi sign-in page, as captive portals send in Graph's place. */
const PORTAL_PAGE =
  '<!doctype html><html><head><title>Sign in to Wi-Fi</title></head><body><form method="post" action="/portal/accept"><button>Accept and connect</button></form></body></html>';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Base of the virtual clock (default: the system clock). Pass the tests' ManualClock to drive every expiry. */
  clock?: Clock;
}

/** A running emulator. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`, no trailing slash. Graph is at `${url}/v1.0`, control at `${url}/_emulator`. */
  url: string;
  /** The port actually bound. */
  port: number;
  /** Stop listening and drop open connections. */
  close(): Promise<void>;
}

/** Start an emulator. Resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(new VirtualClock(options.clock));
  const pendingDelays = new Set<NodeJS.Timeout>();
  let base = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the emulator must not hang the client: answer 500 if we still can.
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'emulatorBug', message: String((err as Error)?.stack ?? err) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      const tooLarge = err instanceof BodyTooLargeError;
      if (!res.headersSent) sendJson(res, tooLarge ? 413 : 400, { error: { code: tooLarge ? 'requestTooLarge' : 'badRequest', message: (err as Error).message } });
      if (tooLarge) req.resume();
      return;
    }
    const r = toEmulatorRequest(req, body);

    if (r.path === '/_emulator' || r.path.startsWith('/_emulator/')) {
      try {
        handleControl(state, r, res);
      } catch (err) {
        if (err instanceof RequestError) sendJson(res, err.status, { error: { code: err.code, message: err.message } });
        else throw err;
      }
      return;
    }

    const kind: LoggedRequest['kind'] = r.path.startsWith('/v1.0/') || r.path === '/v1.0' ? 'graph' : 'identity';
    const entry = state.record({
      kind,
      at: new Date(state.clock.now()).toISOString(),
      method: r.method,
      path: r.path,
      query: Object.fromEntries(r.url.searchParams),
      headers: flatHeaders(req.headers),
      body: parseLoggedBody(r.body, req.headers['content-type']),
    });
    res.on('finish', () => {
      entry.status = res.statusCode;
    });

    const fault = state.takeFault(r.method, r.path);
    if (fault) {
      if (fault.delayMs) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            pendingDelays.delete(timer);
            resolve();
          }, fault.delayMs);
          pendingDelays.add(timer);
        });
        if (res.destroyed || req.socket.destroyed) return;
      }
      if (fault.portal) {
        sendHtml(res, 200, PORTAL_PAGE);
        return;
      }
      if (fault.status === 0) {
        entry.status = 0;
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        const code = fault.code ?? defaultGraphCode(fault.status);
        const message = fault.message ?? `Injected fault: ${fault.status} ${code}.`;
        if (fault.status < 400) sendJson(res, fault.status, {}, { ...graphHeaders(r), ...headers });
        else sendGraphError(res, r, fault.status, code, message, state.clock.now(), headers);
        return;
      }
    }

    if (kind === 'graph') {
      try {
        handleGraph(state, r, res);
      } catch (err) {
        if (!(err instanceof RequestError)) throw err;
        sendGraphError(res, r, err.status, err.code, err.message, state.clock.now(), err.headers);
      }
      return;
    }
    if (isIdentityPath(r.path)) {
      try {
        handleIdentity(state, base, r, res);
      } catch (err) {
        if (!(err instanceof RequestError)) throw err;
        sendOAuthError(res, state, r, err.status, err.code, err.message, []);
      }
      return;
    }
    sendJson(res, 404, { error: { code: 'notFound', message: `The emulator serves nothing at ${r.method} ${r.path}.` } });
  }

  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  return {
    url: base,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pendingDelays) clearTimeout(timer);
        pendingDelays.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function parseLoggedBody(body: string, contentType: string | undefined): unknown {
  if (body === '') return null;
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) return parseForm(body);
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
