/**
 * Local wall-clock time ⇄ instants in an IANA time zone, with `Intl.DateTimeFormat` as the only source of zone
 * data (no dependency). This is the app's one zone-math module: the schedule, the controller's `until` and
 * tray labels (app/control/local-time.ts) and Graph's dateTimeTimeZone (app/graph/date-time-zone.ts) build on
 * it rather than asking Intl for offsets themselves.
 *
 * A "wall" value is a local date and time encoded as milliseconds as if it were UTC (`Date.UTC(y, m, d, h,
 * min)`), so date arithmetic on it is plain integer arithmetic and its fields are read with the `getUTC*`
 * methods.
 *
 * Clock rules of docs/architecture.md#clock-rules: a wall time that does not exist (spring-forward gap) maps to the first instant
 * after the gap; a wall time that happens twice (fall-back) maps to its first occurrence.
 */

/** Milliseconds in a (wall-clock) day. */
export const DAY_MS = 86_400_000;
/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;

/**
 * The machine's zone as Intl resolves it now (re-read on every call, so a zone change is seen), or `UTC` when
 * the platform does not say.
 */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Most formatters kept: far more zones than one person uses, few enough that a hostile preview cannot grow memory. */
export const FORMATTER_CACHE_MAX = 64;
/** Most spellings remembered (`europe/berlin` → `Europe/Berlin`), for the same reason. */
const SPELLING_CACHE_MAX = 512;

// Formatters are costly to build (tens of microseconds) and cheap to reuse: one per canonical zone, the least
// recently used dropped beyond the cap. IANA names match case-insensitively, so the cache is keyed by the name
// Intl resolves a spelling to, never by the raw text (the window's preview can send thousands of spellings).
const formatters = new Map<string, Intl.DateTimeFormat>();
const canonicalOf = new Map<string, string>();

/** Put `key` at the young end of `map`, dropping the oldest entry beyond `max`. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as string);
}

function build(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  const known = canonicalOf.get(zone);
  const cached = known === undefined ? undefined : formatters.get(known);
  if (known !== undefined && cached) {
    remember(formatters, known, cached, FORMATTER_CACHE_MAX);
    return cached;
  }
  const fresh = build(zone);
  const canonical = fresh.resolvedOptions().timeZone;
  remember(canonicalOf, zone, canonical, SPELLING_CACHE_MAX);
  const f = formatters.get(canonical) ?? fresh;
  remember(formatters, canonical, f, FORMATTER_CACHE_MAX);
  return f;
}

/** How many formatters are cached now (for the bound's test and the soak). */
export function formatterCacheSize(): number {
  return formatters.size;
}

/**
 * True when `zone` is an IANA zone name this runtime knows (`Europe/Berlin`, `UTC`). Offset strings such as
 * `+01:00`, which newer runtimes also accept, are refused: they have no daylight-saving rules and are not
 * what a person means by "my time zone".
 */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone a schedule means: `system` is the machine's zone read now, anything else is used as given. */
export function resolveTimeZone(zone: string, readSystemZone: () => string = systemTimeZone): string {
  return zone === 'system' ? readSystemZone() : zone;
}

// Offsets of recent instants, memoised: every state the controller publishes words the same end time
// ("until 15:00"), and formatToParts costs tens of microseconds, about a tenth of a command's whole request.
const recentOffsets = new Map<string, number>();
const RECENT_OFFSETS_MAX = 256;

/** The zone's offset from UTC at `instant`, in ms (local minus UTC; +3_600_000 for Berlin in winter). */
export function offsetAt(instant: number, zone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const key = `${zone}\u0000${seconds}`;
  const known = recentOffsets.get(key);
  if (known !== undefined) return known;
  const offset = measureOffset(seconds, zone);
  remember(recentOffsets, key, offset, RECENT_OFFSETS_MAX);
  return offset;
}

/** The offset at a whole second, from Intl's wall-clock parts. */
function measureOffset(seconds: number, zone: string): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const part of formatterFor(zone).formatToParts(seconds)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      case 'era':
        bc = part.value.startsWith('B');
        break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return wall.getTime() - seconds;
}

/** The wall-clock time at `instant` in `zone`, as a wall value. */
export function toWall(instant: number, zone: string): number {
  return instant + offsetAt(instant, zone);
}

// Offsets at whole UTC days, memoised: fromWall() probes the same days again and again while a year of
// transitions is computed, and this keeps that to two Intl calls per zone and day.
const dayOffsets = new Map<string, number>();

function offsetAtDay(day: number, zone: string): number {
  const key = `${zone}|${day}`;
  let value = dayOffsets.get(key);
  if (value === undefined) {
    if (dayOffsets.size > 20_000) dayOffsets.clear();
    value = offsetAt(day * DAY_MS, zone);
    dayOffsets.set(key, value);
  }
  return value;
}

/**
 * The instant a wall-clock time happens in `zone`: in a spring-forward gap, the first instant after the gap;
 * in a repeated (fall-back) hour, the first occurrence.
 *
 * Assumes a zone changes its offset at most once in any three days, true of every zone in tzdb since 1970.
 */
export function fromWall(wall: number, zone: string): number {
  const day = Math.floor(wall / DAY_MS);
  // Offsets lie within ±14 h, so every instant whose wall time falls on this day lies in [day-1, day+2].
  const before = offsetAtDay(day - 1, zone);
  const after = offsetAtDay(day + 2, zone);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((c) => c + offsetAt(c, zone) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: the wall time is skipped. The change of offset lies between the two candidates; find its instant.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  const loOffset = offsetAt(lo, zone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, zone) === loOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A wall value from local date and time fields (`month` 1–12; `minutes` since local midnight, may be 1440). */
export function wallOf(year: number, month: number, day: number, minutes = 0): number {
  return Date.UTC(year, month - 1, day) + minutes * MINUTE_MS;
}

/** Start of the wall day containing `wall` (local midnight, as a wall value). */
export function wallDayStart(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** Day of the week of a wall value, 0 = Monday … 6 = Sunday (the order of `DAYS`). */
export function wallWeekday(wall: number): number {
  return (new Date(wall).getUTCDay() + 6) % 7;
}

/** `YYYY-MM-DD` of a wall value. */
export function wallDate(wall: number): string {
  return new Date(wallDayStart(wall)).toISOString().slice(0, 10);
}
