import { pathToFileURL } from 'node:url';

/**
 * The demo's world (DESIGN.md §4a): a user in the emulator with a Teams client signed in, so presence
 * changes are visible at once. Demo mode is chosen by an environment variable at start, never a setting.
 */

/** The environment variable that turns demo mode on: the path of the bundled emulator module. */
export const DEMO_ENV = 'PRESENCE_TRAY_DEMO_EMULATOR';
/** Demo mode against an emulator that already runs (the whole-app test's), by its URL. */
export const DEMO_URL_ENV = 'PRESENCE_TRAY_DEMO_EMULATOR_URL';
/** Demo mode on this profile folder instead of a fresh one (the whole-app test's second launch must share the first's). */
export const DEMO_PROFILE_ENV = 'PRESENCE_TRAY_DEMO_PROFILE';
/** Exposes a small test hook on the main process's globalThis (`__presenceTrayTest`) for the whole-app test. */
export const E2E_ENV = 'PRESENCE_TRAY_E2E';

/** The client id the demo signs in with (any GUID: the emulator accepts it). */
export const DEMO_CLIENT_ID = '00000000-0000-4000-8000-00000000d3e0';

/** The demo account. */
export const DEMO_USER = { displayName: 'Demo User', userPrincipalName: 'demo@contoso.example' };

async function post(url: string, body: unknown, fetchPort: typeof fetch): Promise<unknown> {
  const res = await fetchPort(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`emulator refused ${url}: ${res.status}`);
  return res.json();
}

/** Create the demo user and its Teams session in a running emulator; returns the user's id. */
export async function prepareDemoWorld(emulatorUrl: string, fetchPort: typeof fetch = fetch): Promise<{ userId: string }> {
  const base = emulatorUrl.replace(/\/+$/, '');
  const user = (await post(`${base}/_emulator/users`, DEMO_USER, fetchPort)) as { id: string };
  await post(`${base}/_emulator/sessions`, { userId: user.id, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' }, fetchPort);
  return { userId: user.id };
}

/** A running demo world: the emulator's URL, the demo user, and how to stop an emulator started here. */
export interface DemoWorld {
  url: string;
  userId: string;
  close(): Promise<void>;
}

/**
 * The demo world the environment asks for, or null outside demo mode: an emulator that already runs
 * (DEMO_URL_ENV), or the one `npm run demo` bundled outside the app (DEMO_ENV, never packaged), loaded
 * in-process and started here.
 */
export async function startDemoWorld(env: NodeJS.ProcessEnv): Promise<DemoWorld | null> {
  const url = env[DEMO_URL_ENV];
  if (url) return { url, ...(await prepareDemoWorld(url)), close: async () => {} };
  const module = env[DEMO_ENV];
  if (!module) return null;
  const { startEmulator } = (await import(pathToFileURL(module).href)) as { startEmulator(): Promise<{ url: string; close(): Promise<void> }> };
  const emulator = await startEmulator();
  const { userId } = await prepareDemoWorld(emulator.url);
  return { url: emulator.url, userId, close: () => emulator.close() };
}
