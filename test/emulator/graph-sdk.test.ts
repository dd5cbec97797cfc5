/**
 * An independent client — Microsoft's own `@microsoft/microsoft-graph-client` — performing every presence
 * write and read against the emulator, so the emulator is checked against how the official SDK speaks Graph
 * (URLs, JSON bodies, empty 200 answers, the error envelope, Retry-After handling).
 *
 * The SDK adds the Authorization header only for https Graph hosts, so a one-line middleware adds the bearer
 * token ahead of the SDK's own RetryHandler and HTTPMessageHandler.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { Client, GraphError, HTTPMessageHandler, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import type { EmulatorUser } from './client.ts';
import { EmulatorControl } from './client.ts';
import type { RunningEmulator } from './server.ts';
import { startEmulator } from './server.ts';

const CLIENT_ID = 'c0c0c0c0-1111-4222-8333-444444444444';

let emulator: RunningEmulator;
let control: EmulatorControl;
let user: EmulatorUser;
let client: Client;
const clock = new ManualClock('2026-11-23T08:00:00Z');

/** Adds `Authorization: Bearer <token>` (the SDK's AuthenticationHandler skips non-https hosts). */
class BearerMiddleware implements Middleware {
  private next: Middleware | undefined;
  private readonly token: () => string;
  constructor(token: () => string) {
    this.token = token;
  }
  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const headers = new Headers(options.headers as ConstructorParameters<typeof Headers>[0]);
    headers.set('Authorization', `Bearer ${this.token()}`);
    options.headers = Object.fromEntries(headers);
    await this.next?.execute(context);
  }
  setNext(next: Middleware): void {
    this.next = next;
  }
}

let token = '';

beforeAll(async () => {
  emulator = await startEmulator({ clock });
  control = new EmulatorControl(emulator.url);
  const bearer = new BearerMiddleware(() => token);
  const retry = new RetryHandler(new RetryHandlerOptions(1, 2));
  bearer.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  client = Client.initWithMiddleware({ middleware: bearer, baseUrl: `${emulator.url}/`, defaultVersion: 'v1.0' });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await control.reset();
  user = await control.createUser({ displayName: 'Ada Lovelace', userPrincipalName: 'ada@contoso.com' });
  token = (await control.mintToken({ userId: user.id, scopes: ['https://graph.microsoft.com/Presence.ReadWrite'], clientId: CLIENT_ID })).access_token;
});

interface Presence {
  id: string;
  availability: string;
  activity: string;
  sequenceNumber: string;
  statusMessage: { message: { content: string } } | null;
}

describe('the official Graph SDK against the emulator', () => {
  it('performs every write and read under /me', async () => {
    let presence: Presence = await client.api('/me/presence').get();
    expect(presence).toMatchObject({ id: user.id, availability: 'Offline', activity: 'Offline' });

    await client.api('/me/presence/setPresence').post({ sessionId: CLIENT_ID, availability: 'Available', activity: 'Available', expirationDuration: 'PT1H' });
    presence = await client.api('/me/presence').get();
    expect(presence.availability).toBe('Available');

    await client.api('/me/presence/setUserPreferredPresence').post({ availability: 'DoNotDisturb', activity: 'DoNotDisturb', expirationDuration: 'PT8H' });
    presence = await client.api('/me/presence').get();
    expect(presence).toMatchObject({ availability: 'DoNotDisturb', activity: 'DoNotDisturb' });

    await client.api('/me/presence/setStatusMessage').post({
      statusMessage: { message: { content: 'Deep work', contentType: 'text' }, expiryDateTime: { dateTime: '2026-11-23T17:00:00.0000000', timeZone: 'Pacific Standard Time' } },
    });
    presence = await client.api('/me/presence').get();
    expect(presence.statusMessage?.message.content).toBe('Deep work');

    await client.api('/me/presence/clearUserPreferredPresence').post({});
    presence = await client.api('/me/presence').get();
    expect(presence.availability).toBe('Available');

    await client.api('/me/presence/clearPresence').post({ sessionId: CLIENT_ID });
    presence = await client.api('/me/presence').get();
    expect(presence.availability).toBe('Offline');

    const log = await control.requests();
    expect(log.map((r) => `${r.method} ${r.path.replace('/v1.0/me/presence', '')}`)).toEqual([
      'GET ',
      'POST /setPresence',
      'GET ',
      'POST /setUserPreferredPresence',
      'GET ',
      'POST /setStatusMessage',
      'GET ',
      'POST /clearUserPreferredPresence',
      'GET ',
      'POST /clearPresence',
      'GET ',
    ]);
    expect(log.every((r) => r.status === 200)).toBe(true);
    expect(log[1]?.headers['content-type']).toMatch(/application\/json/);
  });

  it('performs writes and reads under /users/{id}', async () => {
    await control.addSession({ userId: user.id, sessionId: 'teams', availability: 'Available', activity: 'Available' });
    await client.api(`/users/${user.id}/presence/setUserPreferredPresence`).post({ availability: 'Busy', activity: 'Busy' });
    const presence: Presence = await client.api(`/users/${user.id}/presence`).get();
    expect(presence).toMatchObject({ availability: 'Busy', activity: 'Busy' });
    await client.api(`/users/${user.id}/presence/clearUserPreferredPresence`).post({});
    expect(((await client.api(`/users/${user.id}/presence`).get()) as Presence).availability).toBe('Available');
  });

  it('surfaces the emulator errors as GraphError with status, code and request id', async () => {
    const bad = await client
      .api('/me/presence/setUserPreferredPresence')
      .header('client-request-id', 'sdk-1')
      .post({ availability: 'Busy', activity: 'Presenting' })
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(GraphError);
    expect(bad).toMatchObject({ statusCode: 400, code: 'invalidRequest' });
    expect((bad as GraphError).requestId).toMatch(/[0-9a-f-]{36}/);
    expect((bad as GraphError).message).toMatch(/not allowed/);

    const gone = await client.api('/me/presence/clearPresence').post({ sessionId: CLIENT_ID }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ statusCode: 404 });

    const patch = await client.api(`/users/${user.id}/presence`).patch({ availability: 'Busy' }).catch((e: unknown) => e);
    expect(patch).toMatchObject({ statusCode: 405 });
  });

  it('lets the SDK retry a 429 after Retry-After', async () => {
    await control.fault({ status: 429, retryAfterSeconds: 1, count: 1 });
    const started = performance.now();
    const presence: Presence = await client.api('/me/presence').get();
    expect(presence.id).toBe(user.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    const log = await control.requests();
    expect(log.map((r) => r.status)).toEqual([429, 200]);
  });
});
