/**
 * The tray's tooltip and icon for a state, as pure functions: the tooltip says what holds, until when and
 * who set it ("Busy — until 15:00 (tray)"); the icon shows the real presence, or signed-out, offline or
 * error, with a demo variant.
 */
import type { PresenceState } from '../control/types.ts';
import { PRESENCES, type PresenceKey } from '../presence/index.ts';
import { HIDES_MEETINGS_WORDS, MACHINE_RULE_WORDS, hidesMeetings, timeLeft } from '../presence/words.ts';
import { actualLabel, untilWords, type TimeOptions } from './presence-words.ts';

/** The icon states: one per presence as Teams shows it, plus the app's own conditions. */
export const TRAY_ICONS = [
  'available',
  'busy',
  'do-not-disturb',
  'be-right-back',
  'away',
  'appear-offline',
  'unknown',
  'signed-out',
  'offline',
  'error',
] as const;

/** One tray icon state. */
export type TrayIconName = (typeof TRAY_ICONS)[number];

const BY_KEY: Readonly<Record<PresenceKey, TrayIconName>> = {
  Available: 'available',
  Busy: 'busy',
  DoNotDisturb: 'do-not-disturb',
  BeRightBack: 'be-right-back',
  Away: 'away',
  Offline: 'appear-offline',
};

// Graph reports more availabilities than the six choices; idle variants look like their base.
const BY_AVAILABILITY: Readonly<Record<string, TrayIconName>> = {
  Available: 'available',
  AvailableIdle: 'available',
  Busy: 'busy',
  BusyIdle: 'busy',
  DoNotDisturb: 'do-not-disturb',
  BeRightBack: 'be-right-back',
  Away: 'away',
  Offline: 'appear-offline',
};

/** Which icon a state shows, and whether it wears the demo badge. Conditions outrank the presence. */
export function trayIcon(state: PresenceState, configured: boolean): { name: TrayIconName; demo: boolean } {
  const demo = state.demo;
  if (!configured || state.auth.status === 'signed-out' || state.auth.status === 'expired') return { name: 'signed-out', demo };
  if (state.network === 'offline') return { name: 'offline', demo };
  if (state.lastError && !state.lastError.retryable) return { name: 'error', demo };
  if (state.actual) return { name: BY_AVAILABILITY[state.actual.availability] ?? 'unknown', demo };
  const held = state.intent?.presence;
  return { name: held ? BY_KEY[held] : 'unknown', demo };
}

/** Windows cuts tray tooltips at 127 characters. */
export const MAX_TOOLTIP = 127;

function what(state: PresenceState, options: TimeOptions): string {
  const { intent, scheduled } = state;
  if (state.changedInTeams) return `${actualLabel(state.actual)} — changed in Teams`;
  if (state.inCharge === 'machine' && state.machine) {
    const label = state.machine.presence ? PRESENCES[state.machine.presence].label : 'Teams decides';
    return `${label} — ${MACHINE_RULE_WORDS[state.machine.rule]}`;
  }
  if (state.inCharge === 'manual' && intent) {
    const label = intent.presence ? PRESENCES[intent.presence].label : 'Status reset';
    // A preset with an end is a focus timer: count it down.
    if (intent.preset && intent.endsAt) return `${intent.preset}: ${label} — ${timeLeft(Date.parse(intent.endsAt), options.now.getTime())} left (${intent.source})`;
    return `${label} — ${untilWords(intent.endsAt, intent.until, options)} (${intent.source})`;
  }
  if (state.inCharge === 'schedule' && scheduled) {
    const label = scheduled.presence ? PRESENCES[scheduled.presence].label : 'Teams decides';
    const end = scheduled.until ? untilWords(scheduled.until, null, options) : 'until you change it';
    return `${label} — ${end} (schedule${scheduled.ruleName ? `: ${scheduled.ruleName}` : ''})`;
  }
  return `${actualLabel(state.actual)} — set in Teams`;
}

/** True when what the app holds now hides meetings and calls for more than an hour (see `hidesMeetings`). */
export function holdsOverMeetings(state: PresenceState, now: Date): boolean {
  if (state.changedInTeams) return false;
  const left = (end: string | Date | null): number | null => (end === null ? null : new Date(end).getTime() - now.getTime());
  if (state.inCharge === 'manual' && state.intent) return hidesMeetings(state.intent.presence, left(state.intent.endsAt));
  if (state.inCharge === 'schedule' && state.scheduled) return hidesMeetings(state.scheduled.presence, left(state.scheduled.until));
  return false;
}

/** The tooltip for a state, at most {@link MAX_TOOLTIP} characters. */
export function trayTooltip(state: PresenceState, configured: boolean, options: TimeOptions): string {
  const lines: string[] = [];
  if (!configured) lines.push('Presence Tray — not set up: click to sign in');
  else if (state.auth.status === 'signed-out') lines.push('Presence Tray — signed out');
  else if (state.auth.status === 'expired') lines.push('Presence Tray — sign in again');
  else {
    lines.push(what(state, { ...options, timeZone: options.timeZone ?? state.zone }));
    if (holdsOverMeetings(state, options.now)) lines.push(HIDES_MEETINGS_WORDS);
  }
  if (state.network === 'offline') lines.push('waiting for the network');
  else if (state.pending?.reason === 'throttled') lines.push('waiting: Graph asked us to slow down');
  if (state.lastError) lines.push(`problem: ${state.lastError.message}`);
  if (state.pause) lines.push('schedule paused');
  const text = `${state.demo ? '[DEMO] ' : ''}${lines.join('\n')}`;
  return text.length > MAX_TOOLTIP ? `${text.slice(0, MAX_TOOLTIP - 1)}…` : text;
}
