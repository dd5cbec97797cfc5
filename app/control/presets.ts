/**
 * Presets: a name plus an optional presence, an optional status message and an optional end. Applying one
 * is one presence command and one status command, dispatched together (one write plus one message); its
 * message may say `{end}`, filled with the local end time. Plain data and pure functions.
 */
import type { PresenceKey, Until } from '../vocabulary.ts';

/** One preset as settings.presets keeps it. */
export interface Preset {
  name: string;
  presence?: PresenceKey;
  /** May contain `{end}`: the local end time ("13:00"), or "later" when the preset has no end. */
  statusMessage?: string;
  /** How long it holds; absent: the default end (the schedule's next change, else until changed). */
  until?: Until;
}

/** The presets a fresh install ships with. */
export const DEFAULT_PRESETS: readonly Preset[] = [
  { name: 'Lunch', presence: 'Away', statusMessage: 'At lunch', until: { kind: 'duration', iso: 'PT1H' } },
  { name: 'Focus', presence: 'DoNotDisturb', statusMessage: 'Focusing — back at {end}', until: { kind: 'duration', iso: 'PT50M' } },
  { name: 'Off for the day', presence: 'Offline', until: { kind: 'next-rule' } },
];

/** The placeholder a preset's message may carry. */
export const END_PLACEHOLDER = '{end}';

/** The message with `{end}` filled in: `endWords` is the local end time, or null when nothing ends it. */
export function fillEnd(text: string, endWords: string | null): string {
  return text.split(END_PLACEHOLDER).join(endWords ?? 'later');
}

/** Longest preset name (settings/fields.ts declares the same). */
const NAME_MAX = 40;

/** A status-message-only preset from one of the older message presets (settings before version 4). */
export function presetFromMessage(text: string): Preset {
  const trimmed = text.trim();
  const name = trimmed.length > NAME_MAX ? `${trimmed.slice(0, NAME_MAX - 1)}…` : trimmed;
  return { name, statusMessage: trimmed };
}

/** What a schedule rule takes from a preset: its presence and its message. */
export interface PresetFillable {
  presence: PresenceKey;
  /** `HH:MM`; `24:00` is the end of the day. */
  end: string;
  statusMessage?: string;
}

/**
 * `rule` filled from `preset` (the schedule editor's "Fill from a preset"), as applying the preset does: what
 * the preset sets replaces the rule's, what it leaves out stays. The message's `{end}` becomes the rule's end
 * ("16:00"); the preset's duration does not apply, the rule's end does. A copy: editing the preset later
 * leaves the rule as it is.
 */
export function fillRuleFromPreset<R extends PresetFillable>(rule: R, preset: Preset): R {
  const filled: R = { ...rule, presence: preset.presence ?? rule.presence };
  if (preset.statusMessage === undefined) return filled;
  const text = fillEnd(preset.statusMessage, rule.end === '24:00' ? 'midnight' : rule.end).trim();
  if (text) filled.statusMessage = text;
  else delete filled.statusMessage;
  return filled;
}
