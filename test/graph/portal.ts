/**
 * A captive portal (or an intercepting proxy) on a real local HTTP server: while `intercepting`, every request
 * gets a `200 OK` HTML sign-in page (or a 302 to that page, or a JSON answer of the proxy's own), as hotel and
 * guest Wi-Fi do before the user accepts their terms; otherwise it forwards to `upstream` (the emulator), so a
 * client pointed at it sees Graph once the user is through. It records what reached it, so tests can check
 * that no bearer token followed a redirect.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the portal answers while intercepting: the page itself, a redirect to it, JSON of its own, or its own 404 page. */
export type PortalMode = 'page' | 'redirect' | 'json' | 'not-found-page';

/** A running portal. */
export interface Portal {
  /** `http://127.0.0.1:<port>` */
  url: string;
  mode: PortalMode;
  /** True: answer as the portal; false: forward to `upstream`. */
  intercepting: boolean;
  /** Every request that reached it while intercepting: path and whether it carried an Authorization header. */
  seen: Array<{ method: string; path: string; authorized: boolean }>;
  close(): Promise<void>;
}

/** The page a portal shows. */
export const PORTAL_PAGE =
  '<!doctype html><html><head><title>Guest Wi-Fi</title></head><body><form action="/portal/accept"><button>Accept and connect</button></form></body></html>';

/** Start a portal on a free port, intercepting from the start; `upstream` is where it forwards when not. */
export async function startPortal(options: { mode?: PortalMode; upstream?: string } = {}): Promise<Portal> {
  const seen: Portal['seen'] = [];
  const portal: Portal = { url: '', mode: options.mode ?? 'page', intercepting: true, seen, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      if (!portal.intercepting && options.upstream) {
        void forward(`${options.upstream}${path}`, req.method ?? 'GET', req.headers, Buffer.concat(chunks)).then(
          (answer) => {
            res.writeHead(answer.status, answer.headers);
            res.end(answer.body);
          },
          () => res.destroy(),
        );
        return;
      }
      seen.push({ method: req.method ?? 'GET', path, authorized: req.headers.authorization !== undefined });
      if (portal.mode === 'redirect' && !path.startsWith('/portal/')) {
        res.writeHead(302, { location: '/portal/login', 'content-length': 0 });
        res.end();
        return;
      }
      if (portal.mode === 'not-found-page') {
        res.writeHead(404, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(PORTAL_PAGE) });
        res.end(PORTAL_PAGE);
        return;
      }
      const json = portal.mode === 'json';
      const body = json ? JSON.stringify({ status: 'login-required', availability: 'Available', activity: 'Available' }) : PORTAL_PAGE;
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  portal.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  portal.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return portal;
}

async function forward(url: string, method: string, headers: IncomingHttpHeaders, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name === 'host' || name === 'connection' || name === 'content-length') continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const res = await fetch(url, { method, headers: out, ...(body.length > 0 ? { body } : {}), redirect: 'manual' });
  const answer = Buffer.from(await res.arrayBuffer());
  const back: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding') back[name] = value;
  });
  back['content-length'] = String(answer.length);
  return { status: res.status, headers: back, body: answer };
}
