/**
 * The emulator's presence rules (docs/graph.md#visible-presence), proven over real HTTP with a manual clock injected
 * into the emulator: allowed pairs, expiries, no-session-means-Offline, precedence, idle decay, clearPresence,
 * status messages and sequenceNumber.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PREFERRED_PAIRS, SESSION_PAIRS } from '../../app/presence/index.ts';
import { ManualClock } from '../support/manual-clock.ts';
import type { EmulatorPresence, EmulatorUser } from './client.ts';
import { EmulatorControl } from './client.ts';
import type { RunningEmulator } from './server.ts';
import { startEmulator } from './server.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';

let emulator: RunningEmulator;
let control: EmulatorControl;
let clock: ManualClock;
let user: EmulatorUser;
let token: string;

beforeAll(async () => {
  clock = new ManualClock('2026-11-23T08:00:00Z');
  emulator = await startEmulator({ clock });
  control = new EmulatorControl(emulator.url);
});
afterAll(() => emulator.close());

beforeEach(async () => {
  await control.reset();
  user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' });
  token = (await control.mintToken({ userId: user.id, scopes: ['Presence.ReadWrite'], clientId: CLIENT_ID, expiresInSeconds: 30 * 24 * 3600 })).access_token;
});

async function post(action: string, body: unknown, who = 'me'): Promise<{ status: number; json: { error?: { code: string; message: string } } | null }> {
  const base = who === 'me' ? `${emulator.url}/v1.0/me` : `${emulator.url}/v1.0/users/${who}`;
  const res = await fetch(`${base}/presence/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function read(): Promise<EmulatorPresence> {
  const res = await fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as EmulatorPresence;
}

const teamsSession = (availability = 'Available', activity = 'Available', sessionId = 'teams-desktop') =>
  control.addSession({ userId: user.id, sessionId, availability, activity });

describe('preferred presence', () => {
  it('accepts every allowed pair, in any letter case, and shows it while a session exists', async () => {
    await teamsSession();
    for (const pair of PREFERRED_PAIRS) {
      expect((await post('setUserPreferredPresence', pair)).status).toBe(200);
      expect(await read()).toMatchObject(pair);
      const shouty = { availability: pair.availability.toUpperCase(), activity: pair.activity.toLowerCase() };
      expect((await post('setUserPreferredPresence', shouty)).status).toBe(200);
      expect(await read()).toMatchObject(pair);
    }
  });

  it('rejects pairs outside the six with 400 invalidRequest', async () => {
    for (const pair of [
      { availability: 'Busy', activity: 'InACall' },
      { availability: 'Available', activity: 'Busy' },
      { availability: 'Offline', activity: 'Offline' },
      { availability: 'AvailableIdle', activity: 'Available' },
      { availability: 'DoNotDisturb', activity: 'Presenting' },
      { availability: 'Nope', activity: 'Nope' },
    ]) {
      const res = await post('setUserPreferredPresence', pair);
      expect(res.status, JSON.stringify(pair)).toBe(400);
      expect(res.json?.error?.code).toBe('invalidRequest');
      expect(res.json?.error?.message).toMatch(/not (allowed|a presence)/);
    }
  });

  it('shows Offline with no session, and shows itself once a session exists', async () => {
    expect((await post('setUserPreferredPresence', { availability: 'Busy', activity: 'Busy' })).status).toBe(200);
    expect(await read()).toMatchObject({ availability: 'Offline', activity: 'Offline' });
    await teamsSession();
    expect(await read()).toMatchObject({ availability: 'Busy', activity: 'Busy' });
    await control.removeSession(user.id, 'teams-desktop');
    expect(await read()).toMatchObject({ availability: 'Offline', activity: 'Offline' });
  });

  it('overrides every session', async () => {
    await teamsSession('DoNotDisturb', 'Presenting');
    await post('setUserPreferredPresence', { availability: 'Away', activity: 'Away' });
    expect(await read()).toMatchObject({ availability: 'Away', activity: 'Away' });
    await post('clearUserPreferredPresence', {});
    expect(await read()).toMatchObject({ availability: 'DoNotDisturb', activity: 'Presenting' });
  });

  it.each([
    ['Busy', 'Busy', DAY],
    ['DoNotDisturb', 'DoNotDisturb', DAY],
    ['Available', 'Available', 7 * DAY],
    ['BeRightBack', 'BeRightBack', 7 * DAY],
    ['Away', 'Away', 7 * DAY],
    ['Offline', 'OffWork', 7 * DAY],
  ])('%s/%s lasts %i ms by default', async (availability, activity, lifetime) => {
    await teamsSession('Busy', 'InACall');
    await post('setUserPreferredPresence', { availability, activity });
    await clock.advance(lifetime - 1000);
    expect(await read()).toMatchObject({ availability, activity });
    await clock.advance(1000);
    expect(await read()).toMatchObject({ availability: 'Busy', activity: 'InACall' });
  });

  it('honours an explicit expirationDuration, also when the control API moves the clock', async () => {
    await teamsSession();
    await post('setUserPreferredPresence', { availability: 'DoNotDisturb', activity: 'DoNotDisturb', expirationDuration: 'PT30M' });
    await control.advanceClock('PT29M');
    expect((await read()).availability).toBe('DoNotDisturb');
    await clock.advance(MIN);
    expect((await read()).availability).toBe('Available');
  });

  it('treats expirationDuration null as absent (generated SDKs send nulls)', async () => {
    await teamsSession('Available', 'Available');
    expect((await post('setUserPreferredPresence', { availability: 'Busy', activity: 'Busy', expirationDuration: null })).status).toBe(200);
    await clock.advance(DAY - 1000);
    expect((await read()).availability).toBe('Busy');
    await clock.advance(1000);
    expect((await read()).availability).toBe('Available');
  });

  it('refuses a bad expirationDuration with a useful message', async () => {
    for (const expirationDuration of ['soon', 'PT0S', '-PT1H', 'P1M', 'PT1.5H', 42]) {
      const res = await post('setUserPreferredPresence', { availability: 'Busy', activity: 'Busy', expirationDuration });
      expect(res.status, String(expirationDuration)).toBe(400);
      expect(res.json?.error?.message).toMatch(/expirationDuration/);
    }
  });

  it('works the same under /users/{id} and /users/{userPrincipalName}', async () => {
    await teamsSession();
    expect((await post('setUserPreferredPresence', { availability: 'Busy', activity: 'Busy' }, user.id)).status).toBe(200);
    expect((await read()).availability).toBe('Busy');
    expect((await post('clearUserPreferredPresence', {}, 'ADA@contoso.com')).status).toBe(200);
    expect((await read()).availability).toBe('Available');
  });
});

describe('app sessions (setPresence)', () => {
  it('accepts every allowed pair and rejects others', async () => {
    for (const pair of SESSION_PAIRS) {
      expect((await post('setPresence', { sessionId: CLIENT_ID, ...pair })).status, JSON.stringify(pair)).toBe(200);
      expect(await read()).toMatchObject(pair);
    }
    for (const pair of [
      { availability: 'Busy', activity: 'Busy' },
      { availability: 'DoNotDisturb', activity: 'DoNotDisturb' },
      { availability: 'BeRightBack', activity: 'BeRightBack' },
      { availability: 'Offline', activity: 'OffWork' },
      { availability: 'Available', activity: 'InAMeeting' },
    ]) {
      const res = await post('setPresence', { sessionId: CLIENT_ID, ...pair });
      expect(res.status, JSON.stringify(pair)).toBe(400);
      expect(res.json?.error?.code).toBe('invalidRequest');
    }
  });

  it('expires after 5 minutes by default, and a keep-alive extends it', async () => {
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Busy', activity: 'InACall' });
    await clock.advance(4 * MIN);
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Busy', activity: 'InACall' });
    await clock.advance(4 * MIN);
    expect((await read()).availability).toBe('Busy');
    await clock.advance(MIN);
    expect(await read()).toMatchObject({ availability: 'Offline', activity: 'Offline' });
  });

  it('takes expirationDuration between PT5M and PT4H only', async () => {
    for (const ok of ['PT5M', 'PT1H', 'PT4H']) {
      expect((await post('setPresence', { sessionId: CLIENT_ID, availability: 'Away', activity: 'Away', expirationDuration: ok })).status).toBe(200);
    }
    for (const bad of ['PT4M', 'PT4H1M', 'P1D', 'later']) {
      const res = await post('setPresence', { sessionId: CLIENT_ID, availability: 'Away', activity: 'Away', expirationDuration: bad });
      expect(res.status, bad).toBe(400);
      expect(res.json?.error?.message).toMatch(/expirationDuration/);
    }
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Away', activity: 'Away', expirationDuration: 'PT4H' });
    await clock.advance(4 * HOUR - 1000);
    expect((await read()).availability).toBe('Away');
    await clock.advance(1000);
    expect((await read()).availability).toBe('Offline');
  });

  it('decays an unrefreshed Available session: idle after 5 minutes, Away after 10', async () => {
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Available', activity: 'Available', expirationDuration: 'PT1H' });
    await clock.advance(5 * MIN - 1000);
    expect((await read()).availability).toBe('Available');
    await clock.advance(1000);
    expect(await read()).toMatchObject({ availability: 'AvailableIdle', activity: 'Inactive' });
    await clock.advance(5 * MIN);
    expect(await read()).toMatchObject({ availability: 'Away', activity: 'Away' });
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Available', activity: 'Available', expirationDuration: 'PT1H' });
    expect((await read()).availability).toBe('Available');
  });

  it('keeps a preference visible while the app session lives (the opt-in app session)', async () => {
    await post('setUserPreferredPresence', { availability: 'DoNotDisturb', activity: 'DoNotDisturb' });
    expect((await read()).availability).toBe('Offline');
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Available', activity: 'Available' });
    expect((await read()).availability).toBe('DoNotDisturb');
    expect((await post('clearPresence', { sessionId: CLIENT_ID })).status).toBe(200);
    expect((await read()).availability).toBe('Offline');
  });

  it('clearPresence answers 404 when no such session exists (never set, cleared, or expired)', async () => {
    expect((await post('clearPresence', { sessionId: CLIENT_ID })).status).toBe(404);
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Away', activity: 'Away' });
    expect((await post('clearPresence', { sessionId: CLIENT_ID })).status).toBe(200);
    const again = await post('clearPresence', { sessionId: CLIENT_ID });
    expect(again.status).toBe(404);
    expect(again.json?.error?.code).toBe('ResourceNotFound');
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Away', activity: 'Away' });
    await clock.advance(5 * MIN);
    expect((await post('clearPresence', { sessionId: CLIENT_ID })).status).toBe(404);
  });

  it('requires sessionId, and it must be the calling app', async () => {
    const missing = await post('setPresence', { availability: 'Away', activity: 'Away' });
    expect(missing.status).toBe(400);
    expect(missing.json?.error?.message).toMatch(/sessionId is required/);
    expect((await post('clearPresence', {})).status).toBe(400);
    const other = await post('setPresence', { sessionId: 'someone-else', availability: 'Away', activity: 'Away' });
    expect(other.status).toBe(400);
    expect(other.json?.error?.message).toContain(CLIENT_ID);
  });
});

describe('several sessions', () => {
  it('combine by DoNotDisturb > Busy > Available > Away', async () => {
    await teamsSession('Away', 'Away', 'phone');
    expect((await read()).availability).toBe('Away');
    await teamsSession('Available', 'Available', 'web');
    expect((await read()).availability).toBe('Available');
    await post('setPresence', { sessionId: CLIENT_ID, availability: 'Busy', activity: 'InAConferenceCall', expirationDuration: 'PT1H' });
    expect(await read()).toMatchObject({ availability: 'Busy', activity: 'InAConferenceCall' });
    await teamsSession('DoNotDisturb', 'Presenting', 'desktop');
    expect(await read()).toMatchObject({ availability: 'DoNotDisturb', activity: 'Presenting' });
    await control.removeSession(user.id, 'desktop');
    expect((await read()).availability).toBe('Busy');
  });

  it('a Teams session with an expirationDuration ends then', async () => {
    await control.addSession({ userId: user.id, sessionId: 'desktop', availability: 'Busy', activity: 'InAMeeting', expirationDuration: 'PT1H' });
    expect(await read()).toMatchObject({ availability: 'Busy', activity: 'InAMeeting' });
    await clock.advance(HOUR);
    expect((await read()).availability).toBe('Offline');
  });
});

describe('status message', () => {
  it('shows, expires at its dateTime in its zone, and clears with empty content', async () => {
    await teamsSession();
    // 09:00 in Berlin on 2026-11-23 is 08:00Z (earlier tests moved the clock on, so set it).
    expect(await control.setClock('2026-11-23T08:00:00Z')).toBe('2026-11-23T08:00:00.000Z');
    const res = await post('setStatusMessage', {
      statusMessage: { message: { content: 'At lunch', contentType: 'text' }, expiryDateTime: { dateTime: '2026-11-23T09:30:00.0000000', timeZone: 'W. Europe Standard Time' } },
    });
    expect(res.status).toBe(200);
    const shown = await read();
    expect(shown.statusMessage?.message.content).toBe('At lunch');
    await clock.advance(29 * MIN);
    expect((await read()).statusMessage).not.toBeNull();
    await clock.advance(MIN);
    expect((await read()).statusMessage).toBeNull();

    await post('setStatusMessage', { statusMessage: { message: { content: 'Heads down', contentType: 'text' } } });
    await clock.advance(30 * DAY);
    expect((await read()).statusMessage?.message.content).toBe('Heads down');
    await post('setStatusMessage', { statusMessage: { message: { content: '', contentType: 'text' } } });
    expect((await read()).statusMessage).toBeNull();
  });

  it('refuses html, unknown zones and garbage dates', async () => {
    for (const statusMessage of [
      { message: { content: '<b>x</b>', contentType: 'html' } },
      { message: { content: 'x' }, expiryDateTime: { dateTime: '2026-11-23T17:00:00', timeZone: 'Mars/Olympus' } },
      { message: { content: 'x' }, expiryDateTime: { dateTime: 'tomorrow', timeZone: 'UTC' } },
      { message: 'x' },
    ]) {
      const res = await post('setStatusMessage', { statusMessage });
      expect(res.status, JSON.stringify(statusMessage)).toBe(400);
      expect(res.json?.error?.message.length).toBeGreaterThan(10);
    }
    expect((await post('setStatusMessage', {})).status).toBe(400);
  });
});

describe('sequenceNumber', () => {
  it('grows on each visible change and stays put otherwise, sorting as a string', async () => {
    const first = (await read()).sequenceNumber;
    expect((await read()).sequenceNumber).toBe(first);
    await post('setUserPreferredPresence', { availability: 'Busy', activity: 'Busy' }); // no session: still Offline
    expect((await read()).sequenceNumber).toBe(first);
    await teamsSession();
    const second = (await read()).sequenceNumber;
    expect(second > first).toBe(true);
    // A change undone before anyone reads still counts (two changes).
    await post('clearUserPreferredPresence', {});
    await post('setUserPreferredPresence', { availability: 'Busy', activity: 'Busy' });
    const third = (await read()).sequenceNumber;
    expect(third > second).toBe(true);
    await clock.advance(DAY); // the preference expires: a visible change
    const fourth = await read();
    expect(fourth.availability).toBe('Available');
    expect(fourth.sequenceNumber > third).toBe(true);
  });
});
