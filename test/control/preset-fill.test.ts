// A schedule rule filled from a preset takes what applying the preset would set: its presence and its message,
// with `{end}` as the rule's end; what the preset leaves out stays the rule's.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESETS, fillRuleFromPreset, type Preset } from '../../app/control/presets.ts';
import type { ScheduleRule } from '../../app/schedule/types.ts';

const RULE: ScheduleRule = { id: 'r1', name: 'Tuesday focus', days: ['tue'], start: '14:00', end: '16:00', presence: 'Busy', statusMessage: 'Old words' };
const focus = DEFAULT_PRESETS.find((p) => p.name === 'Focus') as Preset;

describe('fill a schedule rule from a preset', () => {
  it.each<[string, Preset, Partial<ScheduleRule> & { statusMessage?: string | undefined }]>([
    ['presence and message, {end} as the rule end', focus, { presence: 'DoNotDisturb', statusMessage: 'Focusing — back at 16:00' }],
    ['presence only: the message stays', { name: 'Away', presence: 'Away' }, { presence: 'Away', statusMessage: 'Old words' }],
    ['message only: the presence stays', { name: 'Gym', statusMessage: 'At the gym' }, { presence: 'Busy', statusMessage: 'At the gym' }],
    ['an empty message removes the rule one', { name: 'Quiet', presence: 'Busy', statusMessage: '' }, { presence: 'Busy', statusMessage: undefined }],
  ])('%s', (_name, preset, expected) => {
    const filled = fillRuleFromPreset(RULE, preset);
    expect(filled.presence).toBe(expected.presence);
    expect(filled.statusMessage).toBe(expected.statusMessage);
    expect('statusMessage' in filled).toBe(expected.statusMessage !== undefined);
    // Only presence and message change; the draft rule itself is left alone.
    expect({ ...filled, presence: RULE.presence, statusMessage: RULE.statusMessage }).toEqual(RULE);
    expect(RULE.statusMessage).toBe('Old words');
  });

  it('a rule that runs to the end of the day says midnight', () => {
    expect(fillRuleFromPreset({ ...RULE, end: '24:00' }, focus).statusMessage).toBe('Focusing — back at midnight');
  });
});
