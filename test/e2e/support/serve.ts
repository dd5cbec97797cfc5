/**
 * Serves the built renderer (dist/renderer) to a page from an origin of its own, through Playwright's
 * request interception: no server process, and the CSP's 'self' means that origin, as in the app. Pages go
 * out with main's own Content-Security-Policy header (app/electron/renderer-files.ts) on top of the meta
 * tag in index.html, so anything the window does that the app's CSP forbids fails here too.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../../app/electron/renderer-files.ts';

/** The built renderer folder. */
export const RENDERER_DIR = join(import.meta.dirname, '..', '..', '..', 'dist', 'renderer');

/** The origin the window is served from in tests. */
export const RENDERER_ORIGIN = 'http://presence-tray.test';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Answer every request to {@link RENDERER_ORIGIN} from {@link RENDERER_DIR}; anything else is refused. */
export async function serveRenderer(page: Page): Promise<void> {
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== RENDERER_ORIGIN) return route.abort('blockedbyclient');
    const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^([/\\])+/, '');
    if (rel.startsWith('..')) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(join(RENDERER_DIR, rel));
      const headers = extname(rel) === '.html' ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : undefined;
      return route.fulfill({ status: 200, body, contentType: TYPES[extname(rel)] ?? 'application/octet-stream', ...(headers ? { headers } : {}) });
    } catch {
      return route.fulfill({ status: 404, body: 'not found' });
    }
  });
}
