/**
 * The port through which the Scheduler waits for its one next boundary. Production uses `node-schedule`
 * (a job at a wall-clock date); tests use the injected {@link Clock}'s timers, so a manual clock drives it.
 */
import schedule from 'node-schedule';
import type { CancelTimer, Clock } from '../clock.ts';

/** Runs a function once at a wall-clock instant. */
export interface JobPlanner {
  /** Run `fn` once at `at` (as soon as possible if `at` has passed). The returned function cancels it. */
  schedule(at: Date, fn: () => void): CancelTimer;
}

/** The production planner: one `node-schedule` job per call. */
export const nodeSchedulePlanner: JobPlanner = {
  schedule(at, fn) {
    const job = schedule.scheduleJob(at, fn);
    if (job) return () => void job.cancel();
    // node-schedule refuses a date that has already passed; such a boundary is due now, not skipped.
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  },
};

/** A planner on a {@link Clock}'s timers (wall-clock delay at planning time), for tests and the demo. */
export function clockPlanner(clock: Clock): JobPlanner {
  return {
    schedule: (at, fn) => clock.setTimer(fn, Math.max(0, at.getTime() - clock.now())),
  };
}
