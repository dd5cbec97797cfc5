/**
 * Wall-clock arithmetic in an IANA time zone with nothing but `Intl`: the zone's offset at an instant, the
 * instant of a local wall time (DESIGN.md §4 clock rules), and short labels for the tray ("15:00", "Mon 09:00").
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partsCache.set(zone, f);
  }
  return f;
}

/** Local calendar fields of an instant in a zone. `month` is 1–12; `weekday` is `Mon`…`Sun`. */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

/** The local fields of `instantMs` in `zone`. */
export function localFields(instantMs: number, zone: string): LocalFields {
  const out: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(instantMs))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: out.weekday ?? '',
  };
}

/** Offset of `zone` from UTC at `instantMs`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(instantMs: number, zone: string): number {
  const f = localFields(instantMs, zone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant of a local wall time. Where the wall time happens twice (fall-back) the first occurrence wins;
 * where it does not exist (spring-forward gap) the first instant after the gap does (DESIGN.md §4).
 * `month` is 1–12; day/hour overflow is normalised like `Date.UTC` does.
 */
export function instantOfLocal(zone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // The offset just before and just after the wall time bracket every real zone transition (at most one a day).
  const before = wall - zoneOffsetMs(wall - 86_400_000, zone);
  const after = wall - zoneOffsetMs(wall + 86_400_000, zone);
  const exists = [before, after].filter((c) => wall === c + zoneOffsetMs(c, zone)).sort((a, b) => a - b);
  if (exists.length > 0) return exists[0] as number;
  // In a gap: the later candidate is the transition itself, the first instant after the gap.
  return Math.max(before, after);
}

/** The next local midnight strictly after `nowMs` in `zone`. */
export function nextLocalMidnight(nowMs: number, zone: string): number {
  const f = localFields(nowMs, zone);
  return instantOfLocal(zone, f.year, f.month, f.day + 1, 0, 0);
}

/** The machine's own IANA zone (what `system` means in settings). */
export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A short label for an end instant as the tray shows it: `15:00` today, `Mon 09:00` within the coming week,
 * `30 Nov 09:00` beyond.
 */
export function shortWhen(instantMs: number, nowMs: number, zone: string): string {
  const at = localFields(instantMs, zone);
  const now = localFields(nowMs, zone);
  const time = `${pad(at.hour)}:${pad(at.minute)}`;
  if (at.year === now.year && at.month === now.month && at.day === now.day) return time;
  if (instantMs - nowMs < 6.5 * 86_400_000) return `${at.weekday} ${time}`;
  const month = new Intl.DateTimeFormat('en-GB', { timeZone: zone, month: 'short' }).format(new Date(instantMs));
  return `${at.day} ${month} ${time}`;
}
