/**
 * Local times the controller needs, on top of the zone math in app/time/zoned-time.ts: the next local
 * midnight for `end-of-day` (DESIGN.md §4 clock rules), and short labels for the tray ("15:00", "Mon 09:00").
 */
import { DAY_MS, fromWall, toWall, wallDayStart } from '../time/zoned-time.ts';

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
