/**
 * The tray's view of the shared wording (app/presence/words.ts): the same words and the same time format as
 * the window and the state's summary, with the tray's `{ now, timeZone }` options. Without a zone the
 * caller's state zone should be passed (tray-status.ts, notifications.ts do); the system zone is the last resort.
 */
import { instantMs, shortWhen, untilWords as untilWordsMs } from '../presence/words.ts';
import { systemTimeZone } from '../time/zoned-time.ts';
import type { Until } from '../vocabulary.ts';

export { actualLabel } from '../presence/words.ts';

/** When "now" is, and the zone to write times in (the state's `zone`; default: the system zone). */
export interface TimeOptions {
  now: Date;
  timeZone?: string;
}

/**
 * A short local time for an instant: `15:00` today, `Mon 09:00` within a week, `24 Dec 09:00` beyond.
 * Unparseable input comes back unchanged rather than throwing (this is display only).
 */
export function shortTime(instant: string | Date, options: TimeOptions): string {
  const ms = instantMs(instant);
  return ms === null ? String(instant) : shortWhen(ms, options.now.getTime(), options.timeZone ?? systemTimeZone());
}

/** "until 15:00", "until you change it", "until the next scheduled change", from an end instant or an Until. */
export function untilWords(endsAt: string | null, until: Until | null, options: TimeOptions): string {
  return untilWordsMs(instantMs(endsAt), until, options.now.getTime(), options.timeZone ?? systemTimeZone());
}
