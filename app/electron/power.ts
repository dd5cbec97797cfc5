/**
 * Machine events to controller `notify()` (docs/architecture.md): suspend/resume and lock/unlock from
 * `powerMonitor`, and network online/offline by polling `net.isOnline()` (Electron has no main-process
 * event for it). Only changes are reported, so a steady network costs nothing downstream.
 *
 * `lock-screen`/`unlock-screen` exist only on macOS and Windows
 * (https://www.electronjs.org/docs/latest/api/power-monitor); on Linux the lock is read from
 * `getSystemIdleState()`, which answers `locked` where the desktop reports it, on a slow timer.
 */
import type { Net, PowerMonitor } from 'electron';
import type { CancelTimer, Clock } from '../clock.ts';
import type { OutsideEvent } from '../control/types.ts';

/** Dependencies of {@link watchPower}. */
export interface PowerDeps {
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener' | 'getSystemIdleState'>;
  net: Pick<Net, 'isOnline'>;
  clock: Pick<Clock, 'setTimer'>;
  notify(event: OutsideEvent): void;
  /** The system: on Linux the screen lock is polled (see above). */
  platform: NodeJS.Platform;
  /** How often to poll the network, ms (default 5 s: quick enough that "back online" feels immediate). */
  pollMs?: number;
  /** How often to poll the screen lock on Linux, ms (default 15 s: reads are 60 s apart, so a read or two at most slips through). */
  lockPollMs?: number;
}

/** Idle threshold passed to `getSystemIdleState`, seconds; only its `locked` answer is used. */
const IDLE_THRESHOLD_SECONDS = 60;

/** Start watching; returns the function that stops it. */
export function watchPower(deps: PowerDeps): () => void {
  const forward: Array<['suspend' | 'resume' | 'lock-screen' | 'unlock-screen', OutsideEvent]> = [
    ['suspend', { type: 'suspend' }],
    ['resume', { type: 'resume' }],
    ['lock-screen', { type: 'lock' }],
    ['unlock-screen', { type: 'unlock' }],
  ];
  const listeners = forward.map(([name, event]) => {
    const listener = (): void => deps.notify(event);
    deps.powerMonitor.on(name as 'suspend', listener);
    return [name, listener] as const;
  });

  let online = deps.net.isOnline();
  if (!online) deps.notify({ type: 'offline' });
  let cancel: CancelTimer | null = null;
  let stopped = false;
  const poll = (): void => {
    if (stopped) return;
    const now = deps.net.isOnline();
    if (now !== online) {
      online = now;
      deps.notify({ type: now ? 'online' : 'offline' });
    }
    cancel = deps.clock.setTimer(poll, deps.pollMs ?? 5000);
  };
  cancel = deps.clock.setTimer(poll, deps.pollMs ?? 5000);

  let cancelLock: CancelTimer | null = null;
  if (deps.platform === 'linux') {
    let locked = false;
    const pollLock = (): void => {
      if (stopped) return;
      const now = deps.powerMonitor.getSystemIdleState(IDLE_THRESHOLD_SECONDS) === 'locked';
      if (now !== locked) {
        locked = now;
        deps.notify({ type: now ? 'lock' : 'unlock' });
      }
      cancelLock = deps.clock.setTimer(pollLock, deps.lockPollMs ?? 15_000);
    };
    cancelLock = deps.clock.setTimer(pollLock, deps.lockPollMs ?? 15_000);
  }

  return () => {
    stopped = true;
    cancel?.();
    cancelLock?.();
    for (const [name, listener] of listeners) deps.powerMonitor.removeListener(name as 'suspend', listener);
  };
}

/**
 * The idle-time port of the idle rule (app/control/idle-watch.ts): seconds since the last keyboard or mouse
 * input, from `powerMonitor.getSystemIdleTime()`. Sampled only while an idle rule is on.
 */
export function idleSecondsFrom(powerMonitor: Pick<PowerMonitor, 'getSystemIdleTime'>): () => number {
  return () => powerMonitor.getSystemIdleTime();
}
