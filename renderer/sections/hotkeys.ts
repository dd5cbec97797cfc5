/**
 * Hotkeys: each row's action, its chord (captured by pressing it while global hotkeys are suspended), an
 * enable switch, and its problem next to it — duplicate (seen here at once), invalid or held by another
 * program (reported by main). Saved explicitly; a refused save keeps the rows.
 */
import type { Until } from '../../app/control/types.ts';
import type { HotkeyBinding, HotkeyCommand } from '../../app/hotkeys/types.ts';
import type { HotkeyStatus } from '../../app/ipc/contract.ts';
import { PRESENCE_KEYS, PRESENCES, UNTIL_CHOICES } from '../../app/presence/vocabulary.ts';
import { api, call, messageOf } from '../api.ts';
import { chordKey, chordOf, keyCaps } from '../chord.ts';
import { busy, button, card, checkbox, notice, select } from '../controls.ts';
import { h, replaceChildren, uid } from '../dom.ts';
import type { Store } from '../store.ts';

const ACTIONS: ReadonlyArray<readonly [string, string]> = [
  ...PRESENCE_KEYS.map((k) => [`set:${k}`, `Set ${PRESENCES[k].label}`] as const),
  ['clear', 'Reset (let Teams decide)'],
  ['pause-schedule', 'Pause the schedule for 1 hour'],
  ['resume-schedule', 'Resume the schedule'],
  ['open-settings', 'Open settings'],
];

const DEFAULT_FOR = 'default';
const FOR_OPTIONS: ReadonlyArray<readonly [string, string]> = [[DEFAULT_FOR, 'Default duration'], ...UNTIL_CHOICES.map((c) => [c.id, c.label] as const)];

/** The actions a row may pick: the fixed ones, then "Apply preset …" for each saved preset. */
function actionsFor(presetNames: readonly string[]): ReadonlyArray<readonly [string, string]> {
  return [...ACTIONS, ...presetNames.map((name) => [`preset:${name}`, `Apply preset ${name}`] as const)];
}

function actionOf(command: HotkeyCommand): string {
  if (command.action === 'preset') return `preset:${command.name}`;
  return command.action === 'set' ? `set:${command.presence}` : command.action;
}

function forOf(command: HotkeyCommand): string {
  if (command.action !== 'set' || !command.until) return DEFAULT_FOR;
  const until = command.until;
  return UNTIL_CHOICES.find((c) => JSON.stringify(c.until) === JSON.stringify(until))?.id ?? DEFAULT_FOR;
}

function commandOf(action: string, forId: string, previous: HotkeyCommand): HotkeyCommand {
  if (action.startsWith('set:')) {
    const presence = action.slice(4) as (typeof PRESENCE_KEYS)[number];
    const until: Until | undefined = UNTIL_CHOICES.find((c) => c.id === forId)?.until;
    return until ? { action: 'set', presence, until } : { action: 'set', presence };
  }
  if (action.startsWith('preset:')) return { action: 'preset', name: action.slice(7) };
  if (action === 'pause-schedule') return previous.action === 'pause-schedule' ? previous : { action, until: { kind: 'duration', iso: 'PT1H' } };
  return { action } as HotkeyCommand;
}

/** A person-readable name of what a row does ("Set Busy, 1 hour"). */
export function describeCommand(command: HotkeyCommand): string {
  if (command.action === 'preset') return `Apply preset ${command.name}`;
  const base = ACTIONS.find(([v]) => v === actionOf(command))?.[1] ?? command.action;
  const choice = UNTIL_CHOICES.find((c) => c.id === forOf(command));
  return choice ? `${base}, ${choice.label.toLowerCase()}` : base;
}

function statusMessage(status: HotkeyStatus | undefined): string | null {
  if (!status) return null;
  switch (status.state) {
    case 'invalid':
      return status.error?.message ?? 'This chord is not a valid hotkey.';
    case 'duplicate':
      return status.error?.message ?? 'Another row uses the same chord.';
    case 'held-elsewhere':
      return status.error?.message ?? 'Another program already uses this chord; pick another one.';
    default:
      return null;
  }
}

/** Build the Hotkeys section. */
export function hotkeysSection(store: Store): HTMLElement {
  const platform = store.info.platform;
  let rows: HotkeyBinding[] = structuredClone(store.settings.hotkeys);
  let statuses = new Map<string, HotkeyStatus>();
  let capturing: string | null = null;
  const result = notice();
  const live = h('p', { class: 'sr-only', 'aria-live': 'assertive' });
  const list = h('ul', { class: 'hotkeys', 'aria-label': 'Hotkeys' });

  const duplicates = (): Map<string, number> => {
    const seen = new Map<string, number>();
    const dup = new Map<string, number>();
    rows.forEach((row, index) => {
      if (!row.enabled || !row.accelerator) return;
      const key = chordKey(row.accelerator);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else {
        dup.set(row.id, first);
        const firstRow = rows[first];
        if (firstRow && !dup.has(firstRow.id)) dup.set(firstRow.id, index);
      }
    });
    return dup;
  };

  /** Redraw every row; then focus the capture button of `focusId`, or the enable box of `focusEnabledId`. */
  const render = (focusId?: string, focusEnabledId?: string): void => {
    const dup = duplicates();
    replaceChildren(list, ...rows.map((row, index) => rowView(row, index, dup.get(row.id))));
    if (rows.length === 0) list.append(h('li', { class: 'muted' }, 'No hotkeys.'));
    if (focusId) list.querySelector<HTMLElement>(`[data-row="${focusId}"] .capture`)?.focus();
    if (focusEnabledId) list.querySelector<HTMLElement>(`[data-row="${focusEnabledId}"] input[type="checkbox"]`)?.focus();
  };

  const rowView = (row: HotkeyBinding, index: number, duplicateOf: number | undefined): HTMLElement => {
    const titleId = uid('hk');
    const names = store.settings.presets.map((p) => p.name);
    // A row bound to a preset that was renamed or deleted keeps its choice visible until it is changed.
    const own = row.command.action === 'preset' && !names.includes(row.command.name) ? [row.command.name] : [];
    const action = select(actionsFor([...names, ...own]), actionOf(row.command), { 'aria-label': `Action of hotkey ${index + 1}` });
    const forSel = select(FOR_OPTIONS, forOf(row.command), { 'aria-label': `For how long (hotkey ${index + 1})` });
    forSel.hidden = row.command.action !== 'set';
    const update = (): void => {
      row.command = commandOf(action.value, forSel.value, row.command);
      forSel.hidden = row.command.action !== 'set';
      title.textContent = describeCommand(row.command);
    };
    action.addEventListener('change', update);
    forSel.addEventListener('change', update);
    const title = h('span', { id: titleId, class: 'hk-title' }, describeCommand(row.command));

    const problems: string[] = [];
    if (duplicateOf !== undefined) {
      const other = rows[duplicateOf];
      problems.push(`Duplicate: hotkey ${duplicateOf + 1}${other ? ` (${describeCommand(other.command)})` : ''} uses the same chord.`);
    }
    const serverProblem = statusMessage(statuses.get(row.id));
    if (serverProblem && duplicateOf === undefined) problems.push(serverProblem);
    const problemId = uid('hk-problem');
    const problem = h('p', { class: 'error', id: problemId, hidden: problems.length === 0, 'data-testid': 'hotkey-problem' }, problems.join(' '));

    const caps = h('span', { class: 'caps' }, ...(row.accelerator ? keyCaps(row.accelerator, platform).map((k) => h('kbd', {}, k)) : [h('span', { class: 'muted' }, 'none')]));
    const capture = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-secondary capture',
        'aria-describedby': `${titleId} ${problemId}`,
        'aria-pressed': capturing === row.id ? 'true' : 'false',
      },
      capturing === row.id ? 'Press the new chord… (Esc cancels)' : 'Change chord',
    );
    capture.addEventListener('click', () => void (capturing === row.id ? stopCapture(row.id) : startCapture(row.id)));
    capture.addEventListener('keydown', (event) => {
      if (capturing !== row.id) return;
      event.preventDefault();
      event.stopPropagation();
      if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey) {
        void stopCapture(row.id, 'Chord unchanged.');
        return;
      }
      const chord = chordOf(event, platform);
      if (chord.kind === 'pending') return;
      if (chord.kind === 'invalid') {
        live.textContent = chord.message;
        problem.textContent = chord.message;
        problem.hidden = false;
        return;
      }
      row.accelerator = chord.accelerator;
      void stopCapture(row.id, `New chord: ${keyCaps(chord.accelerator, platform).join(' ')}.`);
    });
    capture.addEventListener('blur', () => {
      if (capturing === row.id) void stopCapture(row.id);
    });

    const enabled = checkbox('Enabled', row.enabled, undefined, (on) => {
      row.enabled = on;
      render(undefined, row.id);
    });
    // Every row has an "Enabled" box; the description says which hotkey this one is.
    enabled.input.setAttribute('aria-describedby', titleId);
    const remove = button('Remove', () => {
      rows = rows.filter((r) => r.id !== row.id);
      render();
      addBtn.focus(); // the removed row held the focus; keep it in the section
    }, 'danger', { 'aria-label': `Remove hotkey ${index + 1}` });

    return h(
      'li',
      { class: `hotkey${problems.length ? ' has-problem' : ''}`, 'data-row': row.id, 'aria-labelledby': titleId },
      h('div', { class: 'hk-main' }, title, h('div', { class: 'row' }, caps, enabled.root)),
      h('div', { class: 'row hk-controls' }, action, forSel, capture, remove),
      problem,
    );
  };

  const startCapture = async (id: string): Promise<void> => {
    if (capturing) await stopCapture(capturing);
    capturing = id;
    // Update the button in place: redrawing would remove the focused button, and its blur would end the capture.
    const btn = list.querySelector<HTMLButtonElement>(`[data-row="${id}"] .capture`);
    if (btn) {
      btn.textContent = 'Press the new chord… (Esc cancels)';
      btn.setAttribute('aria-pressed', 'true');
      btn.focus();
    }
    live.textContent = 'Press the new chord. Escape cancels.';
    try {
      // Main suspends the global hotkeys, so the chord reaches this window instead of acting.
      await call(api().beginHotkeyCapture());
    } catch (error) {
      result.show('error', messageOf(error));
    }
  };
  const stopCapture = async (id: string, message?: string): Promise<void> => {
    if (capturing !== id) return;
    capturing = null;
    render(id);
    if (message) live.textContent = message;
    try {
      await call(api().endHotkeyCapture());
    } catch (error) {
      result.show('error', messageOf(error));
    }
  };

  const addBtn = button('Add hotkey', () => {
    const id = `hk-${Date.now().toString(36)}`;
    rows.push({ id, accelerator: '', command: { action: 'set', presence: 'Available' }, enabled: true });
    render();
    void startCapture(id);
  });
  const saveBtn = button(
    'Save hotkeys',
    () =>
      void busy(saveBtn, async () => {
        const missing = rows.findIndex((r) => r.enabled && !r.accelerator);
        if (missing >= 0) {
          result.show('error', `Hotkey ${missing + 1} has no chord yet: press “Change chord” and then the keys.`);
          return;
        }
        try {
          const reply = await call(api().saveHotkeys({ hotkeys: rows }));
          statuses = new Map(reply.status.map((s) => [s.id, s]));
          const bad = reply.status.filter((s) => statusMessage(s));
          if (bad.length) result.show('error', `Saved, but ${bad.length === 1 ? 'one hotkey does' : `${bad.length} hotkeys do`} not work; see the message beside it.`);
          else result.show('ok', 'Hotkeys saved.');
          rows = structuredClone((await store.reloadSettings()).hotkeys);
        } catch (error) {
          result.show('error', `Not saved: ${messageOf(error)} Your edits are kept.`);
        }
        render();
      }),
    'primary',
  );
  const revertBtn = button('Discard changes', () => {
    rows = structuredClone(store.settings.hotkeys);
    render();
  });

  render();
  void call(api().getHotkeyStatus())
    .then((reply) => {
      statuses = new Map(reply.status.map((s) => [s.id, s]));
      if (!capturing) render();
    })
    .catch((error: unknown) => result.show('error', messageOf(error)));

  return h(
    'div',
    { class: 'stack' },
    card(
      'Hotkeys',
      h('p', { class: 'hint' }, 'Global shortcuts work in every app. To change one, press “Change chord”, then the keys together; global hotkeys pause while you do.'),
      list,
      h('div', { class: 'row' }, addBtn),
      live,
    ),
    h('div', { class: 'savebar', role: 'region', 'aria-label': 'Save hotkeys' }, h('div', { class: 'row' }, revertBtn, saveBtn), result.root),
  );
}
