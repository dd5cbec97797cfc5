// What the IPC door lets in (issue 15, defects 7 and 8): every value the checks accept can be saved by the
// store, and the holes the hostile-input probe found are closed: far `at` instants, sparse arrays, status text
// of zero-width characters only, look-alike device-login links, hotkey instants in the past, and huge fields
// echoed back inside error messages. Over a real core and the emulator (./harness.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../app/ipc/handlers.ts';
import { isAllowedLink } from '../../app/ipc/links.ts';
import { REQUEST_CHECKS } from '../../app/ipc/payloads.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

describe('IPC door: what is accepted can be stored (defect 7)', () => {
  it.each(['pt1h', ' PT1H ', 'PT1h', `PT${'0'.repeat(60)}1H`])('refuses the loose duration %j the store would refuse', (duration) => {
    expect(REQUEST_CHECKS.setPresence({ presence: 'Busy', until: { kind: 'duration', iso: duration } })).not.toEqual([]);
  });

  it('refuses an `at` instant in year 9999 and any beyond the 31-day cap', () => {
    expect(REQUEST_CHECKS.setPresence({ presence: 'Busy', until: { kind: 'at', instant: '9999-12-31T23:00:00-14:00' } }, Date.now())).not.toEqual([]);
    expect(REQUEST_CHECKS.setPresence({ presence: 'Busy', until: { kind: 'at', instant: iso(Date.now() + 32 * DAY) } }, Date.now())).not.toEqual([]);
    expect(REQUEST_CHECKS.setPresence({ presence: 'Busy', until: { kind: 'at', instant: iso(Date.now() + 2 * 3_600_000) } }, Date.now())).toEqual([]);
  });
});

describe('IPC door: a valid end time gets through', () => {
  it('a presence until a time two hours ahead is accepted, sent to Graph and held until then', async () => {
    const instant = iso(h.core.clock.now() + 2 * 3_600_000);
    const reply = await dispatch(h.handlers, 'setPresence', { presence: 'Away', until: { kind: 'at', instant } });
    expect(reply).toEqual({ ok: true, value: { outcome: 'applied' } });
    const state = await h.handlers.getState(undefined);
    expect(state.ok && state.value.intent).toMatchObject({ presence: 'Away', until: { kind: 'at', instant } });
    const writes = (await h.control.requests({ kind: 'graph' })).filter((r) => r.method === 'POST');
    expect(writes.at(-1)?.body).toMatchObject({ availability: 'Away', expirationDuration: expect.stringMatching(/^PT(2H|1H59M\d+S)$/) });
  });
});

describe('IPC door: holes found by sampling (defect 8)', () => {
  it('refuses sparse arrays in presets, schedule days and the hotkey table with a typed error, not an internal one', async () => {
    const presets = ['Lunch', 'Gym'];
    delete presets[0];
    const presetReply = await dispatch(h.handlers, 'saveStatusPresets', { presets });
    expect(presetReply.ok).toBe(false);

    const days = ['mon', 'tue'];
    delete days[0];
    const rule = { id: 'r', name: 'R', days, start: '09:00', end: '10:00', presence: 'Busy' };
    const scheduleReply = await dispatch(h.handlers, 'saveSchedule', { schedule: { enabled: true, timeZone: 'UTC', rules: [rule], outside: 'clear' } });
    expect(scheduleReply.ok && (scheduleReply.value as { problems: unknown[] }).problems.length === 0).toBe(false);

    const table = structuredClone(h.settings.get().hotkeys);
    delete table[0];
    const hotkeyReply = await dispatch(h.handlers, 'saveHotkeys', { hotkeys: table });
    expect(hotkeyReply.ok).toBe(false);
    if (!hotkeyReply.ok) expect(hotkeyReply.error.code).not.toBe('internal');
  });

  it('refuses a status message made only of zero-width characters', async () => {
    const reply = await dispatch(h.handlers, 'setStatusMessage', { text: '\u200B\u200C\u200D\u2060\uFEFF' });
    expect(reply.ok).toBe(false);
  });

  it('compares the device-login link by origin and path exactly', () => {
    expect(isAllowedLink('https://microsoft.com/devicelogin')).toBe(true);
    expect(isAllowedLink('https://microsoft.com/deviceloginEVIL')).toBe(false);
    expect(isAllowedLink('https://microsoft.com/devicelogin.evil/x')).toBe(false);
    expect(isAllowedLink('https://www.microsoft.com/deviceloginX')).toBe(false);
  });

  it('refuses a hotkey whose `at` instant is already in the past', async () => {
    const table = structuredClone(h.settings.get().hotkeys);
    table[0] = { ...table[0]!, command: { action: 'set', presence: 'Busy', until: { kind: 'at', instant: iso(Date.now() - DAY) } } };
    const reply = await dispatch(h.handlers, 'saveHotkeys', { hotkeys: table });
    expect(reply.ok).toBe(false);
  });

  it('never echoes a huge field inside the error message', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const replies = await Promise.all([
      dispatch(h.handlers, 'setStatusMessage', { text: huge }),
      dispatch(h.handlers, 'setPresence', { presence: 'Busy', until: { kind: 'duration', iso: `P${huge}` } }),
      dispatch(h.handlers, 'saveConnection', { connection: { cloud: 'Global', tenant: huge, clientId: '' } }),
      dispatch(h.handlers, 'previewSchedule', { schedule: { enabled: true, timeZone: huge, rules: [], outside: 'clear' } }),
      dispatch(h.handlers, 'saveStatusPresets', { presets: [huge] }),
    ]);
    for (const reply of replies) {
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.message.length).toBeLessThan(400);
    }
  });
});
