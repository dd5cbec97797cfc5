/**
 * Schedule: the editable draft (enable, time zone, outside policy, ordered rules), its live validation and
 * week preview through the `previewSchedule` query (which never saves), an explicit Save that main may
 * refuse (the draft stays), and the pause controls (immediate commands).
 */
import type { AppError } from '../../app/errors.ts';
import type { PresenceState } from '../../app/control/types.ts';
import type { Schedule, ScheduleRule } from '../../app/schedule/types.ts';
import { api, call, messageOf } from '../api.ts';
import { busy, button, card, checkbox, field, notice, select } from '../controls.ts';
import { h, replaceChildren } from '../dom.ts';
import { untilText } from '../format.ts';
import { reorderable } from '../reorder.ts';
import type { Store } from '../store.ts';
import type { ErrorSlot } from './rule-editor.ts';
import { ruleEditor } from './rule-editor.ts';
import { weekGrid } from './week-grid.ts';

const clone = (s: Schedule): Schedule => JSON.parse(JSON.stringify(s)) as Schedule;

/** Build the Schedule section. */
export function scheduleSection(store: Store): HTMLElement {
  let saved = clone(store.settings.schedule);
  let draft = clone(saved);
  let slots = new Map<string, ErrorSlot>();
  let previewSeq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const live = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const result = notice();
  const problemsBox = h('div', { class: 'callout callout-error', hidden: true, 'data-testid': 'schedule-problems' });
  const dirtyText = h('span', { class: 'muted', 'data-testid': 'dirty' });
  const grid = weekGrid();

  // Schedule-wide settings.
  const enabled = checkbox('Follow this schedule', draft.enabled, 'When off, presence changes only when you choose one.', (on) => {
    draft.enabled = on;
    changed();
  });
  const zoneList = h('datalist', { id: 'time-zones' }, h('option', { value: 'system' }), ...zoneNames().map((z) => h('option', { value: z })));
  const zone = h('input', { type: 'text', list: 'time-zones', value: draft.timeZone, 'data-field': 'timeZone', autocomplete: 'off' });
  zone.addEventListener('input', () => {
    draft.timeZone = zone.value.trim();
    changed();
  });
  const zoneField = field('Time zone', zone, `“system” follows this computer (now ${Intl.DateTimeFormat().resolvedOptions().timeZone}).`);
  const outside = select(
    [
      ['clear', 'Remove my preference: Teams decides'],
      ['keep', 'Keep whatever was set last'],
    ],
    draft.outside,
    { 'data-field': 'outside' },
  );
  outside.addEventListener('change', () => {
    draft.outside = outside.value as Schedule['outside'];
    changed();
  });
  const outsideField = field('Outside the rules', outside, 'What happens at times no rule covers.');
  const topSlots: Array<[string, ErrorSlot]> = [
    ['timeZone', zoneField],
    ['outside', outsideField],
  ];

  // Rules.
  const list = h('ol', { class: 'rules', 'aria-label': 'Rules, first match wins' });
  const renderRules = (focusHandleAt?: number): void => {
    slots = new Map(topSlots);
    const editors = draft.rules.map((rule, index) =>
      ruleEditor(rule, index, draft.rules.length, {
        onChange: changed,
        presets: () => store.settings.presets,
        duplicate: () => {
          const copy: ScheduleRule = { ...clone({ ...draft, rules: [rule] }).rules[0]!, id: newId(), name: `${rule.name} (copy)` };
          draft.rules.splice(index + 1, 0, copy);
          structureChanged();
          announce(`Duplicated ${rule.name}.`);
          list.querySelectorAll<HTMLInputElement>('input[data-field$=".name"]')[index + 1]?.focus();
        },
        remove: () => {
          draft.rules.splice(index, 1);
          structureChanged();
          announce(`Deleted ${rule.name || 'rule'}.`);
          // Focus stays in the list rather than falling back to the page top.
          (list.querySelectorAll<HTMLButtonElement>('.handle')[Math.min(index, draft.rules.length - 1)] ?? addBtn).focus();
        },
      }),
    );
    for (const [index, editor] of editors.entries()) {
      for (const [key, slot] of editor.slots) slots.set(key, slot);
      reorderable(editor.root, editor.handle, index, {
        count: () => draft.rules.length,
        nameAt: (i) => draft.rules[i]?.name || 'Rule',
        announce,
        move: (from, to) => {
          const [moved] = draft.rules.splice(from, 1);
          if (moved) draft.rules.splice(to, 0, moved);
          structureChanged(to);
        },
      });
    }
    replaceChildren(list, ...editors.map((e) => e.root));
    if (draft.rules.length === 0) list.append(h('li', { class: 'muted' }, 'No rules: the “outside the rules” choice applies all week.'));
    if (focusHandleAt !== undefined) list.querySelectorAll<HTMLButtonElement>('.handle')[focusHandleAt]?.focus();
  };
  const structureChanged = (focusHandleAt?: number): void => {
    renderRules(focusHandleAt);
    changed();
  };
  const announce = (text: string): void => {
    live.textContent = text;
  };
  const addBtn = button(
    'Add rule',
    () => {
      draft.rules.push({ id: newId(), name: 'New rule', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', presence: 'Busy' });
      structureChanged();
      const names = list.querySelectorAll<HTMLInputElement>('input[data-field$=".name"]');
      names[names.length - 1]?.select();
      names[names.length - 1]?.focus();
    },
    'secondary',
  );

  // Validation and preview of the draft, debounced so typing "09:30" asks once.
  const changed = (): void => {
    dirtyText.textContent = JSON.stringify(draft) === JSON.stringify(saved) ? 'No unsaved changes.' : 'Unsaved changes.';
    clearTimeout(timer);
    timer = setTimeout(() => void preview(), 150);
  };
  const preview = async (): Promise<void> => {
    const seq = ++previewSeq;
    try {
      const reply = await call(api().previewSchedule({ schedule: draft }));
      if (seq !== previewSeq) return; // a newer draft is already being previewed
      showProblems(reply.problems);
      grid.show(reply.preview, reply.problems.length ? 'Fix the problems above to see the week.' : 'No preview.');
    } catch (error) {
      if (seq === previewSeq) grid.show(null, `Could not preview: ${messageOf(error)}`);
    }
  };
  const showProblems = (problems: AppError[]): void => {
    for (const slot of slots.values()) slot.setError(null);
    const unplaced: AppError[] = [];
    for (const problem of problems) {
      const slot = slotFor(slots, problem.field, draft);
      if (slot) slot.setError(problem.message);
      else unplaced.push(problem);
    }
    replaceChildren(
      problemsBox,
      problems.length ? h('strong', {}, problems.length === 1 ? '1 problem to fix before saving.' : `${problems.length} problems to fix before saving.`) : null,
      unplaced.length ? h('ul', {}, ...unplaced.map((p) => h('li', {}, p.message))) : null,
    );
    problemsBox.hidden = problems.length === 0;
  };

  const saveBtn = button(
    'Save schedule',
    () =>
      void busy(saveBtn, async () => {
        result.clear();
        const sent = clone(draft);
        try {
          const reply = await call(api().saveSchedule({ schedule: sent }));
          if (reply.problems.length) {
            showProblems(reply.problems);
            result.show('error', `Not saved: ${reply.problems[0]?.message ?? 'the schedule has problems.'} Your edits are kept.`);
            return;
          }
          saved = clone((await store.reloadSettings()).schedule);
          result.show('ok', 'Schedule saved.');
          changed();
        } catch (error) {
          result.show('error', `Not saved: ${messageOf(error)} Your edits are kept.`);
        }
      }),
    'primary',
  );
  const revertBtn = button('Discard changes', () => {
    draft = clone(saved);
    enabled.input.checked = draft.enabled;
    zone.value = draft.timeZone;
    outside.value = draft.outside;
    structureChanged();
    result.show('info', 'Changes discarded.');
  });

  const pause = pauseCard(store);
  renderRules();
  changed();

  return h(
    'div',
    { class: 'stack' },
    card('Schedule', enabled.root, h('div', { class: 'grid-2' }, zoneField.root, outsideField.root), zoneList, pause.root),
    card('Next 7 days', h('p', { class: 'hint' }, 'Preview of the rules below, including changes you have not saved yet.'), grid.root),
    card(
      'Rules',
      h(
        'p',
        { class: 'hint' },
        'Where rules overlap, the first in the list wins. Times are 24-hour (09:00); an end earlier than the start runs past midnight, and 24:00 is the end of the day. A rule’s status message is cleared when it ends. To reorder, drag a rule by its handle, or focus the handle and press the up and down arrow keys.',
      ),
      problemsBox,
      list,
      h('div', { class: 'row' }, addBtn),
      live,
    ),
    h('div', { class: 'savebar', role: 'region', 'aria-label': 'Save schedule' }, dirtyText, h('div', { class: 'row' }, revertBtn, saveBtn), result.root),
  );
}

/** The slot for a problem's field path: exact, else the nearest enclosing path (`rules[2].days[0]` → `rules[2].days`). */
function slotFor(slots: Map<string, ErrorSlot>, fieldPath: string | undefined, draft: Schedule): ErrorSlot | undefined {
  if (!fieldPath) return undefined;
  // Paths may be rooted at the settings (`schedule.rules[1].end`) or name the rule by id (`rules[lunch]`).
  let path = fieldPath.replace(/^schedule\./, '').replace(/rules\[([^\]]+)\]/, (whole, key: string) => {
    if (/^\d+$/.test(key)) return whole;
    const index = draft.rules.findIndex((r) => r.id === key);
    return index >= 0 ? `rules[${index}]` : whole;
  });
  while (path) {
    const slot = slots.get(path);
    if (slot) return slot;
    const shorter = path.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
    if (shorter === path) break;
    path = shorter;
  }
  return undefined;
}

/** Pause and resume: immediate commands, shown with the current pause. */
function pauseCard(store: Store): { root: HTMLElement } {
  const status = h('p', { class: 'muted' });
  const result = notice();
  const run = (btn: HTMLButtonElement, action: () => Promise<unknown>, done: string): void =>
    void busy(btn, async () => {
      try {
        await action();
        result.show('ok', done);
      } catch (error) {
        result.show('error', messageOf(error));
      }
    });
  const hour: HTMLButtonElement = button('Pause for 1 hour', () => run(hour, () => call(api().pauseSchedule({ until: { kind: 'duration', iso: 'PT1H' } })), 'Schedule paused for 1 hour.'));
  const today: HTMLButtonElement = button('Pause for the rest of today', () => run(today, () => call(api().pauseSchedule({ until: { kind: 'end-of-day' } })), 'Schedule paused until tomorrow.'));
  const resume: HTMLButtonElement = button('Resume', () => run(resume, () => call(api().resumeSchedule()), 'Schedule resumed.'));
  const update = (state: PresenceState): void => {
    status.textContent = state.pause
      ? `Scheduled changes are paused ${untilText(state.pause.until, state.zone)}.`
      : store.settings.schedule.enabled
        ? 'The saved schedule is running.'
        : 'The saved schedule is off.';
    resume.disabled = !state.pause;
  };
  update(store.state);
  store.onState(update);
  const titleId = 'pause-title';
  return {
    root: h('div', { class: 'subsection', role: 'group', 'aria-labelledby': titleId }, h('h3', { id: titleId }, 'Pause'), status, h('div', { class: 'row' }, hour, today, resume), result.root),
  };
}

function newId(): string {
  return `rule-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

function zoneNames(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}
