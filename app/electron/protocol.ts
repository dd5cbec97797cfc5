/**
 * The `app://presence-tray/` scheme that serves the built renderer (Electron recommends a custom protocol
 * over `file://`). Registered as standard and secure before the app is ready; every response carries the
 * strict CSP. Requests outside the renderer folder get 404.
 */
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_SCHEME, rendererFile, rendererHeaders } from './renderer-files.ts';

/** Pass to `protocol.registerSchemesAsPrivileged` before `app.whenReady()`. */
export const APP_SCHEME_PRIVILEGES = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }];

/** Serve `root` (dist/renderer) on the app scheme. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string, read: (path: string) => Promise<Uint8Array> = readFile): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? rendererFile(request.url, root) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      return new Response(await read(file.path), { headers: rendererHeaders(file.type) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
