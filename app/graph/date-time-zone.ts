/**
 * Graph's `dateTimeTimeZone`: a wall-clock `dateTime` with no offset (`2026-11-23T17:00:00.0000000`) plus the
 * name of the zone it is read in. Converted with the app's zone math (app/time/zoned-time.ts), so IANA zone
 * names (and `UTC`) are understood; Windows zone names (`Pacific Standard Time`), which Graph may return, are not.
 */
import { AppFailure } from '../errors.ts';
import { fromWall, isValidTimeZone, toWall } from '../time/zoned-time.ts';

/** Graph's `dateTimeTimeZone` resource. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The instant `at` as Graph's dateTimeTimeZone in `timeZone`: `{ dateTime: '2026-11-23T17:00:00.0000000', timeZone }`.
 * @throws AppFailure `invalid-time-zone` for a zone `isValidTimeZone` refuses (unknown to Intl, or a bare offset).
 */
export function toDateTimeTimeZone(at: Date, timeZone: string): DateTimeTimeZone {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('toDateTimeTimeZone: invalid date');
  if (!isValidTimeZone(timeZone)) {
    throw new AppFailure({
      code: 'invalid-time-zone',
      message: `"${timeZone}" is not a time zone this app knows; use an IANA name such as Europe/Berlin.`,
      field: 'timeZone',
    });
  }
  const w = new Date(toWall(ms, timeZone));
  const date = `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`;
  const time = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}.${pad(w.getUTCMilliseconds(), 3)}0000`;
  return { dateTime: `${date}T${time}`, timeZone };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/**
 * The instant a dateTimeTimeZone names. A wall time skipped by a spring-forward gap maps to the instant after
 * the gap; a repeated one (fall-back) to its first occurrence.
 * @returns null when `dateTime` is unreadable or `timeZone` is not a valid IANA zone (e.g. a Windows zone name).
 */
export function fromDateTimeTimeZone(value: DateTimeTimeZone): Date | null {
  const m = DATE_TIME.exec(value.dateTime.trim());
  if (!m || !isValidTimeZone(value.timeZone)) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Number(((frac ?? '') + '000').slice(0, 3));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  return new Date(fromWall(wall, value.timeZone));
}
