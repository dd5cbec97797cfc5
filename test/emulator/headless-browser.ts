/**
 * A "browser" for interactive sign-in tests without a browser: it loads the authorize URL MSAL opens, then
 * does what the emulator's page asks — follows a redirect (`query`/`fragment` response modes) or submits the
 * auto-posting form (`form_post`, the only mode msal-node 7 accepts) to MSAL's loopback listener.
 *
 * Pass it as MSAL's `openBrowser`: `pca.acquireTokenInteractive({ scopes, openBrowser: headlessBrowser })`.
 */

/** What the headless browser saw, for assertions. */
export interface BrowserVisit {
  /** Status of the authorize page. */
  authorizeStatus: number;
  /** Where the answer was delivered (the redirect URI), or null when the emulator showed an error page. */
  deliveredTo: string | null;
  /** The fields delivered (code, state, error, error_description, ...). */
  fields: Record<string, string>;
  /** Status the loopback answered the delivery with. */
  deliveryStatus: number | null;
}

/** Load `url` and deliver its answer as a browser would. Never throws for an error page or a closed loopback; returns what it saw. */
export async function headlessBrowser(url: string): Promise<BrowserVisit> {
  const page = await fetch(url, { redirect: 'manual' });
  if (page.status >= 300 && page.status < 400) {
    const location = page.headers.get('location') ?? '';
    const target = new URL(location);
    const fields = Object.fromEntries(new URLSearchParams(target.hash ? target.hash.slice(1) : target.search));
    const delivered = await fetch(loopback(location), { redirect: 'manual' }).catch(() => null);
    return { authorizeStatus: page.status, deliveredTo: location.split(/[?#]/)[0] ?? location, fields, deliveryStatus: delivered?.status ?? null };
  }
  const html = await page.text();
  const form = /<form[^>]*\baction="([^"]*)"[^>]*>/i.exec(html);
  if (!form || page.status !== 200) return { authorizeStatus: page.status, deliveredTo: null, fields: {}, deliveryStatus: null };
  const action = unescapeHtml(form[1] as string);
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/i.exec(input[0])?.[1];
    const value = /\bvalue="([^"]*)"/i.exec(input[0])?.[1];
    if (name !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value ?? '');
  }
  // Like a browser, a loopback that is not listening is not an error of the page: report it, do not throw.
  const delivered = await fetch(loopback(action), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  }).catch(() => null);
  await delivered?.text();
  return { authorizeStatus: page.status, deliveredTo: action, fields, deliveryStatus: delivered?.status ?? null };
}

/** MSAL's listener binds 127.0.0.1 but calls itself localhost, which may resolve to ::1 first: go straight to 127.0.0.1. */
function loopback(url: string): string {
  const target = new URL(url);
  if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
  return target.toString();
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
