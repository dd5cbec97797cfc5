/**
 * `transitions()` and `stateAt()`: what the schedule says over time (docs/architecture.md#schedules). Pure functions of the
 * schedule, the instant and the zone; `enabled` is ignored here (a disabled draft can still be previewed) —
 * the Scheduler is what honours it.
 */
import type { RawSegment } from './timeline.ts';
import { rawSegments } from './timeline.ts';
import type { Schedule, ScheduleState, Transition } from './types.ts';
import { DAY_MS, resolveTimeZone, systemTimeZone } from '../time/zoned-time.ts';

/** Options shared by the schedule functions. */
export interface ZoneOptions {
  /** Reads the machine's zone, used when the schedule says `system`. Injectable so tests can change it. */
  systemZone?: () => string;
}

/** The IANA zone a schedule is evaluated in now. */
export function scheduleZone(schedule: Schedule, options: ZoneOptions = {}): string {
  return resolveTimeZone(schedule.timeZone, options.systemZone ?? systemTimeZone);
}

/**
 * What a person sees of a rule: its presence and its status message. Two adjacent stretches with the same
 * effect are one stretch (no transition, no redundant write, one expiry at the real end).
 */
function effectKey(schedule: Schedule, rule: number): string {
  const r = schedule.rules[rule];
  return r ? `${r.presence}\u0000${r.statusMessage ?? ''}` : '';
}

/** Adjacent raw segments with the same effect, joined; each keeps the rule in force at its start. */
function mergeByEffect(schedule: Schedule, segments: RawSegment[]): RawSegment[] {
  const out: RawSegment[] = [];
  for (const seg of segments) {
    const last = out[out.length - 1];
    if (last && effectKey(schedule, last.rule) === effectKey(schedule, seg.rule)) last.end = seg.end;
    else out.push({ ...seg });
  }
  return out;
}

/**
 * Every instant in `[from, to)` where the scheduled presence (or the rule's status message) changes, in order.
 * `ruleId`/`presence` are null where no rule covers and `outside` applies. A change exactly at `from` is
 * included; the state already holding at `from` is not a transition (use {@link stateAt} for it).
 *
 * Clock rules: a rule boundary in a spring-forward gap happens at the first instant after the gap; one in a
 * repeated hour happens at its first occurrence; `end` before `start` crosses midnight; `24:00` is the end of
 * the day; where rules overlap the first in the list wins. Rules with the same presence and status message
 * that follow each other make no transition between them.
 */
export function transitions(schedule: Schedule, from: Date, to: Date, options: ZoneOptions = {}): Transition[] {
  const zone = scheduleZone(schedule, options);
  const start = from.getTime();
  // One millisecond earlier, so a change exactly at `from` shows as the start of a new stretch.
  const stretches = mergeByEffect(schedule, rawSegments(schedule, zone, start - 1, to.getTime()));
  return stretches.slice(1).map((s) => {
    const rule = schedule.rules[s.rule];
    return { at: new Date(s.start), ruleId: rule?.id ?? null, presence: rule?.presence ?? null };
  });
}

// How far stateAt() looks for the ends of the stretch: two days nearly always finds them; a schedule whose
// pattern repeats weekly changes at least once in 16 days if it ever changes (a rule swallowed by a DST gap
// one week holds the next).
const NEAR_MS = 2 * DAY_MS;
const FAR_MS = 16 * DAY_MS;

/**
 * What the schedule says at `instant`: the rule in force (first in the list wins), its presence and status
 * message, and the stretch of unchanged effect around it (`since`/`until`, null when it never changes).
 */
export function stateAt(schedule: Schedule, instant: Date, options: ZoneOptions = {}): ScheduleState {
  const zone = scheduleZone(schedule, options);
  const t = instant.getTime();
  let from = t - NEAR_MS;
  let to = t + NEAR_MS;
  let raw = rawSegments(schedule, zone, from, to);
  let merged = mergeByEffect(schedule, raw);
  const around = (segs: RawSegment[]): RawSegment => segs.find((s) => s.start <= t && t < s.end) as RawSegment;
  let stretch = around(merged);
  if (stretch.start === from || stretch.end === to) {
    from = t - FAR_MS;
    to = t + FAR_MS;
    raw = rawSegments(schedule, zone, from, to);
    merged = mergeByEffect(schedule, raw);
    stretch = around(merged);
  }
  const rule = schedule.rules[around(raw).rule] ?? null;
  return {
    rule,
    presence: rule?.presence ?? null,
    statusMessage: rule?.statusMessage ?? null,
    since: stretch.start === from ? null : new Date(stretch.start),
    until: stretch.end === to ? null : new Date(stretch.end),
  };
}
