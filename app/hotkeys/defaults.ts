/**
 * The hotkeys shipped with the app. They ship DISABLED, on Ctrl/Cmd+Alt+Shift and a digit: a global
 * shortcut takes its chord away from every other program while the app runs, so the app must not grab
 * one the user never asked for (a three-modifier digit chord is one that almost no program uses, so
 * turning a row on rarely collides, and a collision is reported, not silent). The user enables a row in
 * the window with one click, or captures their own chord.
 */
import type { HotkeyBinding } from './types.ts';

const chord = (key: string): string => `CommandOrControl+Alt+Shift+${key}`;

/** The default hotkey table: one row per presence, plus reset and open settings, all disabled. */
export const DEFAULT_HOTKEYS: readonly HotkeyBinding[] = [
  { id: 'available', accelerator: chord('1'), command: { action: 'set', presence: 'Available' }, enabled: false },
  { id: 'busy', accelerator: chord('2'), command: { action: 'set', presence: 'Busy' }, enabled: false },
  {
    id: 'dnd-1h',
    accelerator: chord('3'),
    command: { action: 'set', presence: 'DoNotDisturb', until: { kind: 'duration', iso: 'PT1H' } },
    enabled: false,
  },
  {
    id: 'brb-30m',
    accelerator: chord('4'),
    command: { action: 'set', presence: 'BeRightBack', until: { kind: 'duration', iso: 'PT30M' } },
    enabled: false,
  },
  { id: 'away', accelerator: chord('5'), command: { action: 'set', presence: 'Away' }, enabled: false },
  { id: 'offline', accelerator: chord('6'), command: { action: 'set', presence: 'Offline' }, enabled: false },
  { id: 'reset', accelerator: chord('0'), command: { action: 'clear' }, enabled: false },
  { id: 'open-settings', accelerator: chord('S'), command: { action: 'open-settings' }, enabled: false },
];
