/**
 * A clock for tests: time stands still until the test moves it, and due timers fire in order as it does.
 * Wall time and monotonic time move together unless a test jumps the wall clock on purpose.
 */
import type { CancelTimer, Clock } from '../../app/clock.ts';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** A {@link Clock} moved by hand. */
export class ManualClock implements Clock {
  private wall: number;
  private mono = 0;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(start: Date | string | number = '2026-11-23T08:00:00Z') {
    this.wall = new Date(start).getTime();
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    return this.mono;
  }

  setTimer(fn: () => void, delayMs: number): CancelTimer {
    const timer = { id: this.nextId++, due: this.mono + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Next turn of the real event loop: no time passes, so nothing needs to move the clock for it. */
  defer(fn: () => void): CancelTimer {
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  }

  /** Milliseconds until the next timer falls due (0 if one is due now), or null when none waits. */
  nextTimerIn(): number | null {
    if (this.timers.length === 0) return null;
    return Math.max(0, Math.min(...this.timers.map((t) => t.due)) - this.mono);
  }

  /** Number of timers waiting to fire. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Move both clocks forward by `ms`, firing every timer that falls due, in order, at its own time.
   * Awaits between timers so promise chains started by one timer settle before the next fires.
   */
  async advance(ms: number): Promise<void> {
    const target = this.mono + ms;
    for (;;) {
      const next = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!next) break;
      this.wall += next.due - this.mono;
      this.mono = next.due;
      this.timers = this.timers.filter((t) => t !== next);
      next.fn();
      await settle();
    }
    this.wall += target - this.mono;
    this.mono = target;
    await settle();
  }

  /** Jump the wall clock only (the user changed the system time); monotonic time and timers do not move. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }
}

/** Let pending promise callbacks and I/O callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
