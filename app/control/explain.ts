/**
 * Why the presence Graph reports differs from what the app holds (docs/architecture.md#precedence "Never fight the user").
 * Explained differences (no session → Offline, a meeting, out of office, a write still pending) are shown and
 * waited out; an unexplained one means the user changed it in Teams, and the controller stops re-asserting.
 */
import { PRESENCES } from '../presence/index.ts';
import type { PresenceKey } from '../presence/index.ts';
import type { ActualPresence, Difference } from './types.ts';

/** The verdict on one read. */
export interface Verdict {
  difference: Difference | null;
  /** True when the difference can only be a change made in Teams (or another app). */
  changedInTeams: boolean;
}

const MEETING = new Set(['inameeting', 'inacall', 'inaconferencecall', 'presenting']);

/**
 * Compare a read with the preference the app holds (`held`: the key Graph should show, or null when the app
 * holds none). `pending` is true while a write is queued or in flight.
 */
export function explain(actual: ActualPresence, held: PresenceKey | null, pending: boolean, outOfOffice = false): Verdict {
  if (held === null || actual.key === held) return { difference: null, changedInTeams: false };
  // Wanting to appear offline and being offline (no session at all) look different in Graph but mean the same.
  if (held === 'Offline' && actual.availability === 'Offline') return { difference: null, changedInTeams: false };
  const label = PRESENCES[held].label;
  const activity = actual.activity.toLowerCase();
  if (pending) {
    return { difference: { reason: 'pending', explanation: `Waiting to set ${label}; Microsoft Graph has not confirmed it yet.` }, changedInTeams: false };
  }
  if (outOfOffice || activity === 'outofoffice') {
    return { difference: { reason: 'out-of-office', explanation: 'You are out of office; Teams shows that instead.' }, changedInTeams: false };
  }
  if (MEETING.has(activity)) {
    // Graph puts a preferred presence above every session state: while ours holds, a meeting never shows. So a
    // meeting seen now means our preference is gone (reset in Teams): the user took charge, leave it alone.
    return {
      difference: {
        reason: 'meeting',
        explanation: `Teams shows your meeting or call, so ${label} no longer holds (a preference hides meetings while it lasts): it was reset in Teams; Presence Tray leaves it alone.`,
      },
      changedInTeams: true,
    };
  }
  if (actual.availability === 'Offline' && activity === 'offline') {
    return {
      difference: {
        reason: 'no-session',
        explanation: `No Teams client is signed in, so you appear offline; ${label} shows once Teams runs (or turn on the app session).`,
      },
      changedInTeams: false,
    };
  }
  if (actual.key !== null) {
    return {
      difference: { reason: 'changed-in-teams', explanation: `Changed in Teams to ${PRESENCES[actual.key].label}; Presence Tray leaves it alone.` },
      changedInTeams: true,
    };
  }
  return { difference: { reason: 'other', explanation: `Teams shows ${actual.availability} (${actual.activity}) instead of ${label}.` }, changedInTeams: false };
}
