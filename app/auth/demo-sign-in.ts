/**
 * Sign-in without a person, for `npm run demo` and the tests: the service runs its real interactive flow
 * (MSAL, PKCE, loopback listener), but the "browser" is {@link formPostOpener}, which loads the emulator's
 * authorize page and submits its form_post to MSAL's loopback listener itself. Only for an emulator:
 * a real sign-in page needs a person.
 */
import { AppFailure } from '../errors.ts';
import type { AccountView } from '../control/types.ts';
import type { AuthService } from './auth-service.ts';
import type { BrowserOpener, FetchPort } from './ports.ts';

/** A parsed HTML form: where it posts and its hidden fields. */
export interface HiddenForm {
  action: string;
  fields: Record<string, string>;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i').exec(tag);
  const value = match?.[2] ?? match?.[3];
  return value === undefined ? undefined : decodeEntities(value);
}

/** The first POST form of an auto-submitting form_post page, or null when the page has none. */
export function parseFormPost(html: string): HiddenForm | null {
  const form = /<form\b[^>]*>/i.exec(html);
  if (!form) return null;
  const action = attribute(form[0], 'action');
  if (!action || (attribute(form[0], 'method') ?? 'get').toLowerCase() !== 'post') return null;
  const fields: Record<string, string> = {};
  for (const input of html.slice(form.index).matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input[0], 'name');
    if (name !== undefined && (attribute(input[0], 'type') ?? 'text').toLowerCase() === 'hidden') fields[name] = attribute(input[0], 'value') ?? '';
  }
  return { action, fields };
}

/**
 * A {@link BrowserOpener} that plays the browser against the emulator: GET the authorize URL, then POST the
 * page's hidden form to its action (MSAL's loopback listener), as the page's script would.
 */
export function formPostOpener(fetchPort: FetchPort = fetch): BrowserOpener {
  return async (url) => {
    const page = await fetchPort(url, { redirect: 'manual' });
    const html = await page.text();
    const form = parseFormPost(html);
    if (!form) {
      const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
      throw new AppFailure({ code: 'sign-in-failed', message: `The sign-in page showed an error instead of signing in: ${text}` });
    }
    const target = new URL(form.action);
    // MSAL's listener binds 127.0.0.1 and calls it localhost.
    if (target.hostname === 'localhost') target.hostname = '127.0.0.1';
    const reply = await fetchPort(target.toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    await reply.text();
  };
}

/**
 * Sign the emulator's user `userId` in through the service's real interactive flow. The service must have
 * been created with `endpointOverride: emulatorUrl` and `openBrowser: formPostOpener()`.
 */
export async function signInDemoUser(auth: AuthService, emulatorUrl: string, userId: string, fetchPort: FetchPort = fetch): Promise<AccountView> {
  const plan = await fetchPort(`${emulatorUrl.replace(/\/+$/, '')}/_emulator/signin/next`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId, outcome: 'success' }),
  });
  if (!plan.ok) throw new AppFailure({ code: 'sign-in-failed', message: `The emulator refused the demo sign-in (${plan.status}).` });
  return auth.signIn();
}
