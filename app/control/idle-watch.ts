/**
 * The idle sampler behind the idle rule (machine.ts): it asks the system how long there has been no input
 * (a port; the app's is `powerMonitor.getSystemIdleTime()`, app/electron/power.ts) on a Clock timer, and
 * reports `idle` when that passes the rule's minutes and `active` when input comes back. The timer runs only
 * while an idle rule is enabled, so the app costs nothing when nobody asked for one.
 */
import type { CancelTimer, Clock } from '../clock.ts';
import type { OutsideEvent } from './types.ts';

/** How often the idle time is sampled, ms: activity is noticed within this, and so is the threshold. */
export const IDLE_SAMPLE_MS = 15_000;

/** What {@link IdleWatch} is built from. */
export interface IdleWatchDeps {
  clock: Pick<Clock, 'setTimer'>;
  /** Seconds since the last keyboard or mouse input. */
  idleSeconds(): number;
  notify(event: OutsideEvent): void;
  /** Sample period, ms (default {@link IDLE_SAMPLE_MS}). */
  sampleMs?: number;
}

/** Samples the idle time while an idle rule is on; reports crossings of its threshold. */
export class IdleWatch {
  private readonly deps: IdleWatchDeps;
  private thresholdS: number | null = null;
  private timer: CancelTimer | null = null;
  private idle = false;

  constructor(deps: IdleWatchDeps) {
    this.deps = deps;
  }

  /** True while the sampling timer runs. */
  get running(): boolean {
    return this.timer !== null;
  }

  /** Follow a threshold of `minutes` (null: no idle rule; the timer stops and an idle state ends). */
  configure(minutes: number | null): void {
    this.thresholdS = minutes === null ? null : minutes * 60;
    if (this.thresholdS === null) {
      this.stop();
      return;
    }
    this.sample();
  }

  /** Stop sampling (quit, or the rule turned off). */
  stop(): void {
    this.timer?.();
    this.timer = null;
    this.thresholdS = null;
    if (this.idle) this.report(false);
  }

  private sample(): void {
    this.timer?.();
    this.timer = null;
    if (this.thresholdS === null) return;
    let seconds: number;
    try {
      seconds = this.deps.idleSeconds();
    } catch {
      seconds = 0; // A system that cannot say counts as active: the rule never applies by mistake.
    }
    const idle = seconds >= this.thresholdS;
    if (idle !== this.idle) this.report(idle);
    this.timer = this.deps.clock.setTimer(() => this.sample(), this.deps.sampleMs ?? IDLE_SAMPLE_MS);
  }

  private report(idle: boolean): void {
    this.idle = idle;
    this.deps.notify({ type: idle ? 'idle' : 'active' });
  }
}
