/**
 * Work a command must not wait for. In the app, saving the intent and each log line are synchronous file
 * writes, and a request a command starts does not leave when `fetch` is called: Node's fetch queues it at once
 * but writes a request with a body to the socket on the next turn of the event loop (its body is a stream read
 * there). Written before that, the files hold the request back: 0.43 ms per command with the app's intent file
 * and log file on this project's Linux test machine, more where a virus scanner opens every file. So the
 * controller writes them two turns later (the Clock's `defer`, twice), in the order they were asked for, and
 * `flush` writes what is left at once when the controller quits. test/control/after-request.test.ts watches the
 * request leave on undici's diagnostics channel, so a Node whose fetch sends later fails it.
 */
import type { CancelTimer, Clock } from '../clock.ts';
import type { ControlLog } from './types.ts';

/** A queue of work run two turns of the event loop later, in order. */
export class AfterRequest {
  private work: Array<() => void> = [];
  private cancel: CancelTimer | null = null;
  private readonly clock: Clock;

  constructor(clock: Clock) {
    this.clock = clock;
  }

  /** Run `fn` after the request this turn started has left, after everything queued before it. */
  run(fn: () => void): void {
    this.work.push(fn);
    if (this.cancel !== null) return;
    let second: CancelTimer | null = null;
    const first = this.clock.defer(() => (second = this.clock.defer(() => this.flush())));
    this.cancel = () => (second ?? first)();
  }

  /** Run everything queued now (quit), and stop waiting for its turn. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const work = this.work;
    this.work = [];
    for (const fn of work) fn();
  }
}

/** `log` with every line written later by `after`, in order. */
export function logAfterRequest(log: ControlLog, after: AfterRequest): ControlLog {
  return {
    debug: (message, fields) => after.run(() => log.debug(message, fields)),
    info: (message, fields) => after.run(() => log.info(message, fields)),
    warn: (message, fields) => after.run(() => log.warn(message, fields)),
    error: (message, fields) => after.run(() => log.error(message, fields)),
  };
}
