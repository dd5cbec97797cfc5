/** The real Scheduler over a work-week schedule, enabled, in UTC, on a test clock. */
import type { Clock } from '../../app/clock.ts';
import { Scheduler, clockPlanner } from '../../app/schedule/index.ts';
import { WORK_WEEK_SCHEDULE } from './work-week-schedule.ts';
import type { Schedule } from '../../app/schedule/index.ts';

/** A started Scheduler on `clock` (boundaries as clock timers) for `schedule` (default: the work week with Available work hours, enabled, UTC). */
export function testScheduler(clock: Clock, schedule: Schedule = { ...WORK_WEEK_SCHEDULE, enabled: true, timeZone: 'UTC' }): Scheduler {
  const scheduler = new Scheduler({ schedule, clock, planner: clockPlanner(clock), systemZone: () => 'UTC' });
  scheduler.start();
  return scheduler;
}
