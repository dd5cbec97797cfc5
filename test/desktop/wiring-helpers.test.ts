import { describe, expect, it } from 'vitest';
import { restartOnConnectionChange } from '../../app/desktop/settings-wiring.ts';
import { exposeTestHook } from '../../app/desktop/test-hook.ts';
import { createMemorySettings } from '../../app/settings/settings-port.ts';
import { defaultSettings } from '../../app/settings/defaults.ts';
import type { PresenceState } from '../../app/control/types.ts';

describe('restart on a connection change', () => {
  it('restarts for a new client id, not for a new tenant or another section', () => {
    const port = createMemorySettings(defaultSettings());
    let restarts = 0;
    const stop = restartOnConnectionChange(port, { info() {} }, () => restarts++);
    port.save('connection', { ...port.get().connection, tenant: 'contoso.com' });
    port.save('options', { ...port.get().options, notifications: false });
    expect(restarts).toBe(0);
    port.save('connection', { ...port.get().connection, clientId: '14d82eec-204b-4c2f-b7e8-296a70dab67e' });
    expect(restarts).toBe(1);
    stop();
  });
});

describe('the whole-app test hook', () => {
  const parts = {
    clickTrayItem: () => true,
    hotkeys: () => [{ id: 'busy', accelerator: 'CommandOrControl+Alt+Shift+2', enabled: true, command: { action: 'set' as const, presence: 'Busy' as const } }],
    runHotkey: (command: unknown, id: string) => pressed.push(id),
    state: () => ({}) as PresenceState,
  };
  const pressed: string[] = [];

  it('is exposed only when PRESENCE_TRAY_E2E=1, and presses a hotkey row by id', () => {
    const quiet: Record<string, unknown> = {};
    expect(exposeTestHook({}, parts, quiet)).toBe(false);
    expect(quiet).toEqual({});
    const target: { __presenceTrayTest?: { pressHotkey(id: string): boolean } } = {};
    expect(exposeTestHook({ PRESENCE_TRAY_E2E: '1' }, parts, target)).toBe(true);
    expect(target.__presenceTrayTest?.pressHotkey('busy')).toBe(true);
    expect(target.__presenceTrayTest?.pressHotkey('nope')).toBe(false);
    expect(pressed).toEqual(['busy']);
  });
});
