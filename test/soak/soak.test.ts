// The short soak (issue 15): three simulated days of the month-long `npm run bench -- soak`, asserting the
// invariants only (no timings): the app's timers and process listeners stay constant night after night, no
// Map, Set or array reachable from the core grows, and the log stays within its rotation limit.
import { describe, expect, it } from 'vitest';
import { SOAK_LOG_MAX_BYTES, SOAK_LOG_MAX_FILES, collectionSizes, runSoak } from './soak-world.ts';

describe('three simulated days', () => {
  it('keep timers, listeners and collections constant, and the log within its rotation limit', async () => {
    const { nights } = await runSoak({ days: 3 });
    expect(nights).toHaveLength(3);
    const [first, , last] = nights as [NonNullable<(typeof nights)[0]>, unknown, NonNullable<(typeof nights)[0]>];
    // The routine ran: reads and writes reached the emulator each weekday.
    for (const night of nights) expect(night.requests).toBeGreaterThan(100);
    for (const night of nights) {
      expect(night.appTimers).toBe(first.appTimers);
      expect(night.processListeners).toBe(first.processListeners);
      expect(night.collectionEntries).toBeLessThanOrEqual(first.collectionEntries);
      expect(night.logFiles).toBeLessThanOrEqual(SOAK_LOG_MAX_FILES);
      expect(night.largestLogFileBytes).toBeLessThanOrEqual(SOAK_LOG_MAX_BYTES);
    }
    expect(last.largestCollection).toBeLessThanOrEqual(first.largestCollection);
  }, 180_000);

  it('the collection walk sees what grows, through private fields and nesting, and skips what it is told to', () => {
    const grows = { inner: { list: [1, 2, 3], map: new Map([['a', new Set([1, 2])]]) } };
    expect(collectionSizes(grows, new Set())).toEqual({ entries: 3 + 1 + 2, largest: 3 });
    expect(collectionSizes(grows, new Set([grows.inner]))).toEqual({ entries: 0, largest: 0 });
  });
});
