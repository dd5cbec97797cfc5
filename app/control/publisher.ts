/**
 * Publishing the state: listeners get the state once per change, on a later turn of the event loop (the
 * Clock's `defer`). Building and comparing the state costs more than sending a request, so a command's request
 * leaves first, a burst of changes is published once, and the same state is never published twice.
 */
import type { Clock } from '../clock.ts';
import { toAppError } from '../errors.ts';
import type { ControlLog, PresenceState } from './types.ts';

/** The state's listeners. */
export class Publisher {
  private readonly listeners = new Set<(state: PresenceState) => void>();
  private lastPublished = '';
  private queued = false;
  private readonly clock: Clock;
  private readonly log: ControlLog;
  private readonly state: () => PresenceState;

  constructor(clock: Clock, log: ControlLog, state: () => PresenceState) {
    this.clock = clock;
    this.log = log;
    this.state = state;
  }

  /** Call `listener` with the state on every change; returns an unsubscribe function. */
  onState(listener: (state: PresenceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop publishing (quit). */
  close(): void {
    this.listeners.clear();
  }

  /** The state may have changed: publish it on a later turn (once, however often this is called meanwhile). */
  publish(): void {
    if (this.listeners.size === 0 || this.queued) return;
    this.queued = true;
    this.clock.defer(() => {
      this.queued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (this.listeners.size === 0) return;
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    for (const listener of this.listeners) {
      try {
        listener(state);
      } catch (error) {
        this.log.error('a state listener threw', { code: toAppError(error).code });
      }
    }
  }
}
