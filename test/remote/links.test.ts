/**
 * presence-tray:// links: parsed strictly, refused with a reason, rate-limited, and when valid run through
 * the controller with `source: 'link'` against a real core over the emulator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLinkHandler, parseLink, type LinkResult } from '../../app/remote/links.ts';
import { systemTimeZone } from '../../app/time/zoned-time.ts';
import { startRunningHarness, type ControlHarness } from '../support/control-harness.ts';

describe('parseLink', () => {
  it.each([
    ['presence-tray://set?presence=busy&for=PT1H', { cmd: 'set', presence: 'busy', until: 'PT1H' }],
    ['presence-tray://set?presence=DoNotDisturb&until=15:00', { cmd: 'set', presence: 'DoNotDisturb', until: 'until 15:00' }],
    ['presence-tray://set?presence=away&for=eod', { cmd: 'set', presence: 'away', until: 'eod' }],
    ['presence-tray://reset', { cmd: 'reset' }],
    ['presence-tray://reset/', { cmd: 'reset' }],
    ['PRESENCE-TRAY://Reset', { cmd: 'reset' }],
    ['presence-tray://message?text=At%20lunch&for=PT1H', { cmd: 'message', text: 'At lunch', until: 'PT1H' }],
    ['presence-tray://clear-message', { cmd: 'clear-message' }],
    ['presence-tray://pause?for=PT2H', { cmd: 'pause', until: 'PT2H' }],
    ['presence-tray://resume', { cmd: 'resume' }],
  ])('accepts %s', (link, request) => {
    const parsed = parseLink(link);
    expect(parsed).toEqual({ ok: true, request: { v: 1, id: null, ...request } });
  });

  it.each([
    ['https://example.com/set?presence=busy', 'Only presence-tray:// links'],
    ['presence-tray://status', '"status" is not something a link can do'],
    ['presence-tray://watch', 'is not something a link can do'],
    ['presence-tray://signout', 'is not something a link can do'],
    ['presence-tray://set', 'need the parameter "presence"'],
    ['presence-tray://set?presence=', 'need the parameter "presence"'],
    ['presence-tray://set?presence=bussy', '"bussy" is not a presence'],
    ['presence-tray://set?presence=busy&presence=away', 'given twice'],
    ['presence-tray://set?presence=busy&token=x', 'take no parameter "token"'],
    ['presence-tray://set?presence=busy&for=P1M', 'months'],
    ['presence-tray://set?presence=busy&for=15:00', 'use "until" for a clock time'],
    ['presence-tray://set?presence=busy&until=PT1H', 'use "for" for a length of time'],
    ['presence-tray://set?presence=busy&for=PT1H&until=15:00', 'not both'],
    ['presence-tray://reset?x=1', 'take no parameter "x"'],
    ['presence-tray://set/extra?presence=busy', 'nothing after'],
    ['presence-tray://set?presence=busy#frag', 'no user, password, port or #fragment'],
    ['presence-tray://user:pw@set?presence=busy', 'no user, password, port or #fragment'],
    ['presence-tray://set:8080?presence=busy', 'no user, password, port or #fragment'],
    ['presence-tray://message', 'need the parameter "text"'],
    [`presence-tray://message?text=${'a'.repeat(3000)}`, 'at most 2048'],
    ['not a url', 'not a link Presence Tray can read'],
  ])('refuses %s', (link, reason) => {
    const parsed = parseLink(link);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('invalid-link');
      expect(parsed.error.message).toContain(reason);
    }
  });
});

describe('the link handler over a real core', () => {
  let h: ControlHarness;
  beforeAll(async () => {
    h = await startRunningHarness();
  });
  afterAll(async () => h.close());
  beforeEach(async () => {
    await h.control.clearRequests();
  });

  function handler(): (link: string, origin: string) => Promise<LinkResult> {
    const context = { controller: h.core.controller, source: 'link' as const, clock: h.clock, timeZone: systemTimeZone, version: '1' };
    return createLinkHandler({ context, clock: h.clock, rate: { count: 3, windowMs: 60_000 } });
  }

  it('a valid link reaches Graph as the tray would, set from a link', async () => {
    const handle = handler();
    const result = await handle('presence-tray://set?presence=busy&for=PT1H', 'open-url');
    expect(result).toMatchObject({ ok: true, notify: false });
    expect((await h.writes()).map((w) => [w.action, w.body.availability, w.body.expirationDuration])).toEqual([['setUserPreferredPresence', 'Busy', 'PT1H']]);
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'Busy', source: 'link' });
    expect(h.core.controller.state().summary).toContain('set from a link');
    const message = await handle('presence-tray://message?text=At%20lunch&for=PT1H', 'open-url');
    expect(message.ok).toBe(true);
    expect(h.core.controller.state().statusMessage).toMatchObject({ text: 'At lunch', source: 'link' });
  });

  it('a malformed link changes nothing and asks to tell the person why', async () => {
    const before = JSON.stringify(h.core.controller.state());
    const result = await handler()('presence-tray://set?presence=bussy', 'second-instance');
    expect(result).toMatchObject({ ok: false, notify: true, error: { code: 'invalid-link', message: '"bussy" is not a presence.' } });
    expect(await h.writes()).toEqual([]);
    expect(JSON.stringify(h.core.controller.state())).toBe(before);
  });

  it('past the rate, links are refused (malformed ones count too), told once, and accepted again after the window', async () => {
    const handle = handler();
    expect((await handle('presence-tray://nonsense', 'open-url')).ok).toBe(false);
    expect((await handle('presence-tray://set?presence=away', 'open-url')).ok).toBe(true);
    expect((await handle('presence-tray://set?presence=busy', 'open-url')).ok).toBe(true);
    await h.control.clearRequests();
    const fourth = await handle('presence-tray://set?presence=available', 'open-url');
    expect(fourth).toMatchObject({ ok: false, notify: true, error: { code: 'rate-limited' } });
    const fifth = await handle('presence-tray://set?presence=available', 'open-url');
    expect(fifth).toMatchObject({ ok: false, notify: false, error: { code: 'rate-limited' } });
    expect(await h.writes()).toEqual([]);
    expect(h.core.controller.state().intent?.presence).toBe('Busy');
    await h.advance(60_000);
    const later = await handle('presence-tray://set?presence=available', 'open-url');
    expect(later.ok).toBe(true);
    expect(h.core.controller.state().intent?.presence).toBe('Available');
  });
});
