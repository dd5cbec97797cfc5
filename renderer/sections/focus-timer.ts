/**
 * The focus timer: a preset with an end counts down where the user looks (Status, and Presets where it was
 * started), with End now and +15 min.
 */
import type { PresenceState } from '../../app/control/types.ts';
import { PRESENCES } from '../../app/presence/vocabulary.ts';
import { timeLeft } from '../../app/presence/words.ts';
import { api, call, messageOf } from '../api.ts';
import { button, card, notice } from '../controls.ts';
import { h } from '../dom.ts';
import type { Store } from '../store.ts';

/**
 * The running preset as a timer: what, time left, End now and +15 min; hidden when none runs. Both the Status
 * and the Presets sections show it; `testId` names its text for each.
 */
export function focusTimer(store: Store, testId: string): HTMLElement {
  const text = h('p', { 'data-testid': testId });
  const note = notice();
  const end = button('End now', () => void call(api().clearPresence()).catch((e: unknown) => note.show('error', messageOf(e))));
  const more = button('+15 min', () => void call(api().extendPreset({ minutes: 15 })).catch((e: unknown) => note.show('error', messageOf(e))));
  const root = card('Running preset', text, h('div', { class: 'row' }, end, more), note.root);
  const show = (state: PresenceState): void => {
    const intent = state.inCharge === 'manual' ? state.intent : null;
    root.hidden = !intent?.preset;
    if (!intent?.preset) return;
    const label = intent.presence ? PRESENCES[intent.presence].label : 'Teams decides';
    text.textContent = intent.endsAt ? `${intent.preset}: ${label}, ${timeLeft(Date.parse(intent.endsAt), Date.now())} left.` : `${intent.preset}: ${label}, until you change it.`;
    more.hidden = !intent.endsAt;
  };
  show(store.state);
  store.onState(show);
  // The time left moves on without a new state: redraw it every half minute.
  setInterval(() => show(store.state), 30_000);
  return root;
}
