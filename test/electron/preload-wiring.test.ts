// The preload's object and the settings wiring, in plain Node.
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../app/ipc/contract.ts';
import { buildPresenceTrayApi } from '../../app/ipc/preload-api.ts';
import { createMemorySettings } from '../../app/settings/settings-port.ts';
import { connectionNeedsRestart, wireSettings } from '../../app/desktop/settings-wiring.ts';
import { baseSettings } from '../ipc/harness.ts';
import { makeState } from '../tray/state-fixture.ts';

describe('window.presenceTray', () => {
  it('is one frozen plain object: a method per channel plus onState, forwarding only the first argument', async () => {
    const sent: Array<[string, unknown]> = [];
    const listeners = new Set<(s: unknown) => void>();
    const api = buildPresenceTrayApi(
      async (channel, request) => (sent.push([channel, request]), { ok: true, value: null }),
      (listener) => (listeners.add(listener as never), () => listeners.delete(listener as never)),
    );
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onState'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await (api.setPresence as (...args: unknown[]) => Promise<unknown>)({ presence: 'Busy' }, 'extra');
    await api.getState();
    expect(sent).toEqual([['setPresence', { presence: 'Busy' }], ['getState', undefined]]);
    const seen: unknown[] = [];
    const stop = api.onState((s) => seen.push(s));
    for (const l of listeners) l(makeState());
    stop();
    expect(listeners.size).toBe(0);
    expect(seen).toHaveLength(1);
    expect(() => api.onState('nope' as never)).toThrow(TypeError);
  });
});

describe('wireSettings', () => {
  it('applies hotkeys and login item at start, then each saved section to its service', async () => {
    const settings = createMemorySettings(baseSettings());
    const calls: string[] = [];
    const unwire = wireSettings(settings, {
      hotkeys: { apply: (rows) => calls.push(`hotkeys ${rows.length}`) },
      scheduler: { update: (s) => void calls.push(`schedule ${s.rules.length}`) },
      controller: { configure: (o) => void calls.push(`configure ${JSON.stringify(o)}`) },
      auth: {
        setConnection: async (c) => void calls.push(`connection ${c.tenant}`),
        setStoreTokensWithoutKeyring: async (on) => void calls.push(`keyring ${on}`),
      },
      setLaunchAtLogin: (on) => calls.push(`login ${on}`),
      machine: { setMachineRules: (r) => void calls.push(`machine lock ${r.lock.enabled}`) },
    });
    expect(calls).toEqual([`hotkeys ${baseSettings().hotkeys.length}`, 'login false']);
    calls.length = 0;
    settings.save('hotkeys', []);
    settings.save('schedule', { ...baseSettings().schedule, rules: [] });
    settings.save('options', { ...baseSettings().options, appSession: true, launchAtLogin: true });
    settings.save('connection', { ...baseSettings().connection, tenant: 'contoso.com' });
    settings.save('statusPresets', ['x']);
    settings.save('machineRules', { ...baseSettings().machineRules, lock: { enabled: true, presence: 'BeRightBack' } });
    await Promise.resolve();
    expect(calls).toEqual([
      'hotkeys 0',
      'schedule 0',
      'configure {"appSession":true,"readIntervalSeconds":60}',
      'keyring false',
      'login true',
      'connection contoso.com',
      'machine lock true',
    ]);
    unwire();
    settings.save('hotkeys', []);
    expect(calls).toHaveLength(7);
  });
});

describe('connectionNeedsRestart', () => {
  it('restarts for a new cloud or client id, not for a tenant', () => {
    const running = baseSettings().connection;
    expect(connectionNeedsRestart(running, { ...running, tenant: 'contoso.com' })).toBe(false);
    expect(connectionNeedsRestart(running, { ...running, clientId: ` ${running.clientId} ` })).toBe(false);
    expect(connectionNeedsRestart(running, { ...running, cloud: 'USGovL4' })).toBe(true);
    expect(connectionNeedsRestart(running, { ...running, clientId: '' })).toBe(true);
  });
});
