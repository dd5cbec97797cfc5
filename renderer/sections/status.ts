/**
 * Status: what Teams shows, what the app holds and why, the six choices with "For…", and the status message
 * with its expiry and presets. Every button is one controller command through the IPC contract.
 */
import type { PresenceState, Until } from '../../app/control/types.ts';
import { PRESENCE_KEYS, PRESENCES, UNTIL_CHOICES } from '../../app/presence/vocabulary.ts';
import { STATUS_TEXT_MAX } from '../../app/settings/fields.ts';
import { statusTextProblem } from '../checks.ts';
import { api, call, messageOf } from '../api.ts';
import { busy, button, card, field, notice, select } from '../controls.ts';
import { h, replaceChildren } from '../dom.ts';
import { actualLabel, formatWhen, presenceLabel, sourceLabel, toneOf, untilText } from '../format.ts';
import type { Store } from '../store.ts';
import { focusTimer } from './focus-timer.ts';

const MESSAGE_EXPIRY = UNTIL_CHOICES.filter((c) => ['1h', '4h', 'eod', 'next', 'forever'].includes(c.id));

/** Build the Status section. */
export function statusSection(store: Store): HTMLElement {
  const now = h('div', { class: 'now' });
  const result = notice();

  const forSelect = select(
    UNTIL_CHOICES.map((c) => [c.id, c.label] as const),
    store.state.scheduled ? 'next' : 'forever',
    { name: 'for' },
  );
  const forField = field('For', forSelect, 'How long the choice holds; afterwards the schedule (or Teams) decides again.', 'field-narrow');
  const choiceButtons = PRESENCE_KEYS.map((key) =>
    h(
      'button',
      { type: 'button', class: 'choice', 'data-presence': key, 'aria-pressed': 'false', onclick: () => void choose(key) },
      h('span', { class: `dot ${toneOf(key)}`, 'aria-hidden': 'true' }),
      PRESENCES[key].label,
    ),
  );
  const clearBtn = button('Reset: let Teams decide', () => void busy(clearBtn, async () => report(await call(api().clearPresence()), 'Preference cleared.')), 'ghost');

  const choose = async (key: (typeof PRESENCE_KEYS)[number]): Promise<void> => {
    const choice = UNTIL_CHOICES.find((c) => c.id === forSelect.value);
    try {
      const outcome = await call(api().setPresence({ presence: key, ...(choice ? { until: choice.until } : {}) }));
      report(outcome, `${PRESENCES[key].label}, ${choice ? choice.label.toLowerCase() : ''}.`);
    } catch (error) {
      result.show('error', messageOf(error));
    }
  };
  const report = (outcome: { outcome: string; error?: { message: string } }, applied: string): void => {
    if (outcome.outcome === 'failed') result.show('error', outcome.error?.message ?? 'Teams did not accept the change.');
    else if (outcome.outcome === 'queued') result.show('info', `Kept for later: ${outcome.error?.message ?? 'it will be applied as soon as possible.'}`);
    else result.show('ok', outcome.outcome === 'superseded' ? 'A newer choice replaced this one.' : applied);
  };

  const message = messageCard(store);
  const update = (state: PresenceState): void => {
    replaceChildren(now, ...nowLines(state));
    for (const btn of choiceButtons) {
      btn.setAttribute('aria-pressed', String(state.intent?.presence === btn.dataset.presence && state.inCharge === 'manual'));
    }
    // "Until the next scheduled change" only means something while a schedule runs.
    const nextRule = forSelect.querySelector<HTMLOptionElement>('option[value="next"]');
    if (nextRule) nextRule.disabled = !state.scheduled;
    if (!state.scheduled && forSelect.value === 'next') forSelect.value = 'forever';
    message.update(state);
  };
  update(store.state);
  store.onState(update);

  return h(
    'div',
    { class: 'stack' },
    card('Right now', now),
    focusTimer(store, 'status-focus-left'),
    card(
      'Set presence',
      forField.root,
      h('div', { class: 'choices', role: 'group', 'aria-label': 'Presence' }, ...choiceButtons),
      h('div', { class: 'row' }, clearBtn),
      result.root,
    ),
    message.root,
  );
}

/** The lines of the "Right now" card. */
function nowLines(state: PresenceState): Node[] {
  const lines: Node[] = [];
  const actual = state.actual;
  lines.push(
    h(
      'p',
      { class: 'now-main' },
      h('span', { class: `dot dot-lg ${toneOf(actual?.availability ?? null)}`, 'aria-hidden': 'true' }),
      h('span', {}, 'Teams shows ', h('strong', { 'data-testid': 'actual' }, actual ? actualLabel(actual) : 'not read yet')),
    ),
  );
  if (actual?.statusMessage) lines.push(h('p', {}, 'Message in Teams: ', h('q', {}, actual.statusMessage)));
  lines.push(h('p', { class: 'summary', 'data-testid': 'summary' }, state.summary));
  lines.push(h('p', { class: 'muted' }, inChargeText(state)));
  if (state.statusMessage) {
    lines.push(h('p', {}, 'Status message ', h('q', {}, state.statusMessage.text), ` ${untilText(state.statusMessage.until, state.zone)}.`));
  }
  if (state.pause) lines.push(h('p', { class: 'muted' }, `Schedule paused ${untilText(state.pause.until, state.zone)}.`));
  if (state.difference) {
    lines.push(h('div', { class: 'callout', 'data-testid': 'difference' }, h('strong', {}, 'Why Teams shows something else: '), state.difference.explanation));
  }
  if (state.pending) lines.push(h('p', { class: 'callout' }, pendingText(state.pending.reason)));
  if (state.lastError) lines.push(h('p', { class: 'callout callout-error', role: 'alert' }, state.lastError.message));
  if (actual) lines.push(h('p', { class: 'hint' }, `Last read at ${formatWhen(actual.readAt, state.zone)}.`));
  return lines;
}

function inChargeText(state: PresenceState): string {
  const intent = state.intent;
  switch (state.inCharge) {
    case 'manual':
      return intent
        ? `${presenceLabel(intent.presence)} was set from ${sourceLabel(intent.source)} at ${formatWhen(intent.since, state.zone)} and holds ${untilText(intent.endsAt, state.zone)}.`
        : 'A manual choice is in charge.';
    case 'schedule': {
      const s = state.scheduled;
      if (!s) return 'The schedule is in charge.';
      const rule = s.ruleName ? `rule “${s.ruleName}”` : 'outside every rule';
      return `The schedule is in charge (${rule}): ${presenceLabel(s.presence)} ${untilText(s.until, state.zone)}.`;
    }
    case 'teams':
      return 'Someone changed the presence in Teams, so the app stopped re-asserting it until the next scheduled change or your next choice.';
    default:
      return 'Nothing is set by this app: Teams decides.';
  }
}

function pendingText(reason: NonNullable<PresenceState['pending']>['reason']): string {
  switch (reason) {
    case 'offline':
      return 'Waiting for the network: your choice will be sent when the connection is back.';
    case 'throttled':
      return 'Microsoft Graph asked the app to slow down; your choice will be sent shortly.';
    case 'signed-out':
      return 'Sign in to send your choice to Teams (Account section).';
    case 'retrying':
      return 'Retrying after a failure…';
    default:
      return 'Sending…';
  }
}

/** The status message card: text, expiry, presets. */
function messageCard(store: Store): { root: HTMLElement; update(state: PresenceState): void } {
  const text = h('input', { type: 'text', name: 'message', maxlength: String(STATUS_TEXT_MAX), autocomplete: 'off' });
  const textField = field('Message', text, 'Shown beside your presence in Teams.');
  const expiry = select(
    MESSAGE_EXPIRY.map((c) => [c.id, c.id === 'forever' ? 'Never' : c.label] as const),
    'forever',
    { name: 'message-expiry' },
  );
  const expiryField = field('Expires', expiry);
  const result = notice();
  const presetList = h('ul', { class: 'chips', 'aria-label': 'Message presets' });
  let presets = [...store.settings.statusPresets];

  const savePresets = async (next: string[]): Promise<void> => {
    try {
      await call(api().saveStatusPresets({ presets: next }));
      presets = next;
      renderPresets();
    } catch (error) {
      result.show('error', messageOf(error));
    }
  };
  const renderPresets = (): void => {
    replaceChildren(
      presetList,
      ...presets.map((preset) =>
        h(
          'li',
          { class: 'chip' },
          h('button', { type: 'button', class: 'chip-fill', onclick: () => ((text.value = preset), text.focus()) }, preset),
          h(
            'button',
            { type: 'button', class: 'chip-remove', 'aria-label': `Remove preset “${preset}”`, onclick: () => void savePresets(presets.filter((p) => p !== preset)) },
            '×',
          ),
        ),
      ),
    );
    if (presets.length === 0) presetList.append(h('li', { class: 'hint' }, 'No presets yet.'));
  };
  renderPresets();

  const setBtn = button(
    'Set message',
    () =>
      void busy(setBtn, async () => {
        const value = text.value.trim();
        const problem = value ? statusTextProblem(value) : 'Type a message first, or use “Clear message”.';
        if (problem) {
          textField.setError(problem);
          text.focus();
          return;
        }
        textField.setError(null);
        const choice = MESSAGE_EXPIRY.find((c) => c.id === expiry.value);
        const until: Until | undefined = choice?.until;
        try {
          const outcome = await call(api().setStatusMessage({ text: value, ...(until ? { until } : {}) }));
          result.show(outcome.outcome === 'failed' ? 'error' : 'ok', outcome.outcome === 'failed' ? (outcome.error?.message ?? 'Not accepted.') : 'Message set.');
        } catch (error) {
          result.show('error', messageOf(error));
        }
      }),
    'primary',
  );
  const clearBtn = button(
    'Clear message',
    () =>
      void busy(clearBtn, async () => {
        try {
          await call(api().clearStatusMessage());
          result.show('ok', 'Message cleared.');
        } catch (error) {
          result.show('error', messageOf(error));
        }
      }),
  );
  const addPreset = button('Save as preset', () => {
    const value = text.value.trim();
    if (!value) return textField.setError('Type the message to keep as a preset.');
    const problem = statusTextProblem(value);
    if (problem) return textField.setError(problem);
    textField.setError(null);
    if (!presets.includes(value)) void savePresets([...presets, value]);
  }, 'ghost');

  const current = h('p', { class: 'muted' });
  const root = card(
    'Status message',
    current,
    h('div', { class: 'grid-2' }, textField.root, expiryField.root),
    h('div', { class: 'row' }, setBtn, clearBtn, addPreset),
    h('h3', {}, 'Presets'),
    presetList,
    result.root,
  );
  return {
    root,
    update(state) {
      current.textContent = state.statusMessage
        ? `Current message: “${state.statusMessage.text}”, ${untilText(state.statusMessage.until, state.zone)}.`
        : 'No status message set by this app.';
    },
  };
}
