/**
 * One schedule rule as an editable card: name, days, start, end, presence and message, plus its handle
 * (drag / arrow keys), duplicate and delete. Edits change the draft rule in place and call `onChange`;
 * validation is main's (previewSchedule) and comes back through `setError` on the named field.
 */
import { DAYS } from '../../app/schedule/types.ts';
import type { Day, ScheduleRule } from '../../app/schedule/types.ts';
import { PRESENCE_KEYS, PRESENCES } from '../../app/presence/vocabulary.ts';
import { HIDES_MEETINGS_WORDS, hidesMeetings } from '../../app/presence/words.ts';
import { fillRuleFromPreset, type Preset } from '../../app/control/presets.ts';
import { button, field, select } from '../controls.ts';
import { h, uid } from '../dom.ts';

const DAY_NAMES: Record<Day, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };
const DAY_FULL: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** Anything that can show an error message. */
export interface ErrorSlot {
  setError(message: string | null): void;
}

/** A rule card and its error slots keyed by field path relative to the schedule (`rules[2].start`). */
export interface RuleEditor {
  root: HTMLElement;
  handle: HTMLButtonElement;
  slots: Map<string, ErrorSlot>;
}

/** What the card does with the rest of the list. */
export interface RuleActions {
  onChange(): void;
  duplicate(): void;
  remove(): void;
  /** The saved presets, read when the user opens "Fill from a preset" (they may have changed since). */
  presets(): readonly Preset[];
}

/** Build the card for `rule` at position `index` of `count`. */
export function ruleEditor(rule: ScheduleRule, index: number, count: number, actions: RuleActions): RuleEditor {
  const path = `rules[${index}]`;
  const slots = new Map<string, ErrorSlot>();
  const titleId = uid('rule');
  const title = h('h3', { id: titleId }, rule.name || 'Unnamed rule');

  const name = h('input', { type: 'text', value: rule.name, 'data-field': `${path}.name`, autocomplete: 'off' });
  name.addEventListener('input', () => {
    rule.name = name.value;
    title.textContent = name.value || 'Unnamed rule';
    labelButtons();
    actions.onChange();
  });
  const nameField = field('Name', name);
  slots.set(`${path}.name`, nameField);

  const timeInput = (key: 'start' | 'end'): HTMLInputElement => {
    // Text, not type=time: the end may be 24:00, which a time input cannot hold.
    const input = h('input', {
      type: 'text',
      value: rule[key],
      inputmode: 'numeric',
      pattern: '\\d{2}:\\d{2}',
      placeholder: 'HH:MM',
      'data-field': `${path}.${key}`,
      autocomplete: 'off',
      class: 'time',
    });
    input.addEventListener('input', () => {
      rule[key] = input.value.trim();
      showMeetingsNote();
      actions.onChange();
    });
    return input;
  };
  const startField = field('Start', timeInput('start'));
  const endField = field('End', timeInput('end'));
  slots.set(`${path}.start`, startField);
  slots.set(`${path}.end`, endField);

  const presence = select(
    PRESENCE_KEYS.map((k) => [k, PRESENCES[k].label] as const),
    rule.presence,
    { 'data-field': `${path}.presence` },
  );
  presence.addEventListener('change', () => {
    rule.presence = presence.value as ScheduleRule['presence'];
    showMeetingsNote();
    actions.onChange();
  });
  const presenceField = field('Presence', presence);
  slots.set(`${path}.presence`, presenceField);

  const message = h('input', { type: 'text', value: rule.statusMessage ?? '', 'data-field': `${path}.statusMessage`, autocomplete: 'off' });
  message.addEventListener('input', () => {
    if (message.value.trim()) rule.statusMessage = message.value;
    else delete rule.statusMessage;
    actions.onChange();
  });
  const messageField = field('Status message (optional)', message);
  slots.set(`${path}.statusMessage`, messageField);

  // A preset fills the presence and message in (a copy: the rule keeps them if the preset changes later).
  const fill = select([['', 'Choose a preset…']], '');
  const listPresets = (): void => {
    const names = actions.presets().map((p) => [p.name, p.name] as const);
    fill.replaceChildren(...[['', 'Choose a preset…'] as const, ...names].map(([v, text]) => h('option', { value: v }, text)));
  };
  fill.addEventListener('focus', listPresets);
  fill.addEventListener('change', () => {
    const preset = actions.presets().find((p) => p.name === fill.value);
    fill.value = '';
    if (!preset) return;
    const filled = fillRuleFromPreset(rule, preset);
    rule.presence = filled.presence;
    if (filled.statusMessage === undefined) delete rule.statusMessage;
    else rule.statusMessage = filled.statusMessage;
    presence.value = rule.presence;
    message.value = rule.statusMessage ?? '';
    showMeetingsNote();
    actions.onChange();
  });
  listPresets();
  const fillField = field('Fill from a preset', fill, 'Copies its presence and message into this rule.');

  const days = daysPicker(rule, path, actions.onChange);
  slots.set(`${path}.days`, days);

  // A preference outranks every session state in Graph, so a long rule of these hides the day's meetings.
  const meetingsNote = h('p', { class: 'hint', 'data-note': 'hides-meetings', hidden: true }, `${HIDES_MEETINGS_WORDS}.`);
  const showMeetingsNote = (): void => {
    meetingsNote.hidden = !hidesMeetings(rule.presence, ruleLengthMs(rule.start, rule.end));
  };
  showMeetingsNote();

  const cardError = h('p', { class: 'error', hidden: true });
  slots.set(path, {
    setError(text) {
      cardError.textContent = text ?? '';
      cardError.hidden = !text;
    },
  });

  const handle = h('button', { type: 'button', class: 'handle' }, h('span', { 'aria-hidden': 'true' }, '⠿'));
  const duplicate = button('Duplicate', actions.duplicate, 'ghost');
  const remove = button('Delete', actions.remove, 'danger');
  // Buttons are named after the rule, so a screen reader hears which rule they act on.
  const labelButtons = (): void => {
    const ruleName = rule.name || 'unnamed rule';
    handle.setAttribute('aria-label', `Move ${ruleName}: position ${index + 1} of ${count}. Drag, or use the up and down arrow keys.`);
    duplicate.setAttribute('aria-label', `Duplicate ${ruleName}`);
    remove.setAttribute('aria-label', `Delete ${ruleName}`);
  };
  labelButtons();
  const root = h(
    'li',
    { class: 'rule', 'aria-labelledby': titleId, 'data-rule-id': rule.id },
    h(
      'div',
      { class: 'rule-head' },
      handle,
      h('span', { class: 'rule-pos', 'aria-hidden': 'true' }, String(index + 1)),
      title,
      h(
        'div',
        { class: 'row row-end' },
        duplicate,
        remove,
      ),
    ),
    cardError,
    h('div', { class: 'rule-grid' }, nameField.root, presenceField.root, startField.root, endField.root, days.root, messageField.root, fillField.root),
    meetingsNote,
  );
  return { root, handle, slots };
}

/** Seven day checkboxes in a fieldset, with one error slot for the group. */
function daysPicker(rule: ScheduleRule, path: string, onChange: () => void): ErrorSlot & { root: HTMLElement } {
  const errorId = uid('days-error');
  const error = h('p', { class: 'error', id: errorId, hidden: true });
  const boxes = DAYS.map((day) => {
    const id = uid('day');
    const input = h('input', { type: 'checkbox', id, checked: rule.days.includes(day), 'data-field': `${path}.days`, value: day });
    input.addEventListener('change', () => {
      const chosen = new Set(rule.days);
      if (input.checked) chosen.add(day);
      else chosen.delete(day);
      // Keep the week order whatever order the boxes were ticked in.
      rule.days = DAYS.filter((d) => chosen.has(d));
      onChange();
    });
    return h('span', { class: 'day' }, input, h('label', { for: id, title: DAY_FULL[day] }, h('span', { 'aria-hidden': 'true' }, DAY_NAMES[day]), h('span', { class: 'sr-only' }, DAY_FULL[day])));
  });
  const fieldset = h('fieldset', { class: 'days', 'aria-describedby': errorId }, h('legend', {}, 'Days'), ...boxes, error);
  return {
    root: fieldset,
    setError(text) {
      error.textContent = text ?? '';
      error.hidden = !text;
      fieldset.classList.toggle('invalid', Boolean(text));
    },
  };
}

/** How long a rule from `start` to `end` (HH:MM; an earlier end runs into the next day) lasts, ms; 0 while a time is incomplete. */
function ruleLengthMs(start: string, end: string): number {
  const minutes = (t: string): number | null => (/^\d{2}:\d{2}$/.test(t) ? Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) : null);
  const a = minutes(start);
  const b = minutes(end);
  if (a === null || b === null) return 0;
  return ((b - a + 1440) % 1440 || 1440) * 60_000;
}
