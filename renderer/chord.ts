/**
 * Turning a key press into an Electron accelerator (`CommandOrControl+Alt+1`) and an accelerator into
 * readable key caps. Uses `KeyboardEvent.code` for the key, so the chord does not depend on the keyboard
 * layout's shifted characters.
 */

/** What a key press gave: an accelerator, nothing yet (a lone modifier), or why it cannot be a hotkey. */
export type ChordResult = { kind: 'chord'; accelerator: string } | { kind: 'pending' } | { kind: 'invalid'; message: string };

const MODIFIER_CODES = new Set(['ControlLeft', 'ControlRight', 'ShiftLeft', 'ShiftRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight', 'OSLeft', 'OSRight']);

const NAMED: Record<string, string> = {
  Space: 'Space',
  Enter: 'Return',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

/** The accelerator key for a `KeyboardEvent.code`, or null when the key cannot be part of a hotkey. */
export function keyOf(code: string): string | null {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return m[1] ?? null;
  m = /^Digit(\d)$/.exec(code);
  if (m) return m[1] ?? null;
  m = /^Numpad(\d)$/.exec(code);
  if (m) return `num${m[1]}`;
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  return NAMED[code] ?? null;
}

/** The parts of a key press that matter for a chord (a KeyboardEvent fits). */
export interface KeyPress {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/**
 * Read a chord from a key press. On macOS ⌘ is CommandOrControl and ⌃ is Control; elsewhere Ctrl is
 * CommandOrControl and the Windows/Super key is Super — so a chord captured on one system means the same
 * keys on the others where it can.
 */
export function chordOf(event: KeyPress, platform: string): ChordResult {
  if (MODIFIER_CODES.has(event.code)) return { kind: 'pending' };
  const key = keyOf(event.code);
  if (!key) return { kind: 'invalid', message: 'That key cannot be used in a hotkey.' };
  const mac = platform === 'darwin';
  const mods: string[] = [];
  if (mac ? event.metaKey : event.ctrlKey) mods.push('CommandOrControl');
  if (mac && event.ctrlKey) mods.push('Control');
  if (event.altKey) mods.push('Alt');
  if (event.shiftKey) mods.push('Shift');
  if (!mac && event.metaKey) mods.push('Super');
  if (mods.length === 0 || (mods.length === 1 && mods[0] === 'Shift')) {
    return { kind: 'invalid', message: 'Hold Ctrl, Alt or ⌘ with the key: a hotkey needs a modifier other than Shift alone.' };
  }
  return { kind: 'chord', accelerator: [...mods, key].join('+') };
}

/** Key caps to show for an accelerator ("Ctrl", "Alt", "1"). */
export function keyCaps(accelerator: string, platform: string): string[] {
  const mac = platform === 'darwin';
  const names: Record<string, string> = {
    CommandOrControl: mac ? '⌘' : 'Ctrl',
    CmdOrCtrl: mac ? '⌘' : 'Ctrl',
    Command: '⌘',
    Cmd: '⌘',
    Control: mac ? '⌃' : 'Ctrl',
    Ctrl: mac ? '⌃' : 'Ctrl',
    Alt: mac ? '⌥' : 'Alt',
    Option: '⌥',
    Shift: mac ? '⇧' : 'Shift',
    Super: mac ? '⌘' : 'Super',
    Meta: mac ? '⌘' : 'Super',
  };
  return accelerator
    .split(/\+(?!$)/)
    .filter(Boolean)
    .map((part) => names[part] ?? part);
}

/** Normalise an accelerator for duplicate checks (case and modifier aliases). */
export function chordKey(accelerator: string): string {
  const alias: Record<string, string> = { cmdorctrl: 'commandorcontrol', ctrl: 'control', cmd: 'command', option: 'alt', meta: 'super' };
  const parts = accelerator.split(/\+(?!$)/).map((p) => alias[p.toLowerCase()] ?? p.toLowerCase());
  const key = parts.pop() ?? '';
  return [...parts.sort(), key].join('+');
}
