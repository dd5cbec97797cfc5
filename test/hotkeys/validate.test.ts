import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../app/hotkeys/defaults.ts';
import { isStorableHotkeys, planHotkeys, validateHotkeys } from '../../app/hotkeys/validate.ts';
import type { HotkeyBinding } from '../../app/hotkeys/types.ts';

const row = (id: string, accelerator: string, enabled = true): HotkeyBinding => ({
  id,
  accelerator,
  command: { action: 'set', presence: 'Busy' },
  enabled,
});

describe('validateHotkeys', () => {
  it('accepts the defaults, which ship disabled on valid, distinct chords', () => {
    expect(validateHotkeys(DEFAULT_HOTKEYS)).toEqual([]);
    expect(DEFAULT_HOTKEYS.every((h) => !h.enabled)).toBe(true);
    const enabled = DEFAULT_HOTKEYS.map((h) => ({ ...h, enabled: true }));
    expect(validateHotkeys(enabled)).toEqual([]);
  });

  it('names the field of each shape problem', () => {
    const problems = validateHotkeys([
      { id: 'a', accelerator: 'Ctrl+A', enabled: true, command: { action: 'set', presence: 'Sleeping' } },
      { id: 'b', accelerator: 'Ctrl+B', enabled: 'yes', command: { action: 'clear' } },
      { id: 'c', accelerator: 'Ctrl+C', enabled: true, command: { action: 'explode' } },
      { id: 'd', accelerator: 'Ctrl+D', enabled: true, command: { action: 'set', presence: 'Busy', until: { kind: 'duration', iso: 'PT0S' } } },
      { id: 'e', accelerator: 'Ctrl+E', enabled: true, command: { action: 'clear' }, extra: 1 },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'hotkeys[0].command.presence',
      'hotkeys[1].enabled',
      'hotkeys[2].command.action',
      'hotkeys[3].command.until.iso',
      'hotkeys[4].extra',
    ]);
    expect(problems.every((p) => p.code === 'invalid-hotkey')).toBe(true);
    expect(validateHotkeys('nope')[0]?.field).toBe('hotkeys');
    expect(validateHotkeys(Array.from({ length: 41 }, (_, i) => row(`r${i}`, `Ctrl+F${(i % 24) + 1}`)))[0]?.message).toMatch(/At most/);
  });

  it('reports bad chords of enabled rows and duplicates, but the table stays storable', () => {
    const table = [row('a', 'Ctrl+Alt+1'), row('b', 'Alt+Control+1'), row('c', 'Banana'), row('d', '', false), row('e', 'Banana', false)];
    const problems = validateHotkeys(table);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['duplicate-hotkey', 'hotkeys[1].accelerator'],
      ['invalid-accelerator', 'hotkeys[2].accelerator'],
    ]);
    expect(isStorableHotkeys(table)).toBe(true);
    expect(isStorableHotkeys([{ id: 'x' }])).toBe(false);
  });

  it('refuses two rows with one id', () => {
    expect(validateHotkeys([row('a', 'Ctrl+1'), row('a', 'Ctrl+2')])[0]?.message).toMatch(/share the id/);
  });
});

describe('planHotkeys', () => {
  it('decides per row: the first enabled row wins a chord, disabled rows are never registered', () => {
    const plan = planHotkeys([row('a', 'cmdorctrl+alt+1'), row('b', 'CommandOrControl+Alt+1'), row('c', 'Ctrl+A', false), row('d', 'A')]);
    expect(plan.map((p) => [p.id, p.state, p.accelerator])).toEqual([
      ['a', 'registered', 'CommandOrControl+Alt+1'],
      ['b', 'duplicate', null],
      ['c', 'disabled', null],
      ['d', 'invalid', null],
    ]);
    expect(plan[1]?.error?.message).toMatch(/already used/);
  });
});

describe('validateHotkeys on rows that are not objects (found by the IPC fuzz)', () => {
  it('reports them as shape problems, so the table is not storable', () => {
    for (const row of [null, undefined, [], 'Ctrl+A', 3]) {
      expect(validateHotkeys([row])[0]?.code).toBe('invalid-hotkey');
      expect(isStorableHotkeys([row])).toBe(false);
    }
  });
});
