/**
 * Time as a port, so the controller, the scheduler and the tests agree on "now" and a fake clock can drive
 * them all (the emulator accepts the same clock when started in-process).
 */

/** Cancels a timer started with {@link Clock.setTimer}; calling it twice is harmless. */
export type CancelTimer = () => void;

/** Wall-clock time, monotonic time and one-shot timers. */
export interface Clock {
  /** Wall-clock milliseconds since the epoch (like `Date.now()`); may jump when the user changes the clock. */
  now(): number;
  /** Milliseconds from an arbitrary origin that never jumps (like `performance.now()`). */
  monotonic(): number;
  /** Run `fn` once after `delayMs` of monotonic time. */
  setTimer(fn: () => void, delayMs: number): CancelTimer;
  /**
   * Run `fn` once on a later turn of the event loop, after pending I/O callbacks (like `setImmediate`): for
   * work that must not delay what the current turn started (a request) but needs no time to pass.
   */
  defer(fn: () => void): CancelTimer;
}

/** Node's own clock. Timers are unref'd so a pending timer never keeps a test or CLI process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimer(fn, delayMs) {
    // setTimeout overflows above 2^31-1 ms (~24.8 days); chain shorter waits instead of firing at once.
    const MAX = 2_147_483_647;
    let handle: NodeJS.Timeout;
    const due = performance.now() + Math.max(0, delayMs);
    const arm = (): void => {
      const left = due - performance.now();
      handle = setTimeout(left > MAX ? arm : fn, Math.min(Math.max(0, left), MAX));
      handle.unref?.();
    };
    arm();
    return () => clearTimeout(handle);
  },
  defer(fn) {
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  },
};
