/**
 * Words and times as the window shows them. The wording itself is app/presence/words.ts, shared with the
 * tray and the state's summary, so both say the same thing in the same zone (the state's `zone`).
 */
import type { Availability, PresenceKey } from '../app/presence/vocabulary.ts';
import { PRESENCES } from '../app/presence/vocabulary.ts';
import { instantMs, shortWhen, sourceWords, untilWords } from '../app/presence/words.ts';

export { actualLabel } from '../app/presence/words.ts';

/** "the tray", "a hotkey"… for "set from …". */
export const sourceLabel = sourceWords;

/** Label of one of the six choices, or "No preference" for null (Teams decides). */
export function presenceLabel(key: PresenceKey | null): string {
  return key ? PRESENCES[key].label : 'No preference';
}

/** A CSS class naming the colour family of an availability (`tone-busy`…), for the status dot. */
export function toneOf(availability: Availability | PresenceKey | null): string {
  switch (availability) {
    case 'Available':
    case 'AvailableIdle':
      return 'tone-available';
    case 'Busy':
    case 'BusyIdle':
      return 'tone-busy';
    case 'DoNotDisturb':
      return 'tone-dnd';
    case 'Away':
    case 'BeRightBack':
      return 'tone-away';
    case 'Offline':
      return 'tone-offline';
    default:
      return 'tone-unknown';
  }
}

/** An instant as the tray says it, in `zone` (the state's): "15:00" today, "Mon 09:00" within a week, "24 Nov 09:00" beyond. */
export function formatWhen(instant: string, zone: string, now: number = Date.now()): string {
  const ms = instantMs(instant);
  return ms === null ? String(instant) : shortWhen(ms, now, zone);
}

/** "until 15:00", "until you change it"… for an end instant (ISO text, as the state carries it) or null (forever), in `zone`. */
export function untilText(endsAt: string | null, zone: string, now: number = Date.now()): string {
  return untilWords(instantMs(endsAt), null, now, zone);
}
