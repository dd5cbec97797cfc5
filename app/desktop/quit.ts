/**
 * The clean quit (docs/architecture.md#the-core, issue 6): steps run in order, each with a time limit, so a hung step (a
 * write Graph never answers) is abandoned with a log line instead of keeping the app alive. Never throws.
 */
import type { Clock } from '../clock.ts';

/** One quit step. */
export interface QuitStep {
  name: string;
  run(): Promise<unknown> | unknown;
  /** Give up after this long (default 3 s). */
  timeoutMs?: number;
}

/** Where the quit reports what it did. */
export interface QuitLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What happened to each step. */
export type QuitReport = Array<{ name: string; result: 'done' | 'timed-out' | 'failed' }>;

/** Run the steps in order; a step that throws or times out is logged and the next one still runs. */
export async function runQuitSteps(steps: readonly QuitStep[], clock: Pick<Clock, 'setTimer'>, log: QuitLog): Promise<QuitReport> {
  const report: QuitReport = [];
  for (const step of steps) {
    const limit = step.timeoutMs ?? 3000;
    let cancel = (): void => {};
    const timeout = new Promise<'timed-out'>((resolve) => {
      cancel = clock.setTimer(() => resolve('timed-out'), limit);
    });
    let result: QuitReport[number]['result'];
    try {
      result = await Promise.race([Promise.resolve().then(() => step.run()).then(() => 'done' as const), timeout]);
    } catch (error) {
      log.warn(`quit: ${step.name} failed`, { error: error instanceof Error ? error.message : String(error) });
      result = 'failed';
    } finally {
      cancel();
    }
    if (result === 'timed-out') log.warn(`quit: ${step.name} abandoned after ${limit} ms`);
    else if (result === 'done') log.info(`quit: ${step.name} done`);
    report.push({ name: step.name, result });
  }
  return report;
}
