/** The real Scheduler over the default schedule (docs/architecture.md#schedules), enabled, in UTC, on a test clock. */
import type { Clock } from '../../app/clock.ts';
import { DEFAULT_SCHEDULE, Scheduler, clockPlanner } from '../../app/schedule/index.ts';
import type { Schedule } from '../../app/schedule/index.ts';

/** A started Scheduler on `clock` (boundaries as clock timers) for `schedule` (default: the shipped one, enabled, UTC). */
export function testScheduler(clock: Clock, schedule: Schedule = { ...DEFAULT_SCHEDULE, enabled: true, timeZone: 'UTC' }): Scheduler {
  const scheduler = new Scheduler({ schedule, clock, planner: clockPlanner(clock), systemZone: () => 'UTC' });
  scheduler.start();
  return scheduler;
}
