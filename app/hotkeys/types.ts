/** The hotkey table as stored in settings (DESIGN.md §5). Validation lives in this folder too. */
import type { PresenceKey } from '../presence/index.ts';
import type { Until } from '../control/types.ts';

/** What a hotkey does: one controller command, or opening the window. */
export type HotkeyCommand =
  | { action: 'set'; presence: PresenceKey; until?: Until }
  | { action: 'clear' }
  | { action: 'pause-schedule'; until?: Until }
  | { action: 'resume-schedule' }
  | { action: 'open-settings' };

/** One row of the hotkey table. */
export interface HotkeyBinding {
  /** Stable row id (the window keys rows on it). */
  id: string;
  /** Electron accelerator, e.g. `CommandOrControl+Alt+1`. */
  accelerator: string;
  command: HotkeyCommand;
  enabled: boolean;
}
