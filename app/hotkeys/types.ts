/** The hotkey table as stored in settings (docs/architecture.md#tray-and-hotkeys). Validation lives in this folder too. */
import type { AppError, PresenceKey, Until } from '../vocabulary.ts';

/** What a hotkey does: one controller command, or opening the window. */
export type HotkeyCommand =
  | { action: 'set'; presence: PresenceKey; until?: Until }
  | { action: 'clear' }
  | { action: 'pause-schedule'; until?: Until }
  | { action: 'resume-schedule' }
  | { action: 'open-settings' }
  /** Apply the preset of this name (its presence, message and end together). */
  | { action: 'preset'; name: string };

/** One row of the hotkey table. */
export interface HotkeyBinding {
  /** Stable row id (the window keys rows on it). */
  id: string;
  /** Electron accelerator, e.g. `CommandOrControl+Alt+1`. */
  accelerator: string;
  command: HotkeyCommand;
  enabled: boolean;
}

/** Registration state of one hotkey row. */
export interface HotkeyStatus {
  id: string;
  state: 'registered' | 'disabled' | 'invalid' | 'duplicate' | 'held-elsewhere' | 'suspended';
  error?: AppError;
}
