/**
 * `weekPreview()`: the next 7 local days of a schedule as the settings window draws them, one row per day,
 * each covered from 00:00 to 24:00 by the rules in force (plain JSON, sent over IPC for unsaved drafts).
 */
import { rawSegments } from './timeline.ts';
import type { ZoneOptions } from './transitions.ts';
import { scheduleZone } from './transitions.ts';
import type { PreviewDay, PreviewSegment, Schedule, WeekPreview } from './types.ts';
import { DAYS } from './types.ts';
import { DAY_MS, MINUTE_MS, fromWall, toWall, wallDate, wallDayStart, wallWeekday } from '../time/zoned-time.ts';

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The 7 local days starting with the one that contains `from`, in the schedule's zone. Each day's segments
 * run from `00:00` to `24:00` without gaps; a segment with `ruleId: null` is where `outside` applies. On a
 * daylight-saving day the times are the wall-clock times a person reads (a day may be 23 or 25 hours long).
 */
export function weekPreview(schedule: Schedule, from: Date, options: ZoneOptions = {}): WeekPreview {
  const zone = scheduleZone(schedule, options);
  const firstDay = wallDayStart(toWall(from.getTime(), zone));
  const segments = rawSegments(schedule, zone, fromWall(firstDay, zone), fromWall(firstDay + 7 * DAY_MS, zone));
  const days: PreviewDay[] = [];
  for (let d = 0; d < 7; d++) {
    const dayWall = firstDay + d * DAY_MS;
    const dayStart = fromWall(dayWall, zone);
    const dayEnd = fromWall(dayWall + DAY_MS, zone);
    const out: PreviewSegment[] = [];
    let startMinute = 0;
    const inDay = segments.filter((s) => s.end > dayStart && s.start < dayEnd);
    inDay.forEach((seg, index) => {
      const last = index === inDay.length - 1;
      // Minutes on the wall clock; clamped so a change in a repeated hour never runs backwards on the grid.
      const wallEnd = Math.floor((toWall(seg.end, zone) - dayWall) / MINUTE_MS);
      const endMinute = last ? 1440 : Math.min(1440, Math.max(startMinute, wallEnd));
      if (endMinute === startMinute && !last) return;
      const rule = schedule.rules[seg.rule];
      const previous = out[out.length - 1];
      if (previous && previous.ruleId === (rule?.id ?? null)) {
        previous.end = hhmm(endMinute);
      } else {
        out.push({
          start: hhmm(startMinute),
          end: hhmm(endMinute),
          ruleId: rule?.id ?? null,
          ruleName: rule?.name ?? null,
          presence: rule?.presence ?? null,
        });
      }
      startMinute = endMinute;
    });
    days.push({ date: wallDate(dayWall), day: DAYS[wallWeekday(dayWall)] as PreviewDay['day'], segments: out });
  }
  return { timeZone: zone, days };
}
