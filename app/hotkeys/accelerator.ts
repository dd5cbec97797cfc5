/**
 * Electron accelerator grammar (https://www.electronjs.org/docs/latest/api/accelerator), checked before a
 * chord ever reaches `globalShortcut.register`, so a typo is reported in words instead of Electron
 * silently refusing it. Rules: parts joined by `+`, at least one modifier, exactly one key, no modifier
 * twice (aliases count as the same modifier), names case-insensitive as Electron reads them.
 */
import type { AppError } from '../errors.ts';

/** A modifier in canonical spelling. */
export type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'AltGr' | 'Shift' | 'Super';

// Every spelling Electron accepts, lower-cased, mapped to one canonical modifier. Option is macOS' Alt and
// Meta is Super; Electron treats them as the same key, so `Alt+Option+A` is a duplicate.
const MODIFIER_ALIASES: Readonly<Record<string, Modifier>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** Canonical order of modifiers in a normalised accelerator (the order Electron's docs use). */
const MODIFIER_ORDER: readonly Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return',
  'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'VolumeUp', 'VolumeDown',
  'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause', 'PrintScreen',
  'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8', 'num9',
  'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
] as const;

// Aliases Electron documents for named keys.
const KEY_ALIASES: Readonly<Record<string, string>> = { enter: 'Return', esc: 'Escape' };

// Punctuation keys Electron accepts as a single character (`+` itself must be written `Plus`).
const PUNCTUATION = new Set([...')!@#$%^&*(:;<,_-=>.?/~`{][|\\}"\'']);

const NAMED_BY_LOWER = new Map<string, string>(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));

/** The canonical name of a key part, or null when Electron would not know it. */
export function canonicalKey(part: string): string | null {
  if (part.length === 1) {
    if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase();
    return PUNCTUATION.has(part) ? part : null;
  }
  const lower = part.toLowerCase();
  const fn = /^f([1-9]|1[0-9]|2[0-4])$/.exec(lower);
  if (fn) return `F${fn[1]}`;
  return KEY_ALIASES[lower] ?? NAMED_BY_LOWER.get(lower) ?? null;
}

/** A parsed accelerator: its modifiers and its one key, in canonical spelling. */
export interface ParsedAccelerator {
  modifiers: Modifier[];
  key: string;
  /** Canonical text, e.g. `CommandOrControl+Alt+1`; two accelerators are the same chord when these match. */
  normalized: string;
}

/** The result of {@link parseAccelerator}: the chord, or a problem a person can act on. */
export type AcceleratorResult = { ok: true; value: ParsedAccelerator } | { ok: false; error: AppError };

function problem(message: string, field?: string): AcceleratorResult {
  return { ok: false, error: { code: 'invalid-accelerator', message, ...(field === undefined ? {} : { field }) } };
}

/**
 * Parse and check one accelerator against Electron's grammar.
 * @param field where the accelerator lives, copied into the error (e.g. `hotkeys[2].accelerator`).
 */
export function parseAccelerator(text: unknown, field?: string): AcceleratorResult {
  if (typeof text !== 'string' || text.trim() === '') return problem('Press a key combination for this hotkey.', field);
  if (text.length > 100) return problem('This key combination is too long.', field);
  // `Ctrl++` would split into an empty part: Electron needs the plus key written as `Plus`.
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return problem(`"${text}" has an empty part; write the plus key as "Plus".`, field);
  const modifiers: Modifier[] = [];
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIER_ALIASES[part.toLowerCase()];
    if (modifier) {
      const overlaps =
        modifiers.includes(modifier) ||
        (modifier === 'CommandOrControl' && (modifiers.includes('Command') || modifiers.includes('Control'))) ||
        ((modifier === 'Command' || modifier === 'Control') && modifiers.includes('CommandOrControl'));
      if (overlaps) return problem(`"${text}" names the ${modifier} modifier twice.`, field);
      modifiers.push(modifier);
      continue;
    }
    const key = canonicalKey(part);
    if (key === null) return problem(`"${part}" is not a key Electron knows (in "${text}").`, field);
    keys.push(key);
  }
  if (modifiers.length === 0) {
    return problem(`"${text}" needs at least one modifier (Ctrl, Alt, Shift, Cmd…) so it does not steal a plain key.`, field);
  }
  if (keys.length !== 1) {
    return problem(keys.length === 0 ? `"${text}" has no key, only modifiers.` : `"${text}" has more than one key; use exactly one.`, field);
  }
  const ordered = MODIFIER_ORDER.filter((m) => modifiers.includes(m));
  const key = keys[0] as string;
  return { ok: true, value: { modifiers: ordered, key, normalized: [...ordered, key].join('+') } };
}
