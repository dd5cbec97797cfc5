/**
 * Presets: the running one as a focus timer (time left, End now, +15 min), then the list to edit — name,
 * presence, status message (`{end}` becomes the local end time) and end — with apply, duplicate, move and
 * delete on each, checked with the same declaration main uses and saved whole through savePresets.
 */
import type { Preset } from '../../app/control/presets.ts';
import { PRESENCE_KEYS, PRESENCES } from '../../app/presence/vocabulary.ts';
import { FIELDS, fieldProblem } from '../../app/settings/fields.ts';
import { api, call, messageOf } from '../api.ts';
import { presetsProblem, statusTextProblem } from '../checks.ts';
import { busy, button, card, field, notice, select } from '../controls.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import type { Store } from '../store.ts';
import { focusTimer } from './focus-timer.ts';

const NO_PRESENCE = 'none';
const ENDS: ReadonlyArray<readonly [string, string]> = [
  ['default', 'Default (the next scheduled change, else until changed)'],
  ['minutes', 'After a number of minutes'],
  ['end-of-day', 'At the end of the day'],
  ['next-rule', 'At the next scheduled change'],
  ['forever', 'Until I change it'],
];

/** Minutes of a whole-minute duration (`PT50M`, `PT1H`, `PT1H30M`), or null. */
function minutesOf(iso: string): number | null {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso);
  return m && (m[1] || m[2]) ? Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0) : null;
}

function endOf(preset: Preset): { kind: string; minutes: string } {
  const u = preset.until;
  if (!u) return { kind: 'default', minutes: '60' };
  if (u.kind === 'duration') return { kind: 'minutes', minutes: String(minutesOf(u.iso) ?? 60) };
  return { kind: u.kind === 'at' ? 'default' : u.kind, minutes: '60' };
}

/** Build the Presets section. */
export function presetsSection(store: Store): HTMLElement {
  let draft: Preset[] = structuredClone(store.settings.presets);
  const list = h('ol', { class: 'presets', 'aria-label': 'Presets' });
  const result = notice();

  const card1 = (preset: Preset, index: number): HTMLElement => {
    const titleId = uid('preset');
    const title = h('h3', { id: titleId }, preset.name || 'Unnamed preset');
    const name = h('input', { type: 'text', value: preset.name, autocomplete: 'off', 'data-field': `presets[${index}].name` });
    const nameField = field('Name', name);
    name.addEventListener('input', () => {
      preset.name = name.value;
      title.textContent = name.value || 'Unnamed preset';
      nameField.setError(fieldProblem(FIELDS.presetName, name.value.trim()));
    });
    const presence = select([[NO_PRESENCE, 'No change'], ...PRESENCE_KEYS.map((k) => [k, PRESENCES[k].label] as const)], preset.presence ?? NO_PRESENCE);
    presence.addEventListener('change', () => {
      if (presence.value === NO_PRESENCE) delete preset.presence;
      else preset.presence = presence.value as Preset['presence'];
    });
    const message = h('input', { type: 'text', value: preset.statusMessage ?? '', autocomplete: 'off' });
    const messageField = field('Status message (optional)', message, '{end} becomes the time it ends, e.g. "Back at {end}".');
    message.addEventListener('input', () => {
      const value = message.value.trim();
      if (value) preset.statusMessage = value;
      else delete preset.statusMessage;
      messageField.setError(value ? statusTextProblem(value) : null);
    });
    const current = endOf(preset);
    const ends = select(ENDS, current.kind);
    const minutes = h('input', { type: 'number', min: '1', max: '1440', step: '1', value: current.minutes, inputmode: 'numeric' });
    const minutesField = field('Minutes', minutes, undefined, 'field-narrow');
    const syncEnd = (): void => {
      minutesField.root.hidden = ends.value !== 'minutes';
      const n = Number(minutes.value);
      if (ends.value === 'default') delete preset.until;
      else if (ends.value === 'minutes') preset.until = { kind: 'duration', iso: `PT${Number.isInteger(n) && n > 0 ? n : 0}M` };
      else preset.until = { kind: ends.value as 'end-of-day' | 'next-rule' | 'forever' };
      minutesField.setError(ends.value === 'minutes' && !(Number.isInteger(n) && n >= 1 && n <= 1440) ? 'Whole minutes from 1 to 1440.' : null);
    };
    ends.addEventListener('change', syncEnd);
    minutes.addEventListener('input', syncEnd);
    syncEnd();
    const who = preset.name || 'unnamed preset';
    const apply = button('Apply', () => void call(api().applyPreset({ name: preset.name })).then(() => result.show('ok', `${preset.name} applied.`), (e: unknown) => result.show('error', messageOf(e))), 'secondary', { 'aria-label': `Apply ${who} (saved version)` });
    const up = button('Move up', () => move(index, -1), 'ghost', { 'aria-label': `Move up: ${who}`, disabled: index === 0 });
    const down = button('Move down', () => move(index, 1), 'ghost', { 'aria-label': `Move down: ${who}`, disabled: index === draft.length - 1 });
    const copy = button('Duplicate', () => duplicate(index), 'ghost', { 'aria-label': `Duplicate ${who}` });
    const remove = button('Delete', () => removeAt(index), 'danger', { 'aria-label': `Delete ${who}` });
    return h(
      'li',
      { class: 'preset', 'aria-labelledby': titleId, 'data-preset': String(index) },
      h('div', { class: 'rule-head' }, title, h('div', { class: 'row row-end' }, apply, up, down, copy, remove)),
      h('div', { class: 'rule-grid' }, nameField.root, field('Presence', presence).root, messageField.root, field('Ends', ends).root, minutesField.root),
    );
  };

  const render = (focus?: string): void => {
    replaceChildren(list, ...draft.map((p, i) => card1(p, i)));
    if (draft.length === 0) list.append(h('li', { class: 'muted' }, 'No presets.'));
    if (focus) list.querySelector<HTMLElement>(focus)?.focus();
  };
  const move = (index: number, by: number): void => {
    const [item] = draft.splice(index, 1);
    if (item) draft.splice(index + by, 0, item);
    render(`[data-preset="${index + by}"] button[aria-label^="Move ${by < 0 ? 'up' : 'down'}"], [data-preset="${index + by}"] input`);
  };
  const duplicate = (index: number): void => {
    const source = draft[index];
    if (!source) return;
    draft.splice(index + 1, 0, { ...structuredClone(source), name: `${source.name} copy`.slice(0, 40) });
    render(`[data-preset="${index + 1}"] input`);
  };
  const removeAt = (index: number): void => {
    draft.splice(index, 1);
    render(draft.length ? `[data-preset="${Math.min(index, draft.length - 1)}"] input` : undefined);
  };
  const add = button('Add preset', () => {
    draft.push({ name: `Preset ${draft.length + 1}`, presence: 'Busy', until: { kind: 'duration', iso: 'PT30M' } });
    render(`[data-preset="${draft.length - 1}"] input`);
  });
  const save: HTMLButtonElement = button(
    'Save presets',
    () =>
      void busy(save, async () => {
        const clean = draft.map((p) => ({ ...p, name: p.name.trim() }));
        const problem = presetsProblem(clean);
        if (problem || list.querySelector('[aria-invalid="true"]:not([hidden])')) {
          result.show('error', `Not saved: ${problem ?? 'fix the fields marked above.'}`);
          return;
        }
        try {
          await call(api().savePresets({ presets: clean }));
          draft = structuredClone((await store.reloadSettings()).presets);
          render();
          result.show('ok', 'Presets saved.');
        } catch (error) {
          result.show('error', `Not saved: ${messageOf(error)} Your edits are kept.`);
        }
      }),
    'primary',
  );
  render();
  return h('div', { class: 'stack' }, focusTimer(store, 'focus-left'), card('Presets', list, h('div', { class: 'row' }, add, save), result.root));
}
