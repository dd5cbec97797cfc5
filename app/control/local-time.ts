/**
 * Local times the controller needs, on top of the zone math in app/time/zoned-time.ts: the instant of a local
 * wall time (DESIGN.md §4 clock rules), the next local midnight for `end-of-day`, and short labels for the tray
 * ("15:00", "Mon 09:00").
 */
import { DAY_MS, fromWall, toWall, wallDayStart } from '../time/zoned-time.ts';

/**
 * The instant of a local wall time. Where the wall time happens twice (fall-back) the first occurrence wins;
 * where it does not exist (spring-forward gap) the first instant after the gap does (DESIGN.md §4).
 * `month` is 1–12; day/hour overflow is normalised like `Date.UTC` does.
 */
export function instantOfLocal(zone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  return fromWall(Date.UTC(year, month - 1, day, hour, minute), zone);
}

/** The next local midnight strictly after `nowMs` in `zone`. */
export function nextLocalMidnight(nowMs: number, zone: string): number {
  return fromWall(wallDayStart(toWall(nowMs, zone)) + DAY_MS, zone);
}

const pad = (n: number): string => String(n).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// Month names only (the wall value is already local, hence UTC here); en-GB says "Sept", kept as the tray showed it.
const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short' });

/**
 * A short label for an end instant as the tray shows it: `15:00` today, `Mon 09:00` within the coming week,
 * `30 Nov 09:00` beyond.
 */
export function shortWhen(instantMs: number, nowMs: number, zone: string): string {
  const at = new Date(toWall(instantMs, zone));
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  if (wallDayStart(at.getTime()) === wallDayStart(toWall(nowMs, zone))) return time;
  if (instantMs - nowMs < 6.5 * DAY_MS) return `${WEEKDAYS[at.getUTCDay()]} ${time}`;
  return `${at.getUTCDate()} ${monthName.format(at)} ${time}`;
}
