/**
 * The core of the schedule model: which rule is in force over a stretch of time. Every rule is expanded into
 * instants for each local day it lists, and one sweep over the sorted starts and ends finds the winning rule
 * (first in the list) between each pair of consecutive boundaries. `transitions()`, `stateAt()` and
 * `weekPreview()` are built on it.
 */
import type { Schedule } from './types.ts';
import { DAYS } from './types.ts';
import { DAY_MS, MINUTE_MS, fromWall, toWall, wallDayStart, wallWeekday } from '../time/zoned-time.ts';

/** A stretch of time `[start, end)` (epoch ms) in which one rule wins; `rule` is its index, -1 where none covers. */
export interface RawSegment {
  start: number;
  end: number;
  rule: number;
}

/** Minutes since midnight of an `HH:MM` value already validated (`24:00` → 1440). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

interface Compiled {
  /** Per weekday (0 = Monday), the rule indexes that list it. */
  byWeekday: number[][];
  start: number[];
  end: number[];
}

// Not cached on purpose: it is a few microseconds, and a cache keyed on the object would go stale if a caller
// edited a schedule in place.
function compile(schedule: Schedule): Compiled {
  const byWeekday: number[][] = DAYS.map(() => []);
  const start: number[] = [];
  const end: number[] = [];
  schedule.rules.forEach((rule, index) => {
    start.push(minutesOf(rule.start));
    end.push(minutesOf(rule.end));
    for (const day of new Set(rule.days)) byWeekday[DAYS.indexOf(day)]?.push(index);
  });
  return { byWeekday, start, end };
}

/**
 * The winning rule over `[from, to)` as contiguous segments (adjacent segments have different rules).
 * `zone` is an already resolved IANA zone. The schedule must be valid (see `validateSchedule`).
 */
export function rawSegments(schedule: Schedule, zone: string, from: number, to: number): RawSegment[] {
  if (!(to > from)) return [];
  const { byWeekday, start, end } = compile(schedule);
  // A rule reaches at most ~25 h past its day's midnight, so starting two local days early means every
  // stretch covering `from` has been opened by the time the sweep gets there.
  const firstDay = wallDayStart(toWall(from, zone)) - 2 * DAY_MS;
  const lastDay = wallDayStart(toWall(to, zone)) + DAY_MS;
  const times: number[] = [];
  const deltas: number[] = [];
  const rules: number[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    for (const i of byWeekday[wallWeekday(day)] ?? []) {
      const s = start[i] as number;
      const e = end[i] as number;
      const startAt = fromWall(day + s * MINUTE_MS, zone);
      // `end` before `start` crosses midnight; `24:00` (1440) is the next day's midnight.
      const endAt = fromWall(day + (e > s ? e : e + 1440) * MINUTE_MS, zone);
      // A rule lying wholly inside a spring-forward gap starts and ends at the same instant: it never holds.
      if (endAt <= startAt) continue;
      times.push(startAt, endAt);
      deltas.push(1, -1);
      rules.push(i, i);
    }
  }
  const order = times.map((_, k) => k).sort((a, b) => (times[a] as number) - (times[b] as number));
  const active = new Int32Array(schedule.rules.length);
  const winner = (): number => {
    for (let i = 0; i < active.length; i++) if ((active[i] as number) > 0) return i;
    return -1;
  };
  const out: RawSegment[] = [];
  let current: RawSegment | null = null;
  let k = 0;
  while (k < order.length || current === null) {
    const at = k < order.length ? (times[order[k] as number] as number) : Infinity;
    if (current === null && at > from) {
      current = { start: from, end: to, rule: winner() };
      out.push(current);
    }
    if (at >= to) break;
    while (k < order.length && times[order[k] as number] === at) {
      const j = order[k] as number;
      const r = rules[j] as number;
      active[r] = (active[r] as number) + (deltas[j] as number);
      k++;
    }
    if (current !== null) {
      const w = winner();
      if (w !== current.rule) {
        current.end = at;
        current = { start: at, end: to, rule: w };
        out.push(current);
      }
    }
  }
  return out;
}
