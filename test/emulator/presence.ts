/**
 * Presence as Graph shows it, computed from a user's inputs at a given virtual instant
 * (docs/graph.md#visible-presence):
 *
 * - expired sessions, preferences and status messages are ignored (and dropped);
 * - an app session left Available without a keep-alive shows AvailableIdle/Inactive after 5 minutes and
 *   Away/Away after 10 (Teams-client sessions made through the control API are refreshed by "their" client
 *   and do not decay);
 * - sessions combine by DoNotDisturb > Busy > Available > AvailableIdle > Away (anything else ranks last);
 * - a live preference overrides every session, but only while at least one session exists;
 * - with no session the user is Offline/Offline whatever the preference says.
 */
import type { PresenceInputs, PresenceResource, Session, StatusMessage } from './state.ts';

export type { PresenceResource } from './state.ts';

/** An unrefreshed Available app session turns idle after this long. */
export const IDLE_AFTER_MS = 5 * 60 * 1000;
/** ... and Away after this long. */
export const AWAY_AFTER_MS = 10 * 60 * 1000;

const RANK: Record<string, number> = {
  donotdisturb: 5,
  busy: 4,
  busyidle: 3.5,
  available: 3,
  availableidle: 2,
  berightback: 1.5,
  away: 1,
};

/** A session's pair as it looks at `now`, after idle decay. */
export function sessionPairAt(session: Session, now: number): { availability: string; activity: string } {
  if (session.kind === 'app' && session.availability === 'Available') {
    const quiet = now - session.setAt;
    if (quiet >= AWAY_AFTER_MS) return { availability: 'Away', activity: 'Away' };
    if (quiet >= IDLE_AFTER_MS) return { availability: 'AvailableIdle', activity: 'Inactive' };
  }
  return { availability: session.availability, activity: session.activity };
}

/** Drop what has expired by `now`. Expiry is judged as `expiresAt <= now`. */
export function dropExpired(inputs: PresenceInputs, now: number): void {
  for (const [id, session] of inputs.sessions) {
    if (session.expiresAt !== null && session.expiresAt <= now) inputs.sessions.delete(id);
  }
  if (inputs.preference && inputs.preference.expiresAt <= now) inputs.preference = null;
  if (inputs.statusMessage?.expiresAt != null && inputs.statusMessage.expiresAt <= now) inputs.statusMessage = null;
}

/** The visible availability/activity pair at `now` (expired inputs must already be dropped). */
export function visiblePair(inputs: PresenceInputs, now: number): { availability: string; activity: string } {
  if (inputs.sessions.size === 0) return { availability: 'Offline', activity: 'Offline' };
  if (inputs.preference) return { availability: inputs.preference.availability, activity: inputs.preference.activity };
  let best: { availability: string; activity: string } | null = null;
  let bestRank = -1;
  for (const session of inputs.sessions.values()) {
    const pair = sessionPairAt(session, now);
    const rank = RANK[pair.availability.toLowerCase()] ?? 0;
    if (rank > bestRank) {
      best = pair;
      bestRank = rank;
    }
  }
  return best ?? { availability: 'Offline', activity: 'Offline' };
}

function statusMessageResource(message: StatusMessage | null): PresenceResource['statusMessage'] {
  if (!message || message.content === '') return null;
  return {
    message: { content: message.content, contentType: message.contentType },
    expiryDateTime: message.expiryDateTime,
    publishedDateTime: new Date(message.publishedAt).toISOString(),
  };
}

/**
 * Compute the presence resource at `now`, dropping expired inputs and bumping `sequenceNumber` when what is
 * visible differs from the last computation. Call it after every write too, so a change undone before the
 * next read still counts.
 */
export function computePresence(userId: string, inputs: PresenceInputs, now: number): PresenceResource {
  dropExpired(inputs, now);
  const pair = visiblePair(inputs, now);
  const statusMessage = statusMessageResource(inputs.statusMessage);
  const fingerprint = JSON.stringify([pair.availability, pair.activity, statusMessage?.message.content ?? null, statusMessage?.expiryDateTime ?? null]);
  if (fingerprint !== inputs.lastFingerprint) {
    inputs.lastFingerprint = fingerprint;
    inputs.sequence += 1;
  }
  return {
    id: userId,
    availability: pair.availability,
    activity: pair.activity,
    statusMessage,
    outOfOfficeSettings: { message: null, isOutOfOffice: false },
    sequenceNumber: formatSequence(inputs.sequence),
  };
}

/** A sequence number as a fixed-width string, so string order is version order. */
export function formatSequence(n: number): string {
  return `C${n.toString(16).toUpperCase().padStart(15, '0')}`;
}
