/**
 * Machine events to controller `notify()` (DESIGN.md §3): suspend/resume and lock/unlock from
 * `powerMonitor`, and network online/offline by polling `net.isOnline()` (Electron has no main-process
 * event for it). Only changes are reported, so a steady network costs nothing downstream.
 */
import type { Net, PowerMonitor } from 'electron';
import type { CancelTimer, Clock } from '../clock.ts';
import type { OutsideEvent } from '../control/types.ts';

/** Dependencies of {@link watchPower}. */
export interface PowerDeps {
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>;
  net: Pick<Net, 'isOnline'>;
  clock: Pick<Clock, 'setTimer'>;
  notify(event: OutsideEvent): void;
  /** How often to poll the network, ms (default 5 s: quick enough that "back online" feels immediate). */
  pollMs?: number;
}

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

  return () => {
    stopped = true;
    cancel?.();
    for (const [name, listener] of listeners) deps.powerMonitor.removeListener(name as 'suspend', listener);
  };
}
