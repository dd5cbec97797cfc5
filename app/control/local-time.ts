/**
 * The next local midnight for `end-of-day`, on top of the zone math in app/time/zoned-time.ts (labels such as
 * "15:00" or "Mon 09:00" are worded in app/presence/words.ts).
 */
import { DAY_MS, fromWall, toWall, wallDayStart } from '../time/zoned-time.ts';

/** The next local midnight strictly after `nowMs` in `zone`. */
export function nextLocalMidnight(nowMs: number, zone: string): number {
  return fromWall(wallDayStart(toWall(nowMs, zone)) + DAY_MS, zone);
}
