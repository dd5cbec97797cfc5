/**
 * A {@link JobPlanner} on a ManualClock that counts the jobs waiting, so a test can prove the Scheduler keeps
 * exactly one job for its next boundary (never a job per rule per day).
 */
import type { CancelTimer } from '../../app/clock.ts';
import type { JobPlanner } from '../../app/schedule/job-planner.ts';
import { clockPlanner } from '../../app/schedule/job-planner.ts';
import type { ManualClock } from './manual-clock.ts';

/** The planner, the number of jobs waiting now, and every instant ever planned. */
export interface CountingPlanner extends JobPlanner {
  pending(): number;
  planned: Date[];
}

/** A counting planner on `clock`'s timers. */
export function countingPlanner(clock: ManualClock): CountingPlanner {
  const inner = clockPlanner(clock);
  let pending = 0;
  const planned: Date[] = [];
  return {
    planned,
    pending: () => pending,
    schedule(at, fn): CancelTimer {
      pending++;
      planned.push(at);
      let live = true;
      const cancel = inner.schedule(at, () => {
        live = false;
        pending--;
        fn();
      });
      return () => {
        if (live) pending--;
        live = false;
        cancel();
      };
    },
  };
}
