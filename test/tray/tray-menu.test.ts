import { describe, expect, it } from 'vitest';
import { flattenMenu, isFirstRun, trayMenu, type TrayMenuInput, type TrayMenuItem } from '../../app/tray/tray-menu.ts';
import { makeState } from './state-fixture.ts';

const now = new Date('2026-11-23T10:00:00Z');
const input = (patch: Partial<TrayMenuInput> = {}): TrayMenuInput => ({
  state: makeState(),
  presets: ['In a meeting', 'Focus time'],
  configured: true,
  now,
  timeZone: 'UTC',
  ...patch,
});
const byId = (items: TrayMenuItem[], id: string): TrayMenuItem => {
  const item = flattenMenu(items).find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id}`);
  return item;
};
const ids = (items: TrayMenuItem[]): string[] => flattenMenu(items).flatMap((i) => (i.id ? [i.id] : []));

describe('trayMenu', () => {
  it('has every part the issue lists, in order', () => {
    const menu = trayMenu(input());
    expect(menu.filter((i) => i.type !== 'separator').map((i) => i.id)).toEqual([
      'actual', 'account',
      'presence-Available', 'presence-Busy', 'presence-DoNotDisturb', 'presence-BeRightBack', 'presence-Away', 'presence-Offline',
      'for', 'reset', 'status', 'pause', 'open-settings', 'sign-out', 'quit',
    ]);
    expect(byId(menu, 'actual').label).toBe('Teams shows: Available');
    expect(byId(menu, 'account').label).toBe('Ada Lovelace (ada@contoso.com)');
    expect(byId(menu, 'actual').enabled).toBe(false);
    expect(byId(menu, 'for').submenu?.map((i) => i.label)).toEqual([
      '30 minutes', '1 hour', '2 hours', '4 hours', 'Until end of day', 'Until the next scheduled change', 'Until I change it',
    ]);
    expect(byId(menu, 'pause').submenu?.map((i) => i.label)).toEqual(['For 1 hour', 'Until tomorrow', 'Resume schedule']);
    expect(byId(menu, 'quit').action).toEqual({ kind: 'quit' });
  });

  it('checks the held choice as a radio item, and "For…" re-applies it with a duration', () => {
    const state = makeState({
      actual: { availability: 'Available', activity: 'Available', key: 'Available', statusMessage: null, readAt: '' },
      intent: { presence: 'Busy', source: 'tray', since: '2026-11-23T09:00:00Z', until: { kind: 'duration', iso: 'PT1H' }, endsAt: '2026-11-23T10:00:00Z' },
      inCharge: 'manual',
      summary: 'Busy — set from the tray, until 10:00',
    });
    const menu = trayMenu(input({ state }));
    const radios = flattenMenu(menu).filter((i) => i.type === 'radio' && i.id?.startsWith('presence-'));
    expect(radios.filter((i) => i.checked).map((i) => i.id)).toEqual(['presence-Busy']);
    expect(byId(menu, 'presence-Away').action).toEqual({ kind: 'set', presence: 'Away' });
    expect(byId(menu, 'for').label).toBe('Busy for…');
    expect(byId(menu, 'for-1h').action).toEqual({ kind: 'set', presence: 'Busy', until: { kind: 'duration', iso: 'PT1H' } });
    expect(byId(menu, 'for-forever').action).toEqual({ kind: 'set', presence: 'Busy', until: { kind: 'forever' } });
    // No schedule: "until the next scheduled change" cannot mean anything.
    expect(byId(menu, 'for-next').enabled).toBe(false);
    expect(byId(menu, 'reset').enabled).toBe(true);
    expect(byId(menu, 'summary').label).toBe('Busy — set from the tray, until 10:00');
  });

  it('shows what Teams really shows, even when it is not one of the six', () => {
    const state = makeState({ actual: { availability: 'Busy', activity: 'InAMeeting', key: null, statusMessage: null, readAt: '' } });
    const menu = trayMenu(input({ state }));
    expect(byId(menu, 'actual').label).toBe('Teams shows: In a meeting');
    expect(flattenMenu(menu).some((i) => i.type === 'radio' && i.id?.startsWith('presence-') && i.checked)).toBe(false);
    expect(byId(menu, 'for').enabled).toBe(false);
  });

  it('offers the presets as radio items and "Clear message" only when a message is set', () => {
    let menu = trayMenu(input());
    expect(byId(menu, 'status-0').action).toEqual({ kind: 'status', text: 'In a meeting' });
    expect(byId(menu, 'status-clear').enabled).toBe(false);
    menu = trayMenu(input({ state: makeState({ statusMessage: { text: 'Focus time', until: null, source: 'tray' } }) }));
    expect(byId(menu, 'status-1').checked).toBe(true);
    expect(byId(menu, 'status-clear').enabled).toBe(true);
    menu = trayMenu(input({ presets: ['R&D sync'] }));
    expect(byId(menu, 'status-0').label).toBe('R&&D sync');
    expect(byId(menu, 'status-0').action).toEqual({ kind: 'status', text: 'R&D sync' });
    expect(ids(trayMenu(input({ presets: [] })))).toContain('status-none');
  });

  it('pause is offered with a schedule, resume only while paused', () => {
    const scheduled = { presence: 'Available' as const, outside: 'clear' as const, ruleId: 'work', ruleName: 'Work hours', statusMessage: null, until: '2026-11-23T18:00:00Z' };
    let menu = trayMenu(input());
    expect(byId(menu, 'pause').enabled).toBe(false);
    menu = trayMenu(input({ state: makeState({ scheduled }) }));
    expect(byId(menu, 'pause').enabled).toBe(true);
    expect(byId(menu, 'pause-resume').enabled).toBe(false);
    expect(byId(menu, 'pause-tomorrow').action).toEqual({ kind: 'pause', until: { kind: 'end-of-day' } });
    menu = trayMenu(input({ state: makeState({ scheduled, pause: { until: null } }) }));
    expect(byId(menu, 'pause').label).toBe('Schedule paused');
    expect(byId(menu, 'pause-resume').action).toEqual({ kind: 'resume' });
    expect(byId(menu, 'pause-resume').enabled).toBe(true);
    expect(byId(menu, 'for-next').enabled).toBe(true); // a schedule exists, so its next change means something
  });

  it('first run: no client id leads with set-up and greys out the choices', () => {
    const state = makeState({ auth: { status: 'signed-out', account: null, deviceCode: null, persistent: true }, actual: null });
    expect(isFirstRun(state, false)).toBe(true);
    expect(isFirstRun(state, true)).toBe(true);
    expect(isFirstRun(makeState(), true)).toBe(false);
    const menu = trayMenu(input({ state, configured: false }));
    const first = menu.find((i) => i.id === 'sign-in');
    expect(first?.label).toBe('Set up and sign in…');
    expect(first?.action).toEqual({ kind: 'open-settings' });
    expect(byId(menu, 'presence-Busy').enabled).toBe(false);
    expect(byId(menu, 'account').label).toBe('Not set up yet');
    expect(ids(menu)).not.toContain('sign-out');
  });

  it('signed out with a client id: "Sign in…" signs in; commands stay available (they are kept as intent)', () => {
    const state = makeState({ auth: { status: 'signed-out', account: null, deviceCode: null, persistent: true } });
    const menu = trayMenu(input({ state }));
    expect(byId(menu, 'sign-in')).toMatchObject({ label: 'Sign in…', action: { kind: 'sign-in' } });
    expect(byId(menu, 'presence-Busy').enabled).toBe(true);
    const signing = trayMenu(input({ state: makeState({ auth: { status: 'signing-in', account: null, deviceCode: null, persistent: true } }) }));
    expect(byId(signing, 'sign-in')).toMatchObject({ label: 'Signing in…', enabled: false });
  });

  it('shows the demo badge, network loss and the last error in the header', () => {
    const state = makeState({ demo: true, network: 'offline', lastError: { code: 'throttled', message: 'Graph asked us to slow down.' } });
    const menu = trayMenu(input({ state }));
    expect(menu[0]?.label).toMatch(/^DEMO/);
    expect(byId(menu, 'network').label).toMatch(/No network/);
    expect(byId(menu, 'error').label).toBe('Problem: Graph asked us to slow down.');
    const long = trayMenu(input({ state: makeState({ lastError: { code: 'x', message: 'x'.repeat(200) } }) }));
    expect(byId(long, 'error').label?.length).toBe(60);
  });
});
