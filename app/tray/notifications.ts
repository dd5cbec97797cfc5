/**
 * When the app tells the user something with a system notification: when the schedule changes the
 * presence, and when a problem appears that needs them (not a retryable blip such as a short network
 * loss, which the tray already shows). A pure function of the previous and the new state.
 */
import type { PresenceState } from '../control/types.ts';
import { PRESENCES } from '../presence/index.ts';
import { shortTime, type TimeOptions } from './presence-words.ts';

/** A notification to show. */
export interface NotificationText {
  title: string;
  body: string;
}

/** What to notify about the change from `prev` to `next`, or null. */
export function notificationFor(prev: PresenceState | null, next: PresenceState, options: TimeOptions): NotificationText | null {
  const error = next.lastError;
  if (error && !error.retryable && (prev?.lastError?.code !== error.code || prev.lastError.message !== error.message)) {
    return { title: `Presence Tray${next.demo ? ' (demo)' : ''}: problem`, body: error.message };
  }
  // A preset's timer ran out: say so, and what holds now.
  const ended = prev?.intent?.preset && prev.intent.endsAt && next.intent?.preset !== prev.intent.preset && Date.parse(prev.intent.endsAt) <= options.now.getTime() + 1000;
  if (ended && prev?.intent?.preset) return { title: `Presence Tray${next.demo ? ' (demo)' : ''}: ${prev.intent.preset} ended`, body: `Now: ${next.summary}` };
  const scheduled = next.scheduled;
  if (prev && next.inCharge === 'schedule' && scheduled && (prev.scheduled?.ruleId !== scheduled.ruleId || prev.inCharge !== 'schedule')) {
    const what = scheduled.presence ? PRESENCES[scheduled.presence].label : 'Teams decides';
    const until = scheduled.until ? ` until ${shortTime(scheduled.until, { ...options, timeZone: options.timeZone ?? next.zone })}` : '';
    return { title: `Presence Tray${next.demo ? ' (demo)' : ''}`, body: `${what}${until} — schedule${scheduled.ruleName ? `: ${scheduled.ruleName}` : ''}` };
  }
  return null;
}
