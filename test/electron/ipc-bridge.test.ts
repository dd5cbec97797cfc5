// The one IPC wrapper: every channel registered, only the settings window's top frame on the app's page is
// served, anything else gets the typed refusal before the handler sees the payload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_PREFIX, CHANNELS, STATE_EVENT } from '../../app/ipc/contract.ts';
import { registerIpcHandlers, sendState } from '../../app/electron/ipc-bridge.ts';
import { APP_ORIGIN, SETTINGS_URL } from '../../app/electron/renderer-files.ts';
import { checkSender } from '../../app/electron/sender.ts';
import { startHarness, type Harness } from '../ipc/harness.ts';
import { fakeIpcMain, fakeWebContents } from './stand-in.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const WINDOW_ID = 7;

describe('registerIpcHandlers', () => {
  it('registers every channel of the contract, and removes them all again', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpcHandlers(ipc, h.handlers, () => ({ webContentsId: WINDOW_ID, origin: APP_ORIGIN }));
    expect([...ipc.handlers.keys()].sort()).toEqual(CHANNELS.map((c) => `${CHANNEL_PREFIX}${c}`).sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('serves the settings window and refuses every other sender, without running the handler', async () => {
    const ipc = fakeIpcMain();
    const refused: string[] = [];
    let windowId: number | null = WINDOW_ID;
    registerIpcHandlers(ipc, h.handlers, () => ({ webContentsId: windowId, origin: APP_ORIGIN }), (channel) => refused.push(channel));
    const channel = `${CHANNEL_PREFIX}setPresence`;
    await h.control.clearRequests();

    const good = await ipc.invoke(channel, { id: WINDOW_ID, url: SETTINGS_URL }, { presence: 'Away' });
    expect(good).toEqual({ ok: true, value: { outcome: 'applied' } });

    const strangers = [
      { id: 99, url: SETTINGS_URL }, // another webContents
      { id: WINDOW_ID, url: SETTINGS_URL, topFrame: false }, // a subframe of our window
      { id: WINDOW_ID, url: 'https://evil.example/' }, // our window, navigated away
      { id: WINDOW_ID, url: 'file:///tmp/index.html' },
      { id: WINDOW_ID, url: 'app://other-host/index.html' },
      { id: WINDOW_ID, url: null }, // frame gone
    ];
    for (const sender of strangers) {
      expect(await ipc.invoke(channel, sender, { presence: 'Busy' }), JSON.stringify(sender)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    }
    windowId = null; // window closed: nobody is trusted
    expect(await ipc.invoke(channel, { id: WINDOW_ID, url: SETTINGS_URL }, { presence: 'Busy' })).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(refused).toHaveLength(strangers.length + 1);
    const writes = (await h.control.requests({ kind: 'graph' })).filter((r) => r.method === 'POST');
    expect(writes.map((w) => (w.body as { availability?: string }).availability)).toEqual(['Away']);
  });

  it('a bad payload from the trusted window still gets a typed error, never a throw', async () => {
    const ipc = fakeIpcMain();
    registerIpcHandlers(ipc, h.handlers, () => ({ webContentsId: WINDOW_ID, origin: APP_ORIGIN }));
    const reply = await ipc.invoke(`${CHANNEL_PREFIX}setPresence`, { id: WINDOW_ID, url: SETTINGS_URL }, { presence: 42 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-payload', field: 'request.presence' } });
  });
});

describe('checkSender', () => {
  it('compares scheme and host of the frame URL, not a prefix of it', () => {
    const trusted = { webContentsId: 1, origin: APP_ORIGIN };
    expect(checkSender({ webContentsId: 1, topFrame: true, url: `${APP_ORIGIN}/index.html#first-run` }, trusted)).toBeNull();
    expect(checkSender({ webContentsId: 1, topFrame: true, url: `${APP_ORIGIN}.evil.example/index.html` }, trusted)).not.toBeNull();
    expect(checkSender({ webContentsId: 1, topFrame: true, url: 'not a url' }, trusted)).not.toBeNull();
  });
});

describe('sendState', () => {
  it('pushes the state on the state channel, and not to a destroyed window', () => {
    const contents = fakeWebContents(1);
    const state = h.core.controller.state();
    sendState(contents, state);
    expect(contents.sent).toEqual([{ channel: `${CHANNEL_PREFIX}${STATE_EVENT}`, args: [state] }]);
    contents.destroyed = true;
    sendState(contents, state);
    sendState(null, state);
    expect(contents.sent).toHaveLength(1);
  });
});
