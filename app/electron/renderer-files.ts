/**
 * The settings window's page is served from the custom `app://presence-tray/` scheme (not `file://`, which
 * Electron grants extra privileges): this maps a request URL to a file inside the renderer folder, refusing
 * anything that would leave it, and gives every response the strict Content Security Policy.
 */
import { extname, join, normalize, sep } from 'node:path';

/** The scheme of the app's own pages. */
export const APP_SCHEME = 'app';
/** The host of the app's own pages. */
export const APP_HOST = 'presence-tray';
/** `app://presence-tray`, the only origin trusted over IPC. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The settings page. */
export const SETTINGS_URL = `${APP_ORIGIN}/index.html`;

/**
 * No remote content, no inline script or style, no eval, no plugins, no framing, no form posts, no base-tag
 * tricks. (The week grid sets positions through CSSOM, `el.style.left`, which `style-src 'self'` allows.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The file a request URL stands for, inside `root`, or null (wrong scheme/host, traversal, unknown type). */
export function rendererFile(url: string, root: string): { path: string; type: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
  const path = join(root, relative);
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const type = TYPES[extname(path).toLowerCase()];
  return type ? { path, type } : null;
}

/** Response headers for a served file. */
export function rendererHeaders(type: string): Record<string, string> {
  return {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}
