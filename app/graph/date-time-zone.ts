/**
 * Graph's `dateTimeTimeZone`: a wall-clock `dateTime` with no offset (`2026-11-23T17:00:00.0000000`) plus the
 * name of the zone it is read in. Converted with Intl, so IANA zone names (and `UTC`) are understood; Windows
 * zone names (`Pacific Standard Time`), which Graph may return, are not.
 */
import { AppFailure } from '../errors.ts';

/** Graph's `dateTimeTimeZone` resource. */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new AppFailure({
        code: 'invalid-time-zone',
        message: `"${timeZone}" is not a time zone this app knows; use an IANA name such as Europe/Berlin.`,
        field: 'timeZone',
      });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows `timeZone`. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The system's IANA zone, or `UTC` when the platform does not say. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
}

function wallFields(epochMs: number, timeZone: string): Fields {
  const out: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { y: out.year ?? 0, mo: out.month ?? 1, d: out.day ?? 1, h: out.hour ?? 0, mi: out.minute ?? 0, s: out.second ?? 0 };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * The instant `at` as Graph's dateTimeTimeZone in `timeZone`: `{ dateTime: '2026-11-23T17:00:00.0000000', timeZone }`.
 * @throws AppFailure `invalid-time-zone` for a zone Intl does not know.
 */
export function toDateTimeTimeZone(at: Date, timeZone: string): DateTimeTimeZone {
  const ms = at.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('toDateTimeTimeZone: invalid date');
  const f = wallFields(ms, timeZone);
  const fraction = pad(((ms % 1000) + 1000) % 1000, 3);
  const dateTime = `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}.${fraction}0000`;
  return { dateTime, timeZone };
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

/**
 * The instant a dateTimeTimeZone names. A wall time skipped by a spring-forward gap maps to the instant after
 * the gap; a repeated one (fall-back) to its first occurrence.
 * @returns null when `dateTime` is unreadable or `timeZone` unknown to Intl (e.g. a Windows zone name).
 */
export function fromDateTimeTimeZone(value: DateTimeTimeZone): Date | null {
  const m = DATE_TIME.exec(value.dateTime.trim());
  if (!m || !isKnownTimeZone(value.timeZone)) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Number(((frac ?? '') + '000').slice(0, 3));
  const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  const offsetAt = (epoch: number): number => {
    const f = wallFields(epoch, value.timeZone);
    return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - (epoch - (((epoch % 1000) + 1000) % 1000));
  };
  // Try the offsets in force a day either side; the earliest candidate that reads back as the wall time wins.
  const candidates = [offsetAt(wallAsUtc - 86_400_000), offsetAt(wallAsUtc + 86_400_000)]
    .map((offset) => wallAsUtc - offset)
    .sort((a, b) => a - b);
  for (const epoch of candidates) if (offsetAt(epoch) === wallAsUtc - epoch) return new Date(epoch);
  // In a spring-forward gap the wall time does not exist: it happens at the first instant after the gap,
  // i.e. the moment the offset changes, found by bisection between the two candidates.
  let lo = candidates[0] ?? wallAsUtc;
  let hi = candidates[candidates.length - 1] ?? wallAsUtc;
  const loOffset = offsetAt(lo);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid) === loOffset) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}
