/**
 * What `status` answers and `watch` streams: the controller's state reduced to what a client may see
 * (never a token: the account is its name and username, as the tray shows it), plus its human form.
 */
import type { AppError } from '../errors.ts';
import type { PresenceState, Source } from '../control/types.ts';
import { PRESENCES, type PresenceKey } from '../presence/index.ts';
import { PRESENCE_WORDS } from './words.ts';

/** The status as JSON clients see it (docs/protocol.md, "status"). */
export interface StatusView {
  /** What Teams shows now (Graph's last read), or null before the first read. */
  presence: { availability: string; activity: string; word: string | null; label: string | null; readAt: string } | null;
  /** What the app holds and until when, in words (the tray's tooltip). */
  holding: string;
  /** Who decides now. */
  inCharge: PresenceState['inCharge'];
  /** Who set what holds (`cli`, `tray`, `schedule`, …), or null. */
  setBy: Source | 'schedule' | null;
  /** The presence the app holds, as a command word, or null (Teams decides). */
  holds: string | null;
  /** When what holds ends (ISO instant), or null (until changed, or nothing holds). */
  until: string | null;
  message: { text: string; until: string | null; setBy: Source } | null;
  signIn: { status: PresenceState['auth']['status']; account: { name: string; username: string } | null };
  schedule: { enabled: boolean; rule: string | null; until: string | null; paused: boolean; pausedUntil: string | null };
  /** Work not yet confirmed by Graph, or null. */
  pending: { reason: string; since: string } | null;
  network: 'online' | 'offline';
  changedInTeams: boolean;
  difference: { reason: string; explanation: string } | null;
  lastError: AppError | null;
  demo: boolean;
}

function word(key: PresenceKey | null): string | null {
  return key ? PRESENCE_WORDS[key] : null;
}

/** Reduce the state to the status view. */
export function statusView(state: PresenceState): StatusView {
  const intent = state.intent;
  const scheduled = state.scheduled;
  const byIntent = state.inCharge === 'manual' && intent !== null;
  const bySchedule = state.inCharge === 'schedule' && scheduled !== null;
  return {
    presence: state.actual
      ? {
          availability: state.actual.availability,
          activity: state.actual.activity,
          word: word(state.actual.key),
          label: state.actual.key ? PRESENCES[state.actual.key].label : null,
          readAt: state.actual.readAt,
        }
      : null,
    holding: state.summary,
    inCharge: state.inCharge,
    setBy: byIntent ? intent.source : bySchedule ? 'schedule' : null,
    holds: byIntent ? word(intent.presence) : bySchedule ? word(scheduled.presence) : null,
    until: byIntent ? intent.endsAt : bySchedule ? scheduled.until : null,
    message: state.statusMessage ? { text: state.statusMessage.text, until: state.statusMessage.until, setBy: state.statusMessage.source } : null,
    signIn: { status: state.auth.status, account: state.auth.account ? { name: state.auth.account.name, username: state.auth.account.username } : null },
    schedule: {
      enabled: scheduled !== null,
      rule: scheduled?.ruleName ?? null,
      until: scheduled?.until ?? null,
      paused: state.pause !== null,
      pausedUntil: state.pause?.until ?? null,
    },
    pending: state.pending ? { reason: state.pending.reason, since: state.pending.since } : null,
    network: state.network,
    changedInTeams: state.changedInTeams,
    difference: state.difference ? { reason: state.difference.reason, explanation: state.difference.explanation } : null,
    lastError: state.lastError,
    demo: state.demo,
  };
}

const SIGN_IN_WORDS: Record<StatusView['signIn']['status'], string> = {
  'signed-in': 'signed in',
  'signed-out': 'signed out',
  'signing-in': 'signing in',
  expired: 'sign-in expired: sign in again from the tray',
};

/** An instant as a person reads it in the CLI's own zone: `Mon 15:00`. */
function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' }).replace(',', '');
}

/** The status as lines for a person (`presencectl status`). */
export function statusText(view: StatusView): string {
  const lines: string[] = [];
  const teams = view.presence ? (view.presence.label ?? `${view.presence.availability} / ${view.presence.activity}`) : 'not read yet';
  lines.push(`Teams shows:  ${teams}`);
  lines.push(`Holding:      ${view.holding || 'nothing (Teams decides)'}`);
  if (view.message) lines.push(`Message:      "${view.message.text}"${view.message.until ? ` until ${when(view.message.until)}` : ''} (set by ${view.message.setBy})`);
  const account = view.signIn.account ? ` as ${view.signIn.account.name} (${view.signIn.account.username})` : '';
  lines.push(`Sign-in:      ${SIGN_IN_WORDS[view.signIn.status]}${account}`);
  const schedule = !view.schedule.enabled
    ? 'off'
    : view.schedule.paused
      ? `paused${view.schedule.pausedUntil ? ` until ${when(view.schedule.pausedUntil)}` : ' until resumed'}`
      : `on${view.schedule.rule ? ` (${view.schedule.rule}${view.schedule.until ? ` until ${when(view.schedule.until)}` : ''})` : ''}`;
  lines.push(`Schedule:     ${schedule}`);
  lines.push(`Pending:      ${view.pending ? `${view.pending.reason} since ${when(view.pending.since)}` : 'nothing'}`);
  if (view.network === 'offline') lines.push('Network:      offline (changes wait until it is back)');
  if (view.difference) lines.push(`Note:         ${view.difference.explanation}`);
  if (view.lastError) lines.push(`Problem:      ${view.lastError.message} (${view.lastError.code})`);
  if (view.demo) lines.push('Demo:         yes (emulator, not Microsoft Teams)');
  return lines.join('\n');
}
