/**
 * `transitions()` over a year of a 20-rule schedule (docs/architecture.md#benchmarks): the work behind the week preview, the
 * Scheduler's planning and every `stateAt()`. Rules overlap, cross midnight and include a DST-gap boundary,
 * in a zone with daylight saving, so the slow paths of the zone math are exercised too.
 */
import type { Schedule, ScheduleRule } from '../app/schedule/index.ts';
import { DAYS, stateAt, transitions } from '../app/schedule/index.ts';
import type { Benchmark } from './harness.ts';
import { percentile, round } from './harness.ts';

const PRESENCES = ['Available', 'Busy', 'Away', 'DoNotDisturb', 'BeRightBack', 'Offline'] as const;

/**
 * A fixed, varied schedule of `count` rules (at least 1): different days, lengths, overlaps and midnight
 * crossings; the last rule sits in March's DST gap.
 */
export function benchSchedule(count = 20, timeZone = 'America/New_York'): Schedule {
  const rules: ScheduleRule[] = [];
  for (let i = 0; i < count; i++) {
    const start = (i * 67) % 1440;
    const end = (start + 45 + ((i * 131) % 600)) % 1440;
    const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    rules.push({
      id: `r${i}`,
      name: `Rule ${i}`,
      days: DAYS.filter((_, d) => (d + i) % 3 !== 0),
      start: hhmm(start),
      end: end === start ? '24:00' : hhmm(end),
      presence: PRESENCES[i % PRESENCES.length] as ScheduleRule['presence'],
      ...(i % 4 === 0 ? { statusMessage: `Message ${i}` } : {}),
    });
  }
  rules[count - 1] = { ...(rules[count - 1] as ScheduleRule), days: ['sun'], start: '02:30', end: '03:30' }; // in the March gap
  return { enabled: true, timeZone, rules, outside: 'clear' };
}

export const transitionsBenchmark: Benchmark = {
  name: 'schedule.transitions',
  description: 'transitions() over a year of a 20-rule schedule (America/New_York), and stateAt()',
  async run() {
    const schedule = benchSchedule(20);
    const from = new Date('2026-01-01T00:00:00Z');
    const to = new Date('2027-01-01T00:00:00Z');
    const runs: number[] = [];
    let count = 0;
    for (let i = 0; i < 12; i++) {
      const t0 = performance.now();
      count = transitions(schedule, from, to).length;
      runs.push(performance.now() - t0);
    }
    const states: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      stateAt(schedule, new Date(from.getTime() + i * 7_919_000));
      states.push(performance.now() - t0);
    }
    return {
      yearP50Ms: round(percentile(runs, 50)),
      yearMaxMs: round(Math.max(...runs)),
      firstRunMs: round(runs[0] as number),
      transitions: count,
      stateAtP50Ms: round(percentile(states, 50)),
    };
  },
};
