import { describe, expect, it } from 'vitest';
import { clockPlanner, nodeSchedulePlanner } from '../../app/schedule/index.ts';
import { ManualClock } from '../support/manual-clock.ts';

describe('job planners', () => {
  it('node-schedule runs a job at its date, runs a past date at once, and cancels', async () => {
    const fired: string[] = [];
    // Far enough ahead that a loaded machine still reaches the first check before it is due.
    const soonAt = Date.now() + 500;
    nodeSchedulePlanner.schedule(new Date(soonAt), () => fired.push(Date.now() >= soonAt ? 'soon, on time' : 'soon, early'));
    nodeSchedulePlanner.schedule(new Date(Date.now() - 60_000), () => fired.push('past'));
    const cancel = nodeSchedulePlanner.schedule(new Date(Date.now() + 60), () => fired.push('cancelled'));
    cancel();
    await new Promise((r) => setImmediate(r));
    expect(fired).toEqual(['past']);
    // Wait for the job rather than a fixed time: how late a timer fires depends on the machine's load.
    const deadline = Date.now() + 10_000;
    while (fired.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100)); // long enough for the cancelled job to fire, were it not cancelled
    expect(fired).toEqual(['past', 'soon, on time']);
  });

  it('the clock planner waits on the injected clock', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const fired: number[] = [];
    clockPlanner(clock).schedule(new Date('2026-11-23T09:00:00Z'), () => fired.push(clock.now()));
    await clock.advance(59 * 60_000);
    expect(fired).toEqual([]);
    await clock.advance(60_000);
    expect(fired).toEqual([Date.parse('2026-11-23T09:00:00Z')]);
  });
});
