/**
 * The hotkey → controller command table: what each `HotkeyCommand` does, in one place, so the tray, the
 * hotkey service and tests agree. Hotkeys always speak as `source: 'hotkey'`.
 */
import type { Outcome, Source, Until } from '../control/types.ts';
import type { PresenceKey } from '../presence/index.ts';
import type { HotkeyCommand } from './types.ts';

/** The controller commands a hotkey can reach (a subset of the PresenceController's API, docs/architecture.md#the-controller). */
export interface PresenceCommands {
  set(presence: PresenceKey, opts: { until?: Until; source: Source }): Promise<Outcome>;
  clear(opts: { source: Source }): Promise<Outcome>;
  pauseSchedule(opts: { until?: Until }): Promise<Outcome>;
  resumeSchedule(): Promise<Outcome>;
}

/** What runs a hotkey: the controller, plus the one action that is not a controller command. */
export interface HotkeyTarget {
  controller: PresenceCommands;
  openSettings(): void;
  /** Apply the preset named so (the app looks it up in settings); absent: presets are not wired. */
  applyPreset?(name: string): Promise<Outcome>;
}

/**
 * Run one hotkey command. Returns the controller's outcome, or null for `open-settings` (not a command).
 * Never throws for a command that the controller refuses: the outcome carries the error.
 */
export async function runHotkeyCommand(command: HotkeyCommand, target: HotkeyTarget): Promise<Outcome | null> {
  const { controller } = target;
  switch (command.action) {
    case 'set':
      return controller.set(command.presence, { ...(command.until ? { until: command.until } : {}), source: 'hotkey' });
    case 'clear':
      return controller.clear({ source: 'hotkey' });
    case 'pause-schedule':
      return controller.pauseSchedule(command.until ? { until: command.until } : {});
    case 'resume-schedule':
      return controller.resumeSchedule();
    case 'preset':
      return target.applyPreset
        ? target.applyPreset(command.name)
        : { outcome: 'failed', error: { code: 'unknown-preset', message: `The preset "${command.name}" cannot be applied here.`, field: 'preset' } };
    case 'open-settings':
      target.openSettings();
      return null;
  }
}
