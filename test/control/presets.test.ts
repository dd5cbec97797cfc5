// Presets against the emulator on a manual clock: from the tray, a hotkey, the window (its IPC handler) and the
// command line, one click is one preference write plus one message write, `{end}` is the local end time,
// Reset ends both, and "+15 min" moves both ends.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from '../../app/control/presets.ts';
import type { Preset } from '../../app/control/presets.ts';
import { applyPreset, extendPreset } from '../../app/control/preset-commands.ts';
import { runHotkeyCommand } from '../../app/hotkeys/commands.ts';
import { presetHandlers } from '../../app/ipc/areas/preset-handlers.ts';
import { runCommand } from '../../app/remote/commands.ts';
import { parseCliArgs } from '../../app/remote/cli-args.ts';
import { parseLink } from '../../app/remote/links.ts';
import { defaultSettings } from '../../app/settings/defaults.ts';
import { createMemorySettings } from '../../app/settings/settings-port.ts';
import { runTrayAction } from '../../app/tray/tray-actions.ts';
import { trayMenu, flattenMenu } from '../../app/tray/tray-menu.ts';
import { startControlHarness } from '../support/control-harness.ts';
import type { ControlHarness } from '../support/control-harness.ts';

const MIN = 60_000;
const open: ControlHarness[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

const FOCUS = DEFAULT_PRESETS.find((p) => p.name === 'Focus') as Preset;
const LUNCH = DEFAULT_PRESETS.find((p) => p.name === 'Lunch') as Preset;

async function started(): Promise<ControlHarness> {
  const h = await startControlHarness({ start: '2026-11-23T10:00:00Z' });
  open.push(h);
  await h.core.start();
  await h.quiet();
  return h;
}

/** The app's writes since `from`, as `action availability-or-message expiry`. */
async function writes(h: ControlHarness, from = 0): Promise<string[]> {
  return (await h.writes()).slice(from).map((w) => {
    if (w.action === 'setStatusMessage') {
      const sm = w.body.statusMessage as { message: { content: string }; expiryDateTime?: { dateTime: string } };
      return `message "${sm.message.content}" ${sm.expiryDateTime?.dateTime.slice(11, 16) ?? '-'}`;
    }
    return `${w.action} ${String(w.body.availability ?? '')} ${String(w.body.expirationDuration ?? '-')}`.trim();
  });
}

describe('presets', () => {
  it('from the tray: one preference write plus one message, {end} in local time; Reset ends both', async () => {
    const h = await started();
    const menu = flattenMenu(trayMenu({ state: h.core.controller.state(), presets: [], presetList: DEFAULT_PRESETS, configured: true, now: new Date(h.clock.now()) }));
    const item = menu.find((i) => i.label === 'Focus');
    expect(item?.action).toEqual({ kind: 'preset', preset: FOCUS });
    const outcome = await runTrayAction(item!.action!, {
      controller: h.core.controller,
      applyPreset: (p) => applyPreset(h.core.controller, p, { source: 'tray' }),
      openSettings() {},
      signIn() {},
      signOut() {},
      quit() {},
    });
    expect(outcome).toEqual({ outcome: 'applied' });
    await h.quiet();
    expect(await writes(h)).toEqual(['setUserPreferredPresence DoNotDisturb PT50M', 'message "Focusing — back at 10:50" 10:50']);
    expect(h.core.controller.state().intent).toMatchObject({ presence: 'DoNotDisturb', preset: 'Focus' });
    const before = (await h.writes()).length;
    await h.core.controller.clear({ source: 'tray' });
    await h.quiet();
    expect(await writes(h, before)).toEqual(['clearUserPreferredPresence  -', 'message "" -']);
  });

  it('from a hotkey, the window and the command line: the same one write plus one message', async () => {
    const h = await started();
    const settings = createMemorySettings(defaultSettings());
    const byName = (name: string) => applyPreset(h.core.controller, settings.get().presets.find((p) => p.name === name)!, { source: 'hotkey' });
    expect(await runHotkeyCommand({ action: 'preset', name: 'Lunch' }, { controller: h.core.controller, openSettings() {}, applyPreset: byName })).toEqual({ outcome: 'applied' });
    await h.quiet();
    const afterHotkey = (await h.writes()).length;
    expect(await presetHandlers(h.core.controller, settings).applyPreset({ name: 'focus' })).toEqual({ outcome: 'applied' });
    await h.quiet();
    const afterWindow = (await h.writes()).length;
    const cli = parseCliArgs(['preset', 'Lunch']);
    expect(cli).toEqual({ kind: 'run', command: { request: { cmd: 'preset', name: 'Lunch' }, json: false } });
    const answer = await runCommand(
      { v: 1, id: 1, cmd: 'preset', name: 'Lunch' },
      { controller: h.core.controller, source: 'cli', clock: h.clock, timeZone: () => 'UTC', version: '0', applyPreset: async (name) => presetHandlers(h.core.controller, settings).applyPreset({ name }) },
    );
    expect(answer.ok).toBe(true);
    await h.quiet();
    expect(await writes(h)).toEqual([
      'setUserPreferredPresence Away PT1H',
      'message "At lunch" 11:00',
      'setUserPreferredPresence DoNotDisturb PT50M',
      'message "Focusing — back at 10:50" 10:50',
      'setUserPreferredPresence Away PT1H',
      'message "At lunch" 11:00',
    ]);
    expect([afterHotkey, afterWindow]).toEqual([2, 4]);
    expect(parseLink('presence-tray://preset?name=Lunch')).toMatchObject({ ok: true, request: { cmd: 'preset', name: 'Lunch' } });
    const unknown = await presetHandlers(h.core.controller, settings).applyPreset({ name: 'Nap' });
    expect(unknown).toMatchObject({ outcome: 'failed', error: { code: 'unknown-preset' } });
  });

  it('"+15 min" moves the presence and the message to the new end', async () => {
    const h = await started();
    await applyPreset(h.core.controller, FOCUS, { source: 'window' });
    await h.advance(10 * MIN);
    const before = (await h.writes()).length;
    expect(await extendPreset(h.core.controller, DEFAULT_PRESETS, 15, 'window')).toEqual({ outcome: 'applied' });
    await h.quiet();
    expect(await writes(h, before)).toEqual(['setUserPreferredPresence DoNotDisturb PT55M', 'message "Focusing — back at 11:05" 11:05']);
    expect(await extendPreset(h.core.controller, [LUNCH], 15, 'window')).toMatchObject({ outcome: 'failed', error: { code: 'no-running-preset' } });
  });
});
