/**
 * app/electron/links.ts against the typed Electron stand-in: registration for the scheme, links from
 * `open-url`, from a second instance and from the first launch's own arguments, kept until the core runs,
 * then handled by the real link handler over a real core; a refused link becomes a notification, and a
 * second launch that only carried a link leaves the settings window closed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { App } from 'electron';
import { takeSingleInstance } from '../../app/electron/lifecycle.ts';
import { wireLinks } from '../../app/electron/links.ts';
import { createLinkHandler } from '../../app/remote/links.ts';
import { fakeApp, fakeEvent } from '../electron/stand-in.ts';
import { startRunningHarness, type ControlHarness } from '../support/control-harness.ts';

function appWithProtocols() {
  const base = fakeApp();
  const registered: Array<{ scheme: string; path?: string; args?: string[] }> = [];
  const app = {
    ...base,
    registered,
    setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]) {
      registered.push({ scheme, ...(path ? { path } : {}), ...(args ? { args } : {}) });
      return true;
    },
  };
  return app satisfies Pick<App, 'on' | 'setAsDefaultProtocolClient' | 'requestSingleInstanceLock'>;
}

describe('links through Electron', () => {
  let h: ControlHarness;
  beforeAll(async () => {
    h = await startRunningHarness();
  });
  afterAll(async () => h.close());
  beforeEach(async () => h.control.clearRequests());

  const handler = () =>
    createLinkHandler({ context: { controller: h.core.controller, source: 'link', clock: h.clock, timeZone: () => 'UTC', version: '1' }, clock: h.clock });
  const installed = { platform: 'win32' as const, defaultApp: false, execPath: 'C:\\Presence Tray.exe', appArg: null };

  it('registers the scheme: installed with the executable alone, in a checkout with the app folder', () => {
    const packaged = appWithProtocols();
    wireLinks(packaged, { ...installed, argv: ['exe'] });
    expect(packaged.registered).toEqual([{ scheme: 'presence-tray' }]);
    const checkout = appWithProtocols();
    wireLinks(checkout, { platform: 'linux', argv: ['electron', '/src/app'], defaultApp: true, execPath: '/bin/electron', appArg: '/src/app' });
    expect(checkout.registered).toEqual([{ scheme: 'presence-tray', path: '/bin/electron', args: ['/src/app'] }]);
  });

  it('keeps the launch link and an early open-url until the core runs, then handles both in order', async () => {
    const app = appWithProtocols();
    const links = wireLinks(app, { ...installed, argv: ['exe', '--flag', 'presence-tray://set?presence=away&for=PT30M'] });
    const early = fakeEvent();
    app.emit('open-url', early, 'presence-tray://set?presence=busy&for=PT1H');
    expect(early.defaultPrevented).toBe(true);
    expect(await h.writes()).toEqual([]);
    const notes: string[] = [];
    const handle = handler();
    const seen: string[] = [];
    links.ready(async (link, origin) => {
      seen.push(origin);
      return handle(link, origin);
    }, (text) => notes.push(text.body));
    await h.quiet();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.quiet();
    expect(seen).toEqual(['launch', 'open-url']);
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'Busy', source: 'link' });
    expect(notes).toEqual([]);
  });

  it('a second launch with a link runs it and leaves settings closed; one without opens settings', async () => {
    const app = appWithProtocols();
    const links = wireLinks(app, { ...installed, argv: ['exe'] });
    let settingsOpened = 0;
    expect(takeSingleInstance(app, () => links.tookSecondLaunch() || settingsOpened++)).toBe(true);
    const notes: string[] = [];
    links.ready(handler(), (text) => notes.push(text.body));
    app.emit('second-instance', fakeEvent(), ['exe', 'presence-tray://set?presence=dnd&for=PT1H'], '/', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    await h.quiet();
    expect(settingsOpened).toBe(0);
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'DoNotDisturb', source: 'link' });
    app.emit('second-instance', fakeEvent(), ['exe'], '/', {});
    expect(settingsOpened).toBe(1);
  });

  it('a malformed link shows a notification saying what was wrong, and changes nothing', async () => {
    const app = appWithProtocols();
    const links = wireLinks(app, { ...installed, argv: ['exe'] });
    const notes: Array<{ title: string; body: string }> = [];
    links.ready(handler(), (text) => notes.push(text));
    const before = h.core.controller.state().intent;
    app.emit('open-url', fakeEvent(), 'presence-tray://set?presence=busy&for=P1M');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.title).toBe('Presence Tray ignored a link');
    expect(notes[0]?.body).toContain('months');
    expect(h.core.controller.state().intent).toEqual(before);
    expect(await h.writes()).toEqual([]);
  });
});
