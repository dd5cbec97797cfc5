/**
 * Graph's `dateTimeTimeZone` ({ dateTime without offset, timeZone by Windows or IANA name }) turned into an
 * instant, so a status message's expiry can be judged on the virtual clock.
 */

/** Windows zone names Graph commonly sends, mapped to IANA. Unknown Windows names are refused. */
const WINDOWS_ZONES: Record<string, string> = {
  'utc': 'UTC',
  'coordinated universal time': 'UTC',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'w. europe standard time': 'Europe/Berlin',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'romance standard time': 'Europe/Paris',
  'e. europe standard time': 'Europe/Chisinau',
  'fle standard time': 'Europe/Kiev',
  'gtb standard time': 'Europe/Bucharest',
  'russian standard time': 'Europe/Moscow',
  'eastern standard time': 'America/New_York',
  'central standard time': 'America/Chicago',
  'mountain standard time': 'America/Denver',
  'us mountain standard time': 'America/Phoenix',
  'pacific standard time': 'America/Los_Angeles',
  'alaskan standard time': 'America/Anchorage',
  'hawaiian standard time': 'Pacific/Honolulu',
  'atlantic standard time': 'America/Halifax',
  'e. south america standard time': 'America/Sao_Paulo',
  'india standard time': 'Asia/Kolkata',
  'china standard time': 'Asia/Shanghai',
  'tokyo standard time': 'Asia/Tokyo',
  'korea standard time': 'Asia/Seoul',
  'singapore standard time': 'Asia/Singapore',
  'aus eastern standard time': 'Australia/Sydney',
  'new zealand standard time': 'Pacific/Auckland',
  'south africa standard time': 'Africa/Johannesburg',
  'arabian standard time': 'Asia/Dubai',
  'israel standard time': 'Asia/Jerusalem',
};

/** The IANA zone for a Windows or IANA name, or null when neither is known. */
export function ianaZone(name: string): string | null {
  const mapped = WINDOWS_ZONES[name.trim().toLowerCase()];
  if (mapped) return mapped;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Offset of `zone` from UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/**
 * The instant of `dateTime` in `timeZone`. A `dateTime` carrying its own offset or `Z` is taken as is.
 * @throws Error with a message fit for a 400 when either part is not understood.
 */
export function instantOf(dateTime: string, timeZone: string): number {
  if (typeof dateTime !== 'string' || dateTime.trim() === '') throw new Error('expiryDateTime.dateTime is required.');
  const text = dateTime.trim();
  if (/(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new Error(`expiryDateTime.dateTime "${dateTime}" is not a date and time.`);
    return ms;
  }
  const m = LOCAL.exec(text);
  if (!m) throw new Error(`expiryDateTime.dateTime "${dateTime}" is not a date and time like 2026-11-23T17:00:00.0000000.`);
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new Error('expiryDateTime.timeZone is required.');
  const zone = ianaZone(timeZone);
  if (!zone) throw new Error(`expiryDateTime.timeZone "${timeZone}" is not a time zone Graph knows.`);
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), ms);
  if (Number.isNaN(wall) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) {
    throw new Error(`expiryDateTime.dateTime "${dateTime}" is not a valid date and time.`);
  }
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone);
  return guess;
}
