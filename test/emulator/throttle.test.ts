/**
 * The emulator's throttling (issue 15 defect 6) and its other Graph-like pacing: a client that waits exactly
 * the `Retry-After` it was given is accepted; refused requests do not use up the budget; the limit is per
 * application per tenant with a configurable window and limit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import type { EmulatorUser } from './client.ts';
import { EmulatorControl, EmulatorControlError } from './client.ts';
import type { RunningEmulator } from './server.ts';
import { startEmulator } from './server.ts';

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
  token = (await control.mintToken({ userId: user.id, scopes: ['Presence.ReadWrite'] })).access_token;
});

async function read(bearer = token): Promise<{ status: number; retryAfter: number | null }> {
  const res = await fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${bearer}` } });
  await res.arrayBuffer();
  const ra = res.headers.get('retry-after');
  return { status: res.status, retryAfter: ra === null ? null : Number(ra) };
}

describe('throttling', () => {
  it('a client that waits exactly Retry-After is accepted, every time, however often it is refused', async () => {
    await control.settings({ graphRequestLimit: 3, graphRequestWindowSeconds: 30 });
    for (let i = 0; i < 3; i++) {
      expect((await read()).status).toBe(200);
      await clock.advance(1000);
    }
    // A well-behaved client: on 429 it waits Retry-After, then tries again; otherwise it sends at once.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const got = await read();
      statuses.push(got.status);
      if (got.status === 429) {
        expect(got.retryAfter).toBeGreaterThanOrEqual(1);
        await clock.advance((got.retryAfter ?? 0) * 1000);
        const retried = await read();
        statuses.push(retried.status);
        expect(retried.status).toBe(200); // the wait announced was enough
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(20);
  });

  it('refused requests do not count: a hammering client gets in as soon as the window frees', async () => {
    await control.settings({ graphRequestLimit: 2, graphRequestWindowSeconds: 10 });
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    for (let i = 0; i < 9; i++) {
      await clock.advance(1000);
      expect((await read()).status).toBe(429);
    }
    await clock.advance(1000); // 10 s after the first two: both slots free again
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(200);
    expect((await read()).status).toBe(429);
  });

  it('is per application per tenant; limit 0 turns it off; nonsense settings are refused', async () => {
    await control.settings({ graphRequestLimit: 1, graphRequestWindowSeconds: 30 });
    expect((await read()).status).toBe(200);
    expect(await read()).toEqual({ status: 429, retryAfter: 30 });
    const otherApp = (await control.mintToken({ userId: user.id, scopes: ['Presence.ReadWrite'], clientId: 'another-app' })).access_token;
    expect((await read(otherApp)).status).toBe(200);
    const otherTenant = await control.createUser({ displayName: 'Bo', userPrincipalName: 'bo@fabrikam.com', tenantId: '0e3b1f7a-0000-4000-8000-000000000001' });
    const bo = (await control.mintToken({ userId: otherTenant.id, scopes: ['Presence.ReadWrite'] })).access_token;
    expect((await read(bo)).status).toBe(200);
    await control.settings({ graphRequestLimit: 0 });
    expect((await read()).status).toBe(200);
    await expect(control.settings({ graphRequestWindowSeconds: 0 })).rejects.toBeInstanceOf(EmulatorControlError);
    await expect(control.settings({ graphRequestLimit: -1 })).rejects.toBeInstanceOf(EmulatorControlError);
  });
});

describe('propagation delay', () => {
  const write = (body: Record<string, unknown>, action = 'setUserPreferredPresence') =>
    fetch(`${emulator.url}/v1.0/me/presence/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.status);
  const shown = async () => {
    const res = await fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${token}` } });
    return ((await res.json()) as { availability: string }).availability;
  };

  it('reads return the presence from before a write for propagationDelayMs, then the new one; GET state shows the truth', async () => {
    await control.addSession({ userId: user.id, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
    expect((await control.settings({ propagationDelayMs: 5000 })).propagationDelayMs).toBe(5000);
    expect(await write({ availability: 'Busy', activity: 'Busy' })).toBe(200);
    expect(await shown()).toBe('Available');
    expect((await control.presence(user.id)).availability).toBe('Busy');
    await clock.advance(4999);
    expect(await shown()).toBe('Available');
    // A second write inside the window: reads still show what they showed, for the new write's full delay.
    expect(await write({ availability: 'DoNotDisturb', activity: 'DoNotDisturb' })).toBe(200);
    await clock.advance(4999);
    expect(await shown()).toBe('Available');
    await clock.advance(1);
    expect(await shown()).toBe('DoNotDisturb');
  });

  it('is off by default and after reset; refuses a negative delay', async () => {
    await control.addSession({ userId: user.id, sessionId: 'teams-desktop', availability: 'Available', activity: 'Available' });
    expect(await write({ availability: 'Busy', activity: 'Busy' })).toBe(200);
    expect(await shown()).toBe('Busy');
    await expect(control.settings({ propagationDelayMs: -1 })).rejects.toBeInstanceOf(EmulatorControlError);
  });
});

describe('captive portal fault', () => {
  it('answers 200 text/html without request-id, and refuses portal with a status', async () => {
    await control.fault({ portal: true });
    const res = await fetch(`${emulator.url}/v1.0/me/presence`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('request-id')).toBeNull();
    expect(await res.text()).toMatch(/<html/);
    expect((await read()).status).toBe(200);
    await expect(control.fault({ portal: true, status: 200 })).rejects.toThrow(/portal answers 200/);
  });
});
