import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '../../app/ipc/contract.ts';
import { dispatch } from '../../app/ipc/handlers.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const writes = async () => (await h.control.requests({ kind: 'graph' })).filter((r) => r.method === 'POST');

describe('IPC handlers over a real core and the emulator', () => {
  it('setPresence from the window reaches Graph with the expiry that ends it', async () => {
    await h.control.clearRequests();
    const reply = await h.handlers.setPresence({ presence: 'Busy', until: { kind: 'duration', iso: 'PT1H' } });
    expect(reply).toEqual({ ok: true, value: { outcome: 'applied' } });
    const [write] = await writes();
    expect(write?.path).toMatch(/setUserPreferredPresence$/);
    expect(write?.body).toMatchObject({ availability: 'Busy', activity: 'Busy', expirationDuration: 'PT1H' });
    const state = await h.handlers.getState(undefined);
    expect(state.ok && state.value.intent).toMatchObject({ presence: 'Busy', source: 'window' });
  });

  it('status message, clear and reset go through the same controller', async () => {
    expect(await h.handlers.setStatusMessage({ text: '  Focusing  ' })).toMatchObject({ ok: true });
    const state = await h.handlers.getState(undefined);
    expect(state.ok && state.value.statusMessage?.text).toBe('Focusing');
    expect(await h.handlers.clearStatusMessage(undefined)).toMatchObject({ ok: true });
    expect(await h.handlers.clearPresence(undefined)).toMatchObject({ ok: true, value: { outcome: 'applied' } });
    expect((await writes()).some((w) => w.path.endsWith('clearUserPreferredPresence'))).toBe(true);
  });

  it('refuses bad payloads with a typed error that names the field, and sends nothing', async () => {
    await h.control.clearRequests();
    const cases: Array<[Channel, unknown, string]> = [
      ['setPresence', { presence: 'Sleeping' }, 'request.presence'],
      ['setPresence', { presence: 'Busy', until: { kind: 'duration', iso: 'PT-1H' } }, 'request.until.iso'],
      ['setPresence', { presence: 'Busy', until: { kind: 'duration', iso: 'P40D' } }, 'request.until.iso'],
      ['setPresence', { presence: 'Busy', until: { kind: 'at', instant: 'tomorrow' } }, 'request.until.instant'],
      ['setPresence', { presence: 'Busy', admin: true }, 'request.admin'],
      ['setPresence', 'Busy', 'request'],
      ['setStatusMessage', { text: '   ' }, 'request.text'],
      ['setStatusMessage', { text: 'x'.repeat(281) }, 'request.text'],
      ['getState', { sneaky: 1 }, 'request'],
      ['saveOptions', { options: { appSession: 'yes' } }, 'options.readIntervalSeconds'],
      ['saveConnection', { connection: { cloud: 'China', tenant: 'organizations', clientId: '' } }, 'connection.cloud'],
      ['saveConnection', { connection: { cloud: 'Global', tenant: 'not a tenant', clientId: 'abc' } }, 'connection.tenant'],
      ['saveStatusPresets', { presets: ['a', 'a'] }, 'statusPresets[1]'],
      ['openLink', { url: 'javascript:alert(1)' }, 'request.url'],
    ];
    for (const [channel, payload, field] of cases) {
      const reply = await h.handlers[channel](payload);
      expect(reply.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!reply.ok) {
        expect(typeof reply.error.code).toBe('string');
        expect(reply.error.message.length).toBeGreaterThan(5);
        expect(reply.error.field, `${channel} ${JSON.stringify(payload)}`).toBe(field);
      }
    }
    expect(await writes()).toEqual([]);
    expect(await dispatch(h.handlers, 'constructor', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(await dispatch(h.handlers, '__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('previews a schedule draft without saving it, and saves only a valid one', async () => {
    const before = h.settings.get().schedule;
    const draft = { ...before, enabled: true, rules: [{ id: 'focus', name: 'Focus', days: ['mon'], start: '09:00', end: '11:00', presence: 'DoNotDisturb' }] };
    const preview = await h.handlers.previewSchedule({ schedule: draft });
    expect(preview.ok && preview.value.problems).toEqual([]);
    expect(preview.ok && preview.value.preview?.days).toHaveLength(7);
    expect(h.settings.get().schedule).toEqual(before);

    const bad = { ...draft, rules: [{ ...draft.rules[0], start: '25:00' }] };
    const refused = await h.handlers.saveSchedule({ schedule: bad });
    expect(refused.ok && refused.value.problems.map((p) => p.field)).toEqual(['schedule.rules[0].start']);
    expect(h.settings.get().schedule).toEqual(before);
    const badPreview = await h.handlers.previewSchedule({ schedule: bad });
    expect(badPreview.ok && badPreview.value.preview).toBeNull();

    expect(await h.handlers.saveSchedule({ schedule: draft })).toEqual({ ok: true, value: { problems: [] } });
    expect(h.settings.get().schedule.rules.map((r) => r.id)).toEqual(['focus']);
  });

  it('saves hotkeys, registers what can be, and reports duplicates, bad chords and chords held elsewhere', async () => {
    h.heldElsewhere.add('CommandOrControl+Alt+Shift+2');
    const rows = h.settings.get().hotkeys.map((row) => ({ ...row, enabled: true }));
    rows.push({ id: 'dup', accelerator: 'CmdOrCtrl+Shift+Alt+1', command: { action: 'clear' }, enabled: true });
    rows.push({ id: 'bad', accelerator: 'Banana', command: { action: 'clear' }, enabled: true });
    const reply = await h.handlers.saveHotkeys({ hotkeys: rows });
    expect(reply.ok).toBe(true);
    const status = reply.ok ? reply.value.status : [];
    const state = Object.fromEntries(status.map((s) => [s.id, s.state]));
    expect(state).toMatchObject({ available: 'registered', busy: 'held-elsewhere', 'dnd-1h': 'registered', dup: 'duplicate', bad: 'invalid' });
    expect(status.find((s) => s.id === 'busy')?.error?.message).toMatch(/another program/);
    expect(h.registered.has('CommandOrControl+Alt+Shift+1')).toBe(true);
    expect(h.settings.get().hotkeys).toHaveLength(rows.length);

    // Pressing a chord runs its command.
    h.registered.get('CommandOrControl+Alt+Shift+3')?.();
    expect(h.commands.at(-1)).toEqual({ id: 'dnd-1h', command: { action: 'set', presence: 'DoNotDisturb', until: { kind: 'duration', iso: 'PT1H' } } });

    // While the window captures a chord nothing is registered; afterwards everything is back.
    await h.handlers.beginHotkeyCapture(undefined);
    expect(h.registered.size).toBe(0);
    const during = await h.handlers.getHotkeyStatus(undefined);
    expect(during.ok && during.value.status.find((s) => s.id === 'available')?.state).toBe('suspended');
    await h.handlers.endHotkeyCapture(undefined);
    expect(h.registered.has('CommandOrControl+Alt+Shift+1')).toBe(true);

    // A malformed table is refused whole and nothing changes.
    const refused = await h.handlers.saveHotkeys({ hotkeys: [{ id: 'x', accelerator: 'Ctrl+X', enabled: true, command: { action: 'explode' } }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-hotkey', field: 'hotkeys[0].command.action' } });
    expect(h.settings.get().hotkeys).toHaveLength(rows.length);
  });

  it('saves connection, options and presets as validated, trimmed values', async () => {
    const connection = { cloud: 'USGovL4' as const, tenant: ' contoso.com ', clientId: ' 11111111-2222-3333-4444-555555555555 ' };
    expect(await h.handlers.saveConnection({ connection })).toEqual({ ok: true, value: null });
    expect(h.settings.get().connection).toEqual({ cloud: 'USGovL4', tenant: 'contoso.com', clientId: '11111111-2222-3333-4444-555555555555' });
    const options = { appSession: true, readIntervalSeconds: 120, notifications: false, launchAtLogin: true, storeTokensWithoutKeyring: false };
    expect(await h.handlers.saveOptions({ options })).toEqual({ ok: true, value: null });
    expect(h.settings.get().options).toEqual(options);
    expect(await h.handlers.saveStatusPresets({ presets: [' Lunch '] })).toEqual({ ok: true, value: null });
    expect(h.settings.get().statusPresets).toEqual(['Lunch']);
  });

  it('sign-in replies carry an Outcome; a failure is an outcome with the reason, not a crash', async () => {
    expect(await h.handlers.signIn(undefined)).toEqual({ ok: true, value: { outcome: 'applied' } });
    expect(await h.handlers.signInWithCode(undefined)).toMatchObject({ ok: true, value: { outcome: 'failed', error: { code: 'public-client-disabled' } } });
    expect(await h.handlers.signOut(undefined)).toEqual({ ok: true, value: null });
    expect(h.authCalls).toEqual(['signIn', 'signInWithDeviceCode', 'signOut']);
  });

  it('opens only allowlisted https links', async () => {
    expect(await h.handlers.openLink({ url: 'https://learn.microsoft.com/graph/api/presence-setuserpreferredpresence' })).toEqual({ ok: true, value: null });
    for (const url of ['http://learn.microsoft.com/', 'https://evil.example/', 'https://learn.microsoft.com.evil.example/', 'file:///etc/passwd', 'https://user:pw@github.com/', 'https://microsoft.com/other']) {
      expect(await h.handlers.openLink({ url }), url).toMatchObject({ ok: false, error: { code: 'link-not-allowed' } });
    }
    expect(h.opened).toEqual(['https://learn.microsoft.com/graph/api/presence-setuserpreferredpresence']);
  });

  it('never sends a token across IPC', async () => {
    const token = await h.tokens.getAccessToken();
    const replies = await Promise.all([h.handlers.getState(undefined), h.handlers.getSettings(undefined), h.handlers.getAppInfo(undefined)]);
    const text = JSON.stringify(replies);
    expect(text).not.toContain(token);
    expect(text).not.toMatch(/eyJ[\w-]{10,}\./);
  });
});

describe('payload checks stay in step with the settings', () => {
  it('checks exactly the option fields the settings have, and accepts the defaults of every section the window saves', async () => {
    const { OPTION_KEYS, REQUEST_CHECKS } = await import('../../app/ipc/payloads.ts');
    const { defaultSettings } = await import('../../app/settings/index.ts');
    const defaults = defaultSettings();
    expect([...OPTION_KEYS].sort()).toEqual(Object.keys(defaults.options).sort());
    expect(REQUEST_CHECKS.saveOptions({ options: defaults.options })).toEqual([]);
    expect(REQUEST_CHECKS.saveConnection({ connection: defaults.connection })).toEqual([]);
    expect(REQUEST_CHECKS.saveStatusPresets({ presets: defaults.statusPresets })).toEqual([]);
  });
});
