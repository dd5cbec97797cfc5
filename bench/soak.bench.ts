/**
 * `soak` (issue 15 "A 30-day soak in simulated time"): one install for 30 simulated days (test/soak/soak-world.ts:
 * createCore with the default schedule, the emulator in-process, reads, locks, sleeps, a few commands a day,
 * occasional 429/503/dropped connections/timeouts). Measured each night at 03:00 after a full GC.
 *
 * Goals: heap after day 30 within 5 MB of heap after day 1; the app's timers, process listeners and every
 * collection reachable from the core constant; the log within its rotation limit (files and bytes).
 */
import { SOAK_LOG_MAX_BYTES, SOAK_LOG_MAX_FILES, runSoak } from '../test/soak/soak-world.ts';
import type { Benchmark } from './harness.ts';
import { round } from './harness.ts';

const MB = 1024 * 1024;
const DAYS = 30;

/** The 30-day soak. */
export const soakBenchmark: Benchmark = {
  name: 'soak',
  description: '30 simulated days of one install: heap, timers, listeners, collections and log files night by night',
  async run() {
    const { nights, totalRequests, wallMs } = await runSoak({
      days: DAYS,
      onNight: (n) => process.stdout.write(`  day ${n.day}: heap ${round(n.heapUsedBytes / MB, 1)} MB, timers ${n.appTimers}, requests ${n.requests}\n`),
    });
    const first = nights[0];
    const last = nights[nights.length - 1];
    if (!first || !last) throw new Error('soak: no nights measured');
    const max = (f: (n: (typeof nights)[0]) => number): number => Math.max(...nights.map(f));
    const min = (f: (n: (typeof nights)[0]) => number): number => Math.min(...nights.map(f));
    return {
      days: nights.length,
      heapAfterDay1MB: round(first.heapUsedBytes / MB, 2),
      heapAfterLastDayMB: round(last.heapUsedBytes / MB, 2),
      heapGrowthMB: round((last.heapUsedBytes - first.heapUsedBytes) / MB, 2),
      heapMaxMB: round(max((n) => n.heapUsedBytes) / MB, 2),
      heapMBPerDay: nights.map((n) => round(n.heapUsedBytes / MB, 1)).join(' '),
      appTimersMin: min((n) => n.appTimers),
      appTimersMax: max((n) => n.appTimers),
      processListenersMin: min((n) => n.processListeners),
      processListenersMax: max((n) => n.processListeners),
      collectionEntriesDay1: first.collectionEntries,
      collectionEntriesMax: max((n) => n.collectionEntries),
      collectionEntriesLastDay: last.collectionEntries,
      largestCollectionMax: max((n) => n.largestCollection),
      requests: totalRequests,
      requestsPerWeekday: round(totalRequests / nights.filter((n) => n.requests > 0).length, 1),
      faultedRequests: nights.reduce((s, n) => s + n.faulted, 0),
      logFilesMax: max((n) => n.logFiles),
      logFilesLimit: SOAK_LOG_MAX_FILES,
      largestLogFileBytes: max((n) => n.largestLogFileBytes),
      logFileLimitBytes: SOAK_LOG_MAX_BYTES,
      wallMs: round(wallMs, 0),
    };
  },
};
