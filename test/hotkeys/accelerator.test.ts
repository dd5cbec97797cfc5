import { describe, expect, it } from 'vitest';
import { parseAccelerator } from '../../app/hotkeys/accelerator.ts';

const normalized = (text: string): string => {
  const result = parseAccelerator(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.normalized;
};
const message = (text: unknown): string => {
  const result = parseAccelerator(text, 'hotkeys[0].accelerator');
  if (result.ok) throw new Error(`${String(text)} was accepted`);
  expect(result.error.code).toBe('invalid-accelerator');
  expect(result.error.field).toBe('hotkeys[0].accelerator');
  return result.error.message;
};

describe('parseAccelerator (Electron grammar)', () => {
  it('accepts modifiers with one key and normalises aliases, case and order', () => {
    expect(normalized('CmdOrCtrl+Alt+1')).toBe('CommandOrControl+Alt+1');
    expect(normalized('shift+ctrl+a')).toBe('Control+Shift+A');
    expect(normalized('Option+Meta+F12')).toBe('Alt+Super+F12');
    expect(normalized('Ctrl+Plus')).toBe('Control+Plus');
    expect(normalized('Alt+enter')).toBe('Alt+Return');
    expect(normalized('Alt+Esc')).toBe('Alt+Escape');
    expect(normalized('Ctrl+num5')).toBe('Control+num5');
    expect(normalized('Ctrl+/')).toBe('Control+/');
    expect(normalized('AltGr+F24')).toBe('AltGr+F24');
    expect(normalized(' Ctrl + Space ')).toBe('Control+Space');
  });

  it('needs at least one modifier', () => {
    expect(message('A')).toMatch(/modifier/);
    expect(message('F5')).toMatch(/modifier/);
  });

  it('needs exactly one key', () => {
    expect(message('Ctrl+Alt')).toMatch(/no key/);
    expect(message('Ctrl+A+B')).toMatch(/more than one key/);
  });

  it('refuses a modifier twice, including aliases and CommandOrControl overlapping Control', () => {
    expect(message('Ctrl+Control+A')).toMatch(/twice/);
    expect(message('Alt+Option+A')).toMatch(/twice/);
    expect(message('CmdOrCtrl+Ctrl+A')).toMatch(/twice/);
    expect(message('Cmd+CommandOrControl+A')).toMatch(/twice/);
    expect(message('Super+Meta+A')).toMatch(/twice/);
  });

  it('refuses unknown key names, F25, empty parts and non-strings', () => {
    expect(message('Ctrl+Banana')).toMatch(/not a key/);
    expect(message('Ctrl+F25')).toMatch(/not a key/);
    expect(message('Ctrl++')).toMatch(/Plus/);
    expect(message('')).toMatch(/Press/);
    expect(message(42)).toMatch(/Press/);
    expect(message('Ctrl+é')).toMatch(/not a key/);
    expect(message(`Ctrl+${'A'.repeat(200)}`)).toMatch(/too long/);
  });
});
