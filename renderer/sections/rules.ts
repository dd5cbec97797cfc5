/**
 * Rules: presence that follows the computer. Screen locked, idle for some minutes, asleep: each off until
 * the user turns it on, each with the presence it holds (and for lock and idle an optional status message).
 * Checked with the same declaration main uses (app/settings/fields.ts); saved whole through saveMachineRules.
 */
import type { MachineRules } from '../../app/control/machine.ts';
import { PRESENCE_KEYS, PRESENCES } from '../../app/presence/vocabulary.ts';
import { IDLE_MINUTES_RANGE } from '../../app/settings/fields.ts';
import { api, call, messageOf } from '../api.ts';
import { idleMinutesProblem, machineRulesProblem, statusTextProblem } from '../checks.ts';
import { busy, button, card, checkbox, field, notice, select } from '../controls.ts';
import type { Field } from '../controls.ts';
import { h } from '../dom.ts';
import type { Store } from '../store.ts';

const PRESENCE_OPTIONS = PRESENCE_KEYS.map((k) => [k, PRESENCES[k].label] as const);
/** The sleep rule's "let Teams decide" choice (no preference while asleep). */
const TEAMS_DECIDES = 'teams';

/** A presence picker and an optional status message, as one rule's controls. */
function presenceAndMessage(name: string, presence: string, message: string | undefined): { presence: HTMLSelectElement; presenceField: Field; message: HTMLInputElement; messageField: Field } {
  const picker = select(PRESENCE_OPTIONS, presence, { name: `${name}-presence` });
  const text = h('input', { type: 'text', name: `${name}-message`, value: message ?? '', autocomplete: 'off' });
  return { presence: picker, presenceField: field('Presence', picker), message: text, messageField: field('Status message (optional)', text) };
}

/** Build the Rules section. */
export function rulesSection(store: Store): HTMLElement {
  const saved = store.settings.machineRules;
  const result = notice();

  const lockOn = checkbox('When the screen is locked', saved.lock.enabled, 'Calls go to your phone while you are away from the desk.');
  const lock = presenceAndMessage('lock', saved.lock.presence, saved.lock.statusMessage);
  // Electron sends no lock events on Linux; the app reads the lock from the desktop, and some do not say.
  const linuxNote =
    store.info.platform === 'linux'
      ? h('p', { class: 'hint', 'data-testid': 'lock-linux-note' }, 'On Linux the lock is read from the desktop every 15 seconds; some desktops give no lock information, and then this rule never applies.')
      : null;

  const idleOn = checkbox('When I have been away from the computer', saved.idle.enabled, 'No keyboard or mouse input for the minutes below.');
  const minutes = h('input', { type: 'number', name: 'idle-minutes', min: String(IDLE_MINUTES_RANGE.min), max: String(IDLE_MINUTES_RANGE.max), step: '1', value: String(saved.idle.minutes), inputmode: 'numeric' });
  const minutesField = field('Minutes without input', minutes, undefined, 'field-narrow');
  const idle = presenceAndMessage('idle', saved.idle.presence, saved.idle.statusMessage);

  const sleepOn = checkbox('When the computer sleeps or shuts down', saved.sleep.enabled, 'Written as the computer goes to sleep where the system allows it, otherwise nothing is left behind: every rule runs on a one-hour lease.');
  const sleepPicker = select([[TEAMS_DECIDES, 'Let Teams decide'], ...PRESENCE_OPTIONS], saved.sleep.presence ?? TEAMS_DECIDES, { name: 'sleep-presence' });
  const sleepField = field('Presence', sleepPicker);

  /** The draft as main would store it, or null with the problems marked on their fields. */
  const draft = (): MachineRules | null => {
    let ok = true;
    const text = (input: HTMLInputElement, f: Field): string | undefined => {
      const value = input.value.trim();
      const problem = value === '' ? null : statusTextProblem(value);
      f.setError(problem);
      if (problem) ok = false;
      return value === '' ? undefined : value;
    };
    const minutesProblem = idleMinutesProblem(minutes.value);
    minutesField.setError(minutesProblem);
    if (minutesProblem) ok = false;
    const lockText = text(lock.message, lock.messageField);
    const idleText = text(idle.message, idle.messageField);
    if (!ok) return null;
    const rules: MachineRules = {
      lock: { enabled: lockOn.input.checked, presence: lock.presence.value as MachineRules['lock']['presence'], ...(lockText ? { statusMessage: lockText } : {}) },
      idle: { enabled: idleOn.input.checked, minutes: Number(minutes.value), presence: idle.presence.value as MachineRules['idle']['presence'], ...(idleText ? { statusMessage: idleText } : {}) },
      sleep: { enabled: sleepOn.input.checked, presence: sleepPicker.value === TEAMS_DECIDES ? null : (sleepPicker.value as MachineRules['lock']['presence']) },
    };
    return machineRulesProblem(rules) === null ? rules : null;
  };

  const save: HTMLButtonElement = button(
    'Save rules',
    () =>
      void busy(save, async () => {
        const rules = draft();
        if (!rules) {
          result.show('error', 'Not saved: fix the fields marked above.');
          return;
        }
        try {
          await call(api().saveMachineRules({ rules }));
          await store.reloadSettings();
          result.show('ok', 'Rules saved.');
        } catch (error) {
          result.show('error', `Not saved: ${messageOf(error)} Your edits are kept.`);
        }
      }),
    'primary',
  );

  return h(
    'div',
    { class: 'stack' },
    h('p', { class: 'hint' }, 'While one of these holds it outranks your own choice and the schedule; choosing a presence yourself ends it early. When it ends, what should hold now applies again.'),
    card('Screen locked', lockOn.root, h('div', { class: 'rule-grid' }, lock.presenceField.root, lock.messageField.root), linuxNote),
    card('Away from the computer', idleOn.root, h('div', { class: 'rule-grid' }, minutesField.root, idle.presenceField.root, idle.messageField.root)),
    card('Asleep or shut down', sleepOn.root, sleepField.root),
    h('div', { class: 'row' }, save),
    result.root,
  );
}
